"""What the dashboard shows a user of governance: each a fixed number of queries."""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils import timezone

from governance.access.commissions import visible_commissions
from governance.models import (
    Decision,
    DecisionStatus,
    Deliverable,
    DeliverableStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesStatus,
)
from governance.services import rules
from portal.shortlist import Shortlist, shortlist

DELIVERABLE_HORIZON_DAYS = 60
# How far back a held meeting still asks for its minutes on the convener's dashboard; older
# ones without minutes stay on the meeting list, flagged late, and on the administrator's.
MINUTES_LOOKBACK_DAYS = 90


def meetings_of_groups(group_ids, *, now: datetime.datetime, limit: int = 5) -> Shortlist:
    """The coming meetings of the user's own groups (an administrator reads every group's,
    but their dashboard lists their own)."""
    meetings = (
        Meeting.objects.filter(group_id__in=group_ids, starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("group")
        .order_by("starts_at")
    )
    return shortlist(meetings, limit=limit)


def minutes_awaiting_approval_by(user, *, limit: int = 8) -> Shortlist:
    """Submitted minutes the user is named to approve (as adjuster or chair) and has not yet."""
    # One IN over a UNION rather than an OR of two: PostgreSQL then starts from the user's few
    # seats as adjuster or chair instead of reading every minutes row (no index on status).
    # No ordering in the branches: SQLite refuses ORDER BY inside a compound statement.
    named = (
        MinutesAdjuster.objects.filter(person__user=user)
        .order_by()
        .values("minutes")
        .union(Minutes.objects.filter(chair__user=user).order_by().values("pk"), all=True)
    )
    minutes = (
        Minutes.objects.filter(status=MinutesStatus.SUBMITTED, pk__in=named)
        .exclude(pk__in=MinutesApproval.objects.filter(person__user=user).values("minutes"))
        .select_related("meeting", "meeting__group")
        .annotate(overdue=_overdue_for("meeting__starts_at"))
        .order_by("meeting__starts_at")
    )
    return shortlist(minutes, limit=limit)


def deliverables_due(user, *, today: datetime.date, limit: int = 6) -> Shortlist:
    """Planned deliverables that are late or due within the horizon, in the commissions the
    user's groups carry out."""
    horizon = today + datetime.timedelta(days=DELIVERABLE_HORIZON_DAYS)
    deliverables = (
        Deliverable.objects.filter(
            status=DeliverableStatus.PLANNED,
            due_date__lte=horizon,
            commission__in=visible_commissions(user),
        )
        .select_related("commission", "recipient")
        .order_by("due_date", "pk")
    )
    return shortlist(deliverables, limit=limit)


def recent_decisions(*, limit: int = 5) -> list[Decision]:
    """The latest decided decisions of every body (decided decisions are public records)."""
    return list(
        Decision.objects.filter(status=DecisionStatus.DECIDED)
        .select_related("body")
        .order_by("-decision_date", "-number")[:limit]
    )


# --- per role: what is waiting for the user ----------------------------------------------


def meetings_to_prepare(group_ids, *, now: datetime.datetime, limit: int = 6) -> Shortlist:
    """Coming meetings of the groups the user manages, each with its number of agenda items
    (`agenda_count`): a meeting without an agenda is the first thing to prepare."""
    meetings = (
        Meeting.objects.filter(group_id__in=group_ids, starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("group")
        .annotate(agenda_count=Count("agenda_items"))
        .order_by("starts_at")
    )
    return shortlist(meetings, limit=limit)


def minutes_to_write(group_ids, *, now: datetime.datetime, limit: int = 6) -> Shortlist:
    """Held meetings of the groups the user manages whose minutes are not written yet (no
    minutes: `minutes_started` False) or not yet submitted for justering (a draft)."""
    meetings = (
        Meeting.objects.filter(
            group_id__in=group_ids,
            starts_at__lt=now,
            starts_at__gte=now - datetime.timedelta(days=MINUTES_LOOKBACK_DAYS),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(Q(minutes__isnull=True) | Q(minutes__status=MinutesStatus.DRAFT))
        .select_related("group")
        .annotate(minutes_started=Exists(Minutes.objects.filter(meeting=OuterRef("pk"))))
        .order_by("starts_at")
    )
    return shortlist(meetings, limit=limit)


def minutes_awaiting_justering(group_ids, *, limit: int = 6) -> Shortlist:
    """Submitted minutes of the user's bodies, oldest meeting first, with `overdue` set when
    the 14-day limit has passed."""
    minutes = (
        Minutes.objects.filter(meeting__group_id__in=group_ids, status=MinutesStatus.SUBMITTED)
        .select_related("meeting", "meeting__group")
        .annotate(overdue=_overdue_for("meeting__starts_at"))
        .order_by("meeting__starts_at")
    )
    return shortlist(minutes, limit=limit)


def minutes_past_deadline(*, limit: int = 8) -> Shortlist:
    """Every meeting, in any group, held more than 14 days ago whose minutes are not approved:
    the administrator's list. Newest first, since the old ones are rarely still open."""
    meetings = (
        Meeting.objects.filter(starts_at__lt=rules.approval_cutoff(timezone.localdate()))
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(minutes__status=MinutesStatus.APPROVED)
        .select_related("group")
        .order_by("-starts_at")
    )
    return shortlist(meetings, limit=limit)


def deliverables_overdue(*, today: datetime.date, limit: int = 8) -> Shortlist:
    """Planned deliverables past their date, in any commission: the administrator's list."""
    deliverables = (
        Deliverable.objects.filter(status=DeliverableStatus.PLANNED, due_date__lt=today)
        .select_related("commission", "recipient")
        .order_by("due_date", "pk")
    )
    return shortlist(deliverables, limit=limit)


def _overdue_for(field: str):
    return Case(
        When(**{f"{field}__lt": rules.approval_cutoff(timezone.localdate())}, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
