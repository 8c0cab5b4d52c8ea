"""Rows of many tables in one query: the audit log's page names objects of up to every model
with history, and reading each table on its own would cost one query per kind of object shown.

`load_many({Model: {pk, …}, …})` asks every table in one UNION ALL, each row as JSON, and builds
the instances from it (each field's `to_python`), so a page of the log costs the same few
queries whatever it shows. `attach_related` does the same for the objects the rows point at,
one level per call, and puts them in the instances' relation caches as select_related would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, models

Wanted = dict[type[models.Model], set]


def _skipped_columns(model) -> list[str]:
    # Stored files' bytes are never part of a label: leave them in the database.
    return [f.column for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)]


def _branch(index: int, model) -> str:
    quote = connection.ops.quote_name
    row = "to_jsonb(t)"
    skipped = _skipped_columns(model)
    if skipped:
        row += " - ARRAY[{}]::text[]".format(", ".join(f"'{column}'" for column in skipped))
    pk = model._meta.pk
    target = pk.target_field if pk.is_relation else pk
    array = "::bigint[]" if isinstance(target, models.IntegerField) else ""
    return (
        f"SELECT {index} AS model_index, ({row})::text AS row "
        f"FROM {quote(model._meta.db_table)} t WHERE t.{quote(pk.column)} = ANY(%s{array})"
    )


def _value(field, data: dict):
    value = data.get(field.column)
    if value is None:
        return None
    try:
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


def _instance(model, data: dict):
    fields = [f for f in model._meta.concrete_fields if f.column in data]
    return model.from_db(
        connection.alias, [f.attname for f in fields], [_value(f, data) for f in fields]
    )


def load_many(wanted: Wanted) -> dict[tuple[type[models.Model], object], models.Model]:
    """The instances of `wanted` (model → primary keys) by (model, pk), in one query."""
    wanted = {model: pks for model, pks in wanted.items() if pks}
    if not wanted:
        return {}
    if connection.vendor != "postgresql":
        # The embedded SQLite of `make run`: a query per model (to_jsonb and ANY are PostgreSQL's).
        return {
            (model, instance.pk): instance
            for model, pks in wanted.items()
            for instance in model._base_manager.filter(pk__in=pks)
        }
    order = list(wanted)
    sql = " UNION ALL ".join(_branch(index, model) for index, model in enumerate(order))
    with connection.cursor() as cursor:
        cursor.execute(sql, [sorted(wanted[model]) for model in order])
        found = cursor.fetchall()
    loaded = {}
    for index, row in found:
        instance = _instance(order[index], json.loads(row, parse_float=Decimal))
        loaded[type(instance), instance.pk] = instance
    return loaded


def attach_related(instances: Iterable[models.Model], relations) -> list[models.Model]:
    """Load in one query what `relations(instance)` (its foreign keys to follow) point at and
    cache each on its instance; returns the objects loaded."""
    links = [(instance, field) for instance in instances for field in relations(instance)]
    wanted: Wanted = defaultdict(set)
    for instance, field in links:
        value = getattr(instance, field.attname)
        if value is not None:
            wanted[field.related_model].add(value)
    loaded = load_many(wanted)
    for instance, field in links:
        value = getattr(instance, field.attname)
        related = loaded.get((field.related_model, value)) if value is not None else None
        if value is None or related is not None:
            field.set_cached_value(instance, related)
    return list(loaded.values())
