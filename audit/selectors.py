"""The audit log: every history row of every app and every AuditEvent, newest first.

One UNION ALL query asks every history table (and the events) for its own newest keys with
its own indexed filters (time, user, object id, action), at most one page plus one each, and
keeps the page's; then the page's history rows are read with what their labels need in three
more queries whatever kinds of object the page shows (audit.loading), and its events in one.
Paging goes by a cursor (the last row shown), so page 1,000 costs what page 1 does and nothing
is counted. Only the newest-first order is offered: the cursor runs one way.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.loading import attach_related, load_many
from audit.models import AuditEvent
from audit.sources import (
    HistorySource,
    NoQueries,
    forward_relations,
    history_sources,
    record_label,
    source_for,
)
from portal.events import KINDS

HISTORY_ACTIONS = {
    "+": _("Skapad"),
    "~": _("Ändrad"),
    "-": _("Borttagen"),
}
ACTIONS = {**HISTORY_ACTIONS, **KINDS}
EVENT_SOURCE = "~event"  # sorts after every "app.model" key


@dataclass(frozen=True)
class Filters:
    user: object | None = None
    object_type: str = ""
    object_id: int | None = None
    action: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass(frozen=True)
class Cursor:
    when: datetime.datetime
    source: str
    id: int

    def encode(self) -> str:
        return f"{self.when.isoformat()}|{self.source}|{self.id}"

    @classmethod
    def decode(cls, value: str) -> Cursor | None:
        try:
            when, source, pk = value.split("|")
            moment = datetime.datetime.fromisoformat(when)
            if timezone.is_naive(moment):
                return None
            return cls(moment, source, int(pk))
        except ValueError:
            return None


@dataclass(frozen=True)
class AuditRow:
    when: datetime.datetime
    source: str
    id: int
    user_name: str
    username: str
    action: str
    action_label: str
    object_type: str
    object_type_label: str
    object_id: str
    object_label: str
    reason: str
    ip_address: str

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.when, self.source, self.id)

    @property
    def sort_key(self):
        return (self.when, self.source, self.id)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    next_cursor: str  # "" on the last page
    is_first: bool


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _time_filters(field: str, filters: Filters, cursor: Cursor | None, source: str) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field}__gte": _day_start(filters.date_from)})
    if filters.date_to:
        q &= Q(**{f"{field}__lt": _day_start(filters.date_to + datetime.timedelta(days=1))})
    if cursor is not None:
        # Rows strictly after the cursor in the order (time, source, id), all descending.
        if source < cursor.source:
            q &= Q(**{f"{field}__lte": cursor.when})
        elif source > cursor.source:
            q &= Q(**{f"{field}__lt": cursor.when})
        else:
            id_field = "history_id" if field == "history_date" else "id"
            q &= Q(**{f"{field}__lt": cursor.when}) | Q(
                **{field: cursor.when, f"{id_field}__lt": cursor.id}
            )
    return q


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _history_keys(source: HistorySource, filters: Filters, cursor) -> QuerySet:
    """The source's rows after the cursor as (time, source, id), newest first."""
    records = source.history_model.objects.filter(
        _time_filters("history_date", filters, cursor, source.key)
    )
    if filters.user is not None:
        records = records.filter(history_user=filters.user)
    if filters.object_id is not None:
        records = records.filter(**{source.model._meta.pk.attname: filters.object_id})
    if filters.action in HISTORY_ACTIONS:
        records = records.filter(history_type=filters.action)
    return (
        records.annotate(audit_source=Value(source.key, output_field=CharField()))
        .order_by("-history_date", "-history_id")
        .values_list("history_date", "audit_source", "history_id")
    )


def _event_keys(filters: Filters, cursor) -> QuerySet:
    events = AuditEvent.objects.filter(_time_filters("occurred_at", filters, cursor, EVENT_SOURCE))
    if filters.user is not None:
        events = events.filter(user=filters.user)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id is not None:
        events = events.filter(object_id=str(filters.object_id))
    if filters.action in KINDS:
        events = events.filter(kind=filters.action)
    return (
        events.annotate(audit_source=Value(EVENT_SOURCE, output_field=CharField()))
        .order_by("-occurred_at", "-id")
        .values_list("occurred_at", "audit_source", "id")
    )


