"""Reads of the notifications app, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from governance.models import (
    AgendaItem,
    Attachment,
    DecisionRecipient,
    Dispatch,
    Guest,
    Meeting,
)
from governance.services.dispatch import minutes_status_of
from governance.services.rules import dispatch_refusal
from groups.models import Group, Person, Region
from notifications.mail import Recipient
from notifications.models import (
    MANDATORY_KINDS,
    Mailing,
    MailOptOut,
    MessageKind,
    MessageStatus,
    OutboxMessage,
)
from notifications.notices import (
    agenda_fingerprint,
    dispatch_recipients,
    notice_recipients,
    notice_refusal,
)
from portal.pagination import UncountedPaginator
from portal.queries import choice_order
from portal.sorting import Column, Sort

OUTBOX_PAGE_SIZE = 50


def failed_message_count() -> int:
    """For the administrators' dashboard: messages that gave up and wait to be sent again."""
    return OutboxMessage.objects.filter(status=MessageStatus.FAILED).count()


def messages_for_user(user) -> QuerySet[OutboxMessage]:
    """Every message sent to a user, directly or as their person (GDPR export)."""
    return OutboxMessage.objects.filter(Q(user=user) | Q(person__user=user)).order_by(
        "-created_at", "-pk"
    )


@dataclass
class NoticeState:
    items: list[AgendaItem]
    attachments: list[Attachment]
    recipients: list[Recipient]
    fingerprint: str
    last: Mailing | None
    next_version: int
    is_changed: bool
    without_address: list[str] = field(default_factory=list)
    refusal: str = ""  # why no kallelse can be sent now ("" when it can)


def notice_state(meeting: Meeting) -> NoticeState:
    """What a kallelse sent now would be: its recipients, the version and whether it is an
    "Ändrad kallelse" (the agenda differs from the last kallelse's). Six queries."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    attachments = list(
        Attachment.objects.filter(agenda_item__meeting=meeting, is_confidential=False)
        .select_related("agenda_item")
        .order_by("agenda_item__number", "position", "pk")
    )
    guests = list(Guest.objects.filter(meeting=meeting))
    recipients = notice_recipients(meeting, guests)
    fingerprint = agenda_fingerprint(meeting, items, attachments)
    last = Mailing.objects.filter(kind=MessageKind.NOTICE, meeting=meeting).first()
    changed = last is not None and last.fingerprint != fingerprint
    return NoticeState(
        items=items,
        attachments=attachments,
        recipients=recipients,
        fingerprint=fingerprint,
        last=last,
        next_version=(last.version + (1 if changed else 0)) if last else 1,
        is_changed=changed or (last is not None and last.is_changed),
        without_address=[r.name for r in recipients if not r.email],
        refusal=notice_refusal(meeting, has_items=bool(items), now=timezone.now()) or "",
    )


def notices_sent(meeting) -> list[Mailing]:
    """The meeting page's kallelser, newest first, each with `sent_messages` (its messages):
    one query, the messages joined to their mailing and sender."""
    messages = (
        OutboxMessage.objects.filter(mailing__meeting=meeting, mailing__kind=MessageKind.NOTICE)
        .select_related("mailing__created_by")
        .order_by("-mailing__created_at", "-mailing_id", "to_name", "pk")
    )
    mailings: dict[int, Mailing] = {}
    for message in messages:
        mailing = mailings.setdefault(message.mailing_id, message.mailing)
        mailing.__dict__.setdefault("sent_messages", []).append(message)
    return list(mailings.values())


def decision_recipients(decision) -> list[DecisionRecipient]:
    return list(
        DecisionRecipient.objects.filter(decision=decision).select_related(
            "group", "person__user", "region"
        )
    )


@dataclass
class DispatchPreview:
    lines: list  # (label, [Recipient]) for each line of "Utdrag till"
    unreachable: list[str]
    refusal: str  # rules.dispatch_refusal, or "" when the decision may be dispatched


def dispatch_preview(decision) -> DispatchPreview:
    """What "Expediera" would send, to whom, and whether it may: four queries."""
    lines = dispatch_recipients(decision_recipients(decision))
    refusal = dispatch_refusal(decision, minutes_status=minutes_status_of(decision))
    return DispatchPreview(
        lines=lines,
        unreachable=[label for label, reached in lines if not reached],
        refusal=refusal or "",
    )


def decision_dispatch_overview(decision) -> dict:
    """The decision page's "Utdrag till" and "Expediering": two queries."""
    recipients = decision_recipients(decision)
    dispatches = list(
        Dispatch.objects.filter(decision=decision)
        .select_related("dispatched_by", "mailing")
        .annotate(
            sent_count=Count("mailing__messages", filter=Q(mailing__messages__status="sent")),
            message_count=Count("mailing__messages"),
        )
    )
    return {"recipients": recipients, "dispatches": dispatches}


@dataclass(frozen=True)
class OutboxFilters:
    status: str = ""
    kind: str = ""
    query: str = ""


OUTBOX_COLUMNS = (
    Column("skapat", gettext_lazy("Skapat"), ("created_at",), descending_first=True),
    Column("mottagare", gettext_lazy("Mottagare"), ("to_name", "to_email")),
    Column("amne", gettext_lazy("Ämne"), ("subject",)),
    Column("typ", gettext_lazy("Typ"), ("kind_order", "-created_at")),
    Column("status", gettext_lazy("Status"), ("status_order", "-created_at")),
    Column("forsok", gettext_lazy("Försök"), ("attempts", "-created_at"), descending_first=True),
)
OUTBOX_DEFAULT_SORT = "-skapat"


def outbox_page(filters: OutboxFilters, *, page: int | str = 1, sort: Sort | None = None):
    """The outbox in the chosen order (newest first by default), 50 a page: one query (the
    page reads one row more instead of counting), plus one for the counts per status shown
    above the filters."""
    messages = OutboxMessage.objects.select_related(
        "meeting__group", "decision", "person"
    ).annotate(
        kind_order=choice_order("kind", MessageKind.choices, by_label=True),
        status_order=choice_order("status", MessageStatus.choices),
    )
    if filters.status:
        messages = messages.filter(status=filters.status)
    if filters.kind:
        messages = messages.filter(kind=filters.kind)
    if filters.query:
        messages = messages.filter(
            Q(to_email__icontains=filters.query)
            | Q(to_name__icontains=filters.query)
            | Q(subject__icontains=filters.query)
        )
    ordering = sort.order_by() if sort is not None else ["-created_at", "-pk"]
    return UncountedPaginator(messages.order_by(*ordering), OUTBOX_PAGE_SIZE).get_page(page)


def outbox_counts() -> dict[str, int]:
    counts = dict.fromkeys(MessageStatus.values, 0)
    rows = OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).order_by()
    counts.update(dict(rows))
    return counts


@dataclass(frozen=True)
class PreferenceRow:
    kind: str
    label: str
    enabled: bool
    mandatory: bool


def preferences_for(user) -> list[PreferenceRow]:
    off = set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [
        PreferenceRow(
            kind=kind,
            label=label,
            enabled=kind in MANDATORY_KINDS or kind not in off,
            mandatory=kind in MANDATORY_KINDS,
        )
        for kind, label in MessageKind.choices
    ]


def recipient_choices() -> dict:
    """The querysets of the recipient form's choices (groups, people with an address,
    regions)."""
    return {
        "groups": Group.objects.select_related("healthcare_region").order_by("name"),
        "people": Person.objects.exclude(email="").order_by("last_name", "first_name"),
        "regions": Region.objects.order_by("name"),
    }
