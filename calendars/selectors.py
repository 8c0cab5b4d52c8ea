"""Reads for the calendar feeds: whose token, which meetings, and each meeting's SEQUENCE
counted from the history rows of the meeting and of its agenda (no field of its own)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, IntegerField, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from calendars.models import CalendarToken
from governance.models import AgendaItem, Meeting
from groups.access import groups_with_permission, user_can_on_group
from groups.models import Group
from groups.permissions import VIEW_INTERNAL

# A feed holds the meetings from two years back on: the recent past a member looks up, and
# a bounded size whatever the age of the data.
FEED_HISTORY = datetime.timedelta(days=730)
FEED_LIMIT = 500


def token_in_use(user) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def token_owner(token: str):
    """The active user behind a token in use, or None (revoked, unknown, deactivated)."""
    row = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return row.user if row else None


def _per_meeting(model, field: str, aggregate):
    """An aggregate over the history rows of `model` that point at the meeting by `field`."""
    rows = (
        model.history.model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(value=aggregate)
        .values("value")
    )
    return Subquery(rows)


def _changes(model, field: str):
    return Coalesce(_per_meeting(model, field, Count("history_id")), 0, output_field=IntegerField())


def with_calendar_fields(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with their group, their agenda in order, `sequence` (every saved change to the
    meeting or its agenda raises it by one; the first version is 0) and `last_change`."""
    return (
        meetings.select_related("group")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("number", "pk"))
        )
        .annotate(
            sequence=_changes(Meeting, "id") - 1 + _changes(AgendaItem, "meeting_id"),
            last_change=Greatest(
                F("modified_at"),
                Coalesce(
                    _per_meeting(AgendaItem, "meeting_id", Max("history_date")), F("modified_at")
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )


def _recent(meetings: QuerySet[Meeting]) -> list[Meeting]:
    since = timezone.now() - FEED_HISTORY
    return list(with_calendar_fields(meetings.filter(starts_at__gte=since))[:FEED_LIMIT])


def personal_feed_meetings(user) -> list[Meeting]:
    """The meetings of the groups the user belongs to (holds the members' right on)."""
    groups = groups_with_permission(user, VIEW_INTERNAL).values("pk")
    return _recent(Meeting.objects.filter(group__in=groups))


def group_for_feed(group_id: int, *, user) -> Group | None:
    """The group whose feed the token's owner may read, or None (a feed answers 404)."""
    group = Group.objects.filter(pk=group_id).first()
    if group is None or not user_can_on_group(user, VIEW_INTERNAL, group):
        return None
    return group


def group_feed_meetings(group: Group) -> list[Meeting]:
    return _recent(Meeting.objects.filter(group=group))


def meeting_for_calendar(meeting: Meeting) -> Meeting:
    return with_calendar_fields(Meeting.objects.filter(pk=meeting.pk)).get()


def feed_groups(user) -> list[Group]:
    """The groups whose feeds the calendar page offers the user (one query)."""
    return list(
        Group.objects.filter(
            pk__in=groups_with_permission(user, VIEW_INTERNAL).values("pk")
        ).order_by("name")
    )