def _page_keys(filters: Filters, cursor, limit: int) -> list[tuple]:
    """The (time, source, id) of the next `limit` rows over every history table and the
    events, in one UNION ALL query: each branch reads at most `limit` rows from its own time
    index, PostgreSQL merges them."""
    sources = history_sources()
    if filters.object_type:
        sources = [s for s in sources if s.key == filters.object_type]
    if filters.action in KINDS:
        sources = []
    branches = [_history_keys(source, filters, cursor) for source in sources]
    if filters.action not in HISTORY_ACTIONS:
        branches.append(_event_keys(filters, cursor))
    if connection.features.supports_slicing_ordering_in_compound:
        branches = [branch[:limit] for branch in branches]
    else:
        # SQLite (the embedded default of `make run`) allows no ORDER BY or LIMIT inside a
        # UNION: the branches are merged whole and ordered once, slower but the same rows.
        branches = [branch.order_by() for branch in branches]
    if not branches:
        return []
    first, *others = branches
    if not others:
        return list(first)  # one table, already in order
    union = first.union(*others, all=True)
    return list(union.order_by("-history_date", "-audit_source", "-history_id")[:limit])


def _history_row(source: HistorySource, record) -> AuditRow:
    return AuditRow(
        when=record.history_date,
        source=source.key,
        id=record.history_id,
        user_name=_user_name(record.history_user) or str(_("Systemet")),
        username=record.history_user.get_username() if record.history_user else "",
        action=record.history_type,
        action_label=str(HISTORY_ACTIONS.get(record.history_type, "")),
        object_type=source.key,
        object_type_label=source.label,
        object_id=str(getattr(record, source.model._meta.pk.attname)),
        object_label=record_label(source, record),
        reason=record.history_change_reason or "",
        ip_address="",
    )


def _event_row(event: AuditEvent, labels: dict[str, str]) -> AuditRow:
    return AuditRow(
        when=event.occurred_at,
        source=EVENT_SOURCE,
        id=event.id,
        user_name=_user_name(event.user) or event.username,
        username=event.username,
        action=event.kind,
        action_label=str(KINDS.get(event.kind, event.kind)),
        object_type=event.object_type,
        object_type_label=labels.get(event.object_type, event.object_type),
        object_id=event.object_id,
        object_label=event.object_label,
        reason=event.detail,
        ip_address=event.ip_address or "",
    )


def _history_relations(instance) -> list:
    """What a history row's label and user need: its own foreign keys and its author."""
    model = type(instance)
    user = [model._meta.get_field("history_user")] if hasattr(model, "history_user") else []
    return [*forward_relations(model), *user]


def _history_records(ids: dict[str, list[int]]) -> dict[tuple[str, int], object]:
    """The page's history rows with the objects two steps out that their labels name, three
    queries however many kinds of object the page shows (audit.loading)."""
    sources = {source.history_model: source for source in history_sources()}
    wanted = {source_for(key).history_model: set(pks) for key, pks in ids.items()}
    records = list(load_many(wanted).values())
    related = attach_related(records, _history_relations)
    attach_related(related, lambda instance: forward_relations(type(instance)))
    return {(sources[type(record)].key, record.history_id): record for record in records}


def audit_rows(filters: Filters, *, cursor: Cursor | None = None, limit: int) -> list[AuditRow]:
    """Up to `limit` rows after the cursor, newest first, in at most five queries: the page's
    keys, its history rows, the objects they point at and those objects' own (for the labels),
    and its events."""
    keys = _page_keys(filters, cursor, limit)
    ids: dict[str, list[int]] = defaultdict(list)
    for _when, key, pk in keys:
        ids[key].append(pk)
    events = ids.pop(EVENT_SOURCE, [])
    rows: dict[tuple[str, int], AuditRow] = {}
    records = _history_records(ids)
    with NoQueries():
        for (key, pk), record in records.items():
            rows[key, pk] = _history_row(source_for(key), record)
    if events:
        labels = {source.key: source.label for source in history_sources()}
        for event in AuditEvent.objects.select_related("user").filter(id__in=events):
            rows[EVENT_SOURCE, event.id] = _event_row(event, labels)
    return [rows[key, pk] for _when, key, pk in keys if (key, pk) in rows]


def audit_log(filters: Filters, *, cursor: str = "", per_page: int = 50) -> AuditPage:
    """One page of the log after the (encoded) cursor."""
    position = Cursor.decode(cursor) if cursor else None
    rows = audit_rows(filters, cursor=position, limit=per_page + 1)
    more = len(rows) > per_page
    rows = rows[:per_page]
    return AuditPage(
        rows=rows,
        next_cursor=rows[-1].cursor.encode() if more else "",
        is_first=position is None,
    )


def object_type_choices() -> list[tuple[str, str]]:
    return sorted(((s.key, s.label) for s in history_sources()), key=lambda c: c[1])


def known_object_type(key: str) -> bool:
    return source_for(key) is not None
