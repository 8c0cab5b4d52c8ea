"""Small query building blocks shared by the apps' selectors."""

import datetime
import json
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber
from django.utils import timezone


def count_per_row(related: QuerySet, *, via: str) -> Coalesce:
    """The number of `related` rows pointing (through the foreign key `via`) at each row of the
    outer query, as a correlated subquery: PostgreSQL counts for the rows of the page only,
    where a Count() annotation groups every row before the LIMIT (and the paginator's COUNT)."""
    return Coalesce(
        Subquery(
            related.filter(**{via: OuterRef("pk")})
            .order_by()
            .values(via)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


@dataclass(frozen=True)
class Rows:
    """One part of `read_together`: a queryset of small, already filtered rows (a meeting's
    guests, its decisions' clauses) and the paths of the related objects read with each row
    (what select_related would follow), e.g. ("attendance__person",)."""

    queryset: QuerySet
    related: tuple[str, ...] = ()


def read_together(*parts: Rows) -> list[list[models.Model]]:
    """The rows of several querysets in one query (UNION ALL), each row as one JSON object
    with its related objects beside it (PostgreSQL: each table's whole row, TO_JSONB), rebuilt
    into model instances in each queryset's order.
    For a page that reads a dozen small sets of rows belonging to one object: one round trip
    instead of one per prefetch, on PostgreSQL and SQLite alike. Parts are meant to be small
    (the rows of one meeting or one decision), not lists to page through."""
    if not parts:
        return []
    branches = []
    for index, part in enumerate(parts):
        model = part.queryset.model
        ordering = part.queryset.query.order_by or model._meta.ordering or ["pk"]
        branches.append(
            part.queryset.order_by()
            .annotate(
                _part=Cast(Value(index), _INTEGER),
                _position=Window(RowNumber(), order_by=[_order(term) for term in ordering]),
                _row=_row_of(model, _tree(part.related), connections[part.queryset.db].vendor),
            )
            .values("_part", "_position", "_row")
        )
    query = branches[0].union(*branches[1:], all=True).order_by("_part", "_position")
    found: list[list[models.Model]] = [[] for _ in parts]
    for row in query:
        part = parts[row["_part"]]
        data = row["_row"]
        if isinstance(data, str):  # SQLite gives the JSON as text
            data = json.loads(data)
        found[row["_part"]].append(_instance(part.queryset.model, _tree(part.related), data))
    return found


def set_prefetched(parents, name: str, rows: list[models.Model], *, via: str) -> None:
    """Give each parent its rows (those whose foreign key `via` points at it) as if
    prefetch_related(name) had read them: `parent.<name>.all()` answers without a query."""
    by_parent: dict[object, list] = {}
    for row in rows:
        by_parent.setdefault(getattr(row, f"{via}_id"), []).append(row)
    for parent in parents:
        mine = by_parent.get(parent.pk, [])
        field = type(mine[0])._meta.get_field(via) if mine else None
        for row in mine:
            field.set_cached_value(row, parent)
        queryset = getattr(parent, name).all()
        queryset._result_cache = mine
        queryset._prefetch_done = True
        if not hasattr(parent, "_prefetched_objects_cache"):
            parent._prefetched_objects_cache = {}
        parent._prefetched_objects_cache[name] = queryset


def _order(term):
    if hasattr(term, "resolve_expression"):
        return term
    descending = term.startswith("-")
    expression = F(term.lstrip("-"))
    return expression.desc() if descending else expression.asc()


def _tree(paths: tuple[str, ...]) -> dict:
    tree: dict = {}
    for path in paths:
        node = tree
        for name in path.split("__"):
            node = node.setdefault(name, {})
    return tree


_INTEGER = IntegerField()  # shared: a field is costly to make, and this one is only read


class _RowObject(Func):
    """A JSON object of named SQL expressions (JSONB_BUILD_OBJECT on PostgreSQL, JSON_OBJECT
    on SQLite). Lighter than JSONObject, which casts each key as a parameter: the keys here
    are our models' column names and related paths, written into the SQL as literals."""

    output_field = JSONField()

    def __init__(self, columns: dict):
        for key in columns:
            if not key.isidentifier():
                raise ValueError(f"not a column name: {key!r}")
        self.keys = list(columns)
        super().__init__(*columns.values())

    def as_sql(self, compiler, connection, **extra_context):
        function = "JSONB_BUILD_OBJECT" if connection.vendor == "postgresql" else "JSON_OBJECT"
        parts, params = [], []
        for key, expression in zip(self.keys, self.get_source_expressions(), strict=True):
            sql, more = compiler.compile(expression)
            parts.append(f"'{key}', {sql}")
            params.extend(more)
        return f"{function}({', '.join(parts)})", params


class _WholeRow(Func):
    """PostgreSQL: the whole row of the table a path leads to (TO_JSONB of the row, keyed by
    column). Its one argument is a non-key column of that table, which makes the join (a
    path's key alone could be read from the foreign key without joining)."""

    output_field = JSONField()

    def as_sql(self, compiler, connection, **extra_context):
        (column,) = self.get_source_expressions()
        return f"TO_JSONB({compiler.quote_name_unless_alias(column.alias)})", []


def _paths(model, tree: dict, prefix: str = "") -> list[tuple[str, type[models.Model]]]:
    """(path, model) of the row and of every related object read with it."""
    found = [(prefix, model)]
    for name, subtree in tree.items():
        related = model._meta.get_field(name).related_model
        found += _paths(related, subtree, f"{prefix}__{name}" if prefix else name)
    return found


def _row_of(model, tree: dict, vendor: str) -> _RowObject:
    columns = {}
    for path, related in _paths(model, tree):
        lookup = f"{path}__" if path else ""
        if vendor == "postgresql":
            other = next(f for f in related._meta.concrete_fields if not f.primary_key)
            columns[path or "row"] = _WholeRow(F(lookup + other.attname))
        else:
            columns[path or "row"] = _RowObject(
                {f.column: F(lookup + f.attname) for f in related._meta.concrete_fields}
            )
    return _RowObject(columns)


def _instance(model, tree: dict, data: dict, path: str = ""):
    row = data.get(path or "row")
    if row is None or row.get(model._meta.pk.column) is None:
        return None  # a nullable foreign key pointing nowhere
    fields = model._meta.concrete_fields
    values = [_python(field, row.get(field.column)) for field in fields]
    instance = model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], values)
    for name, subtree in tree.items():
        field = model._meta.get_field(name)
        sub = f"{path}__{name}" if path else name
        field.set_cached_value(instance, _instance(field.related_model, subtree, data, sub))
    return instance


def _python(field, value):
    """JSON gives text for times and dates; SQLite's times are UTC without an offset."""
    if value is None:
        return None
    value = field.to_python(value)
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def choice_order(field: str, choices, *, by_label: bool = False) -> Case:
    """A sortable position for a choice field: the order its choices are declared in (a
    lifecycle such as planned → active → closed), or with `by_label` the alphabetical order
    of their labels in the current language, so a sorted column reads in the order shown,
    not in the order of the stored English keys."""
    pairs = list(choices)
    if by_label:
        pairs.sort(key=lambda pair: str(pair[1]).casefold())
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, (value, _label) in enumerate(pairs)),
        default=Value(len(pairs)),
        output_field=IntegerField(),
    )


def choice_label(field: str, choices) -> Case:
    """A choice field's label in the current language, from SQL: a list of 50 rows then needs
    no `get_FOO_display()` per row (each one hashes every lazy label of the choices)."""
    return Case(
        *(When(**{field: value}, then=Value(str(label))) for value, label in choices),
        default=Value(""),
        output_field=CharField(),
    )
