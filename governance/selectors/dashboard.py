"""What the dashboard shows a user of governance: each a fixed number of queries."""

import datetime

from django.db.models import Q, QuerySet
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
    MinutesStatus,
)
from governance.selectors.meetings import meeting_list

DELIVERABLE_HORIZON_DAYS = 60


def upcoming_meetings(user, *, limit: int = 5) -> list[Meeting]:
    meetings = meeting_list(user=user, when="upcoming").exclude(status=MeetingStatus.CANCELLED)
    return list(meetings[:limit])


def minutes_awaiting_approval_by(user) -> list[Minutes]:
    """Submitted minutes the user is named to approve (as adjuster or chair) and has not yet."""
    if not user.is_authenticated:
        return []
    return list(
        Minutes.objects.filter(status=MinutesStatus.SUBMITTED)
        .filter(Q(adjuster_links__person__user=user) | Q(chair__user=user))
        .exclude(approvals__person__user=user)
        .select_related("meeting", "meeting__group")
        .distinct()
        .order_by("meeting__starts_at")
    )


def deliverables_due(user, *, today: datetime.date | None = None, limit: int = 8) -> QuerySet:
    """Planned deliverables that are late or due within the horizon, in visible commissions."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DELIVERABLE_HORIZON_DAYS)
    return (
        Deliverable.objects.filter(
            status=DeliverableStatus.PLANNED,
            due_date__lte=horizon,
            commission__in=visible_commissions(user),
        )
        .select_related("commission", "recipient")
        .order_by("due_date")[:limit]
    )


def recent_decisions(*, limit: int = 5) -> list[Decision]:
    """The latest decided decisions of every body (decided decisions are public records)."""
    return list(
        Decision.objects.filter(status=DecisionStatus.DECIDED)
        .select_related("body")
        .order_by("-decision_date", "-number")[:limit]
    )
