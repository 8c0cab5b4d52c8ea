"""The audit log: every history row of every app and every AuditEvent, newest first.

Each history table is asked for its own newest rows with its own indexed filters (time, user,
object id, action), at most one page plus one; the rows are merged in memory. Paging goes by a
cursor (the last row shown), so page 1,000 costs what page 1 does and nothing is counted.
The number of queries is fixed: one per history table, one for the events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEvent
from audit.sources import HistorySource, NoQueries, history_sources, record_label, source_for
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


def _history_rows(source: HistorySource, filters: Filters, cursor, limit: int) -> list[AuditRow]:
    records = source.history_model.objects.select_related("history_user", *source.related)
    records = records.filter(_time_filters("history_date", filters, cursor, source.key))
    if filters.user is not None:
        records = records.filter(history_user=filters.user)
    if filters.object_id is not None:
        records = records.filter(**{source.model._meta.pk.attname: filters.object_id})
    if filters.action in HISTORY_ACTIONS:
        records = records.filter(history_type=filters.action)
    records = list(records.order_by("-history_date", "-history_id")[:limit])
    rows = []
    with NoQueries():
        for record in records:
            rows.append(
                AuditRow(
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
            )
    return rows


def _event_rows(filters: Filters, cursor, limit: int) -> list[AuditRow]:
    events = AuditEvent.objects.select_related("user").filter(
        _time_filters("occurred_at", filters, cursor, EVENT_SOURCE)
    )
    if filters.user is not None:
        events = events.filter(user=filters.user)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id is not None:
        events = events.filter(object_id=str(filters.object_id))
    if filters.action in KINDS:
        events = events.filter(kind=filters.action)
    labels = {source.key: source.label for source in history_sources()}
    return [
        AuditRow(
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
        for event in events.order_by("-occurred_at", "-id")[:limit]
    ]


def audit_rows(filters: Filters, *, cursor: Cursor | None = None, limit: int) -> list[AuditRow]:
    """Up to `limit` rows after the cursor, newest first."""
    sources = history_sources()
    if filters.object_type:
        sources = [s for s in sources if s.key == filters.object_type]
    if filters.action in KINDS:
        sources = []
    rows = []
    for source in sources:
        rows.extend(_history_rows(source, filters, cursor, limit))
    if filters.action not in HISTORY_ACTIONS:
        rows.extend(_event_rows(filters, cursor, limit))
    rows.sort(key=lambda row: row.sort_key, reverse=True)
    return rows[:limit]


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
