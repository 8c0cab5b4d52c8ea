"""Sortable columns: the sort lives in the URL (``?sortera=titel``, ``?sortera=-titel``).

A list view declares its columns once (key in the URL, label, the fields it orders by); the
selector orders its queryset with ``sort.order_by()`` and the template draws each header with
``{% sort_header sort "key" %}``. An unknown or missing value falls back to the list's default
without an error, since the value usually comes from an old bookmark, not from a person typing.
Every ordering ends with a unique field so that paging never repeats or skips a row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SORT_PARAM = "sortera"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    fields: tuple[str, ...]
    #: Dates and numbers read newest or largest first on the first click.
    descending_first: bool = False


@dataclass(frozen=True)
class Sort:
    columns: tuple[Column, ...]
    column: Column
    descending: bool
    default_key: str
    tie_breaker: str = "pk"

    @property
    def value(self) -> str:
        return f"-{self.column.key}" if self.descending else self.column.key

    @property
    def chosen(self) -> str | None:
        """The URL value a filter form carries to keep the sort, None for the default."""
        return None if self.value == self.default_key else self.value

    def order_by(self) -> list[str]:
        """The queryset ordering: each field of the column in the chosen direction."""
        fields = [*self.column.fields, self.tie_breaker]
        return [_reverse(field) if self.descending else field for field in fields]

    def header(self, key: str) -> dict:
        """What the header of column ``key`` shows: its label, link and aria-sort state."""
        column = self._column(key)
        active = column.key == self.column.key
        next_descending = not self.descending if active else column.descending_first
        value = f"-{column.key}" if next_descending else column.key
        return {
            "label": column.label,
            "value": None if value == self.default_key else value,
            "active": active,
            "aria_sort": ("descending" if self.descending else "ascending") if active else None,
        }

    def _column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"no sortable column {key!r}")


def _reverse(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def sort_from(
    params: Mapping[str, str], columns: tuple[Column, ...], *, default: str, tie_breaker: str = "pk"
) -> Sort:
    """The sort that ``params`` (request.GET) asks for among ``columns``, else ``default``."""
    by_key = {column.key: column for column in columns}
    default_descending = default.startswith("-")
    default_column = by_key[default.lstrip("-")]
    requested = (params.get(SORT_PARAM) or "").strip()
    descending = requested.startswith("-")
    column = by_key.get(requested.lstrip("-"))
    if column is None:
        column, descending = default_column, default_descending
    return Sort(
        columns=columns,
        column=column,
        descending=descending,
        default_key=default,
        tie_breaker=tie_breaker,
    )
