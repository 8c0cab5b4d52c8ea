"""Bulk rows with their history rows: COPY on PostgreSQL, executemany elsewhere.

Rows are dicts keyed by field attname; a field left out takes its model default. Every row of
a model with django-simple-history gets a history row ("+" at its `created_at` unless told
otherwise), so the pages that read history see what the services would have written.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection, models

FLUSH_ROWS = 20_000


class _Table:
    def __init__(self, model: type[models.Model], *, columns: list[models.Field]):
        self.model = model
        self.fields = columns
        self.names = [field.attname for field in columns]
        self.defaults = {field.attname: field.get_default() for field in columns}
        self.values = operator.itemgetter(*self.names)
        self.rows: list[tuple] = []
        self.count = 0


class RowWriter:
    """Buffers rows per table and writes them in batches; `close()` writes the rest and moves
    the id sequences past the ids given out."""

    def __init__(self, *, reason: str):
        self.reason = reason
        self.vendor = connection.vendor
        self.tables: dict[type[models.Model], _Table] = {}
        self.history_tables: dict[type[models.Model], _Table] = {}
        self.next_ids: dict[type[models.Model], int] = {}

    # ids -------------------------------------------------------------------------------
    def new_id(self, model: type[models.Model]) -> int:
        if model not in self.next_ids:
            highest = model._base_manager.aggregate(n=models.Max("pk"))["n"] or 0
            self.next_ids[model] = highest + 1
        value = self.next_ids[model]
        self.next_ids[model] = value + 1
        return value

    # rows ------------------------------------------------------------------------------
    def add(
        self,
        model: type[models.Model],
        row: dict,
        *,
        history: Iterable[tuple[str, datetime.datetime, int | None, str | None]] | None = None,
    ) -> dict:
        """Add one row (its `id` given out here unless set). `history` lists the history rows
        as (type, date, user id, reason) with the row's final values; by default one "+" at
        `created_at` by nobody (a command), with the writer's reason."""
        if "id" not in row:
            row["id"] = self.new_id(model)
        table = self._table(model)
        values = table.values({**table.defaults, **row})
        table.rows.append(values)
        table.count += 1
        if len(table.rows) >= FLUSH_ROWS:
            self._flush(table)
        if getattr(model._meta, "simple_history_manager_attribute", None):
            htable = self._history_table(model)
            if history is None:
                history = [("+", row["created_at"], None, None)]
            for kind, date, user_id, reason in history:
                htable.rows.append((*values, date, kind, user_id, reason or self.reason))
                htable.count += 1
            if len(htable.rows) >= FLUSH_ROWS:
                self._flush(htable)
        return row

    def counts(self) -> dict[str, int]:
        result = {t.model._meta.label: t.count for t in self.tables.values()}
        result["history"] = sum(t.count for t in self.history_tables.values())
        return result

    def flush(self) -> None:
        for table in [*self.tables.values(), *self.history_tables.values()]:
            self._flush(table)

    def close(self) -> None:
        self.flush()
        sql = connection.ops.sequence_reset_sql(
            no_style(), [*self.tables, *(m.history.model for m in self.history_tables)]
        )
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
            if self.vendor == "postgresql":
                # Fresh statistics, or the planner takes the tables for as small as they were
                # and joins a million rows by nested loops (minutes a query in the tests,
                # whose data is never committed for autovacuum to see).
                for model in [*self.tables, *(m.history.model for m in self.history_tables)]:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    # internals ---------------------------------------------------------------------------
    def _table(self, model) -> _Table:
        if model not in self.tables:
            self.tables[model] = _Table(model, columns=list(model._meta.concrete_fields))
        return self.tables[model]

    def _history_table(self, model) -> _Table:
        if model not in self.history_tables:
            hmodel = model.history.model
            meta = hmodel._meta
            own = [meta.get_field(field.name) for field in model._meta.concrete_fields]
            tail = [meta.get_field(name) for name in HISTORY_FIELDS]
            self.history_tables[model] = _Table(hmodel, columns=own + tail)
        return self.history_tables[model]

    def _flush(self, table: _Table) -> None:
        if not table.rows:
            return
        rows, table.rows = table.rows, []
        db_table = connection.ops.quote_name(table.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in table.fields)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {db_table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                prepared = [
                    [
                        f.get_db_prep_save(v, connection)
                        for f, v in zip(table.fields, row, strict=True)
                    ]
                    for row in rows
                ]
                marks = ", ".join(["%s"] * len(table.fields))
                cursor.executemany(f"INSERT INTO {db_table} ({columns}) VALUES ({marks})", prepared)


HISTORY_FIELDS = ["history_date", "history_type", "history_user", "history_change_reason"]


def foreign_key_orphans(models_written) -> list[str]:
    """Every foreign key of the written tables checked at once, one anti-join per key: what
    PostgreSQL's deferred per-row checks would find at commit, in a fraction of the time.
    Returns "table.column" for each key with a value that points nowhere."""
    problems = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_written:
            for field in model._meta.concrete_fields:
                if not field.is_relation or not getattr(field, "db_constraint", False):
                    continue
                target = field.target_field
                child, parent = model._meta.db_table, target.model._meta.db_table
                cursor.execute(
                    f"SELECT 1 FROM {quote(child)} c WHERE c.{quote(field.column)} IS NOT NULL "
                    f"AND NOT EXISTS (SELECT 1 FROM {quote(parent)} p "
                    f"WHERE p.{quote(target.column)} = c.{quote(field.column)}) LIMIT 1"
                )
                if cursor.fetchone():
                    problems.append(f"{child}.{field.column}")
    return problems
