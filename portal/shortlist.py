"""A short list for dashboards and overviews: the first rows and whether there are more,
fetched in one query (limit + 1 rows), never counted."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Shortlist:
    rows: list
    has_more: bool

    def __bool__(self) -> bool:
        return bool(self.rows)


def shortlist(queryset: QuerySet, *, limit: int) -> Shortlist:
    rows = list(queryset[: limit + 1])
    return Shortlist(rows[:limit], len(rows) > limit)
