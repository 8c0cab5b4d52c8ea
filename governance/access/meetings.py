"""Fetch governance objects *for* an action, permission included (404 if missing, 403 if not
allowed). Views call only these; group rights come from groups.access.user_can_on_group."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from governance.models import (
    AgendaItem,
    Attachment,
    Decision,
    DecisionStatus,
    Guest,
    Meeting,
    Minutes,
    Reservation,
)
from governance.services.rules import approvers
from groups.access import group_for_permission, groups_with_permission, user_can_on_group
from groups.models import Group
from groups.permissions import MANAGE_DECISIONS, MANAGE_MEETINGS, MANAGE_MINUTES, VIEW_INTERNAL
from portal.access import is_administrator

# The meeting with its group and minutes: the meeting page's selector reads the rest onto it.
MEETING_RELATED = (
    "group",
    "group__healthcare_region",
    "minutes",
    "minutes__chair",
    "minutes__secretary",
)

# The decision with what its page shows of its body, meeting and minutes (one row each).
DECISION_RELATED = (
    "body",
    "body__healthcare_region",
    "meeting",
    "meeting__minutes",
    "meeting__minutes__secretary",
    "agenda_item",
    "immediately_approved_by",
    "vote",
)


def can_view_meeting(user, meeting: Meeting) -> bool:
    return user_can_on_group(user, VIEW_INTERNAL, meeting.group)


def can_view_decision(user, decision: Decision) -> bool:
    """Decisions taken, deferred or withdrawn are official documents every user may read;
    a proposal is internal to the body until it is decided."""
    if decision.status != DecisionStatus.PROPOSED:
        return True
    return user_can_on_group(user, VIEW_INTERNAL, decision.body)


def group_for_meetings(group_id: int, *, user) -> Group:
    return group_for_permission(group_id, user=user, permission=MANAGE_MEETINGS)


def group_for_viewing_meetings(group_id: int, *, user) -> Group:
    return group_for_permission(group_id, user=user, permission=VIEW_INTERNAL)


def meeting_for_view(meeting_id: int, *, user) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATED), pk=meeting_id)
    if not can_view_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def meeting_for_update(meeting_id: int, *, user) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATED), pk=meeting_id)
    if not user_can_on_group(user, MANAGE_MEETINGS, meeting.group):
        raise PermissionDenied
    return meeting


def agenda_item_for_update(item_id: int, *, user) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__group"), pk=item_id)
    if not user_can_on_group(user, MANAGE_MEETINGS, item.meeting.group):
        raise PermissionDenied
    return item


def guest_for_update(guest_id: int, *, user) -> Guest:
    guest = get_object_or_404(Guest.objects.select_related("meeting__group"), pk=guest_id)
    if not user_can_on_group(user, MANAGE_MEETINGS, guest.meeting.group):
        raise PermissionDenied
    return guest


def meeting_for_minutes(meeting_id: int, *, user) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related(*MEETING_RELATED), pk=meeting_id)
    if not user_can_on_group(user, MANAGE_MINUTES, meeting.group):
        raise PermissionDenied
    return meeting


def is_named_approver(user, minutes: Minutes) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return False
    return any(p.pk == person.pk for p, _role in approvers(minutes))


def minutes_for_approval(meeting_id: int, *, user) -> Minutes:
    """Only the chair and the adjusters named in these minutes approve them (and
    administrators, who may register a paper approval)."""
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting__group", "chair", "secretary"),
        meeting_id=meeting_id,
    )
    if not (is_administrator(user) or is_named_approver(user, minutes)):
        raise PermissionDenied
    return minutes


def group_for_decisions(group_id: int, *, user) -> Group:
    return group_for_permission(group_id, user=user, permission=MANAGE_DECISIONS)


def decision_for_view(decision_id: int, *, user) -> Decision:
    decision = get_object_or_404(Decision.objects.select_related(*DECISION_RELATED), pk=decision_id)
    if not can_view_decision(user, decision):
        raise PermissionDenied
    return decision


def decision_for_update(decision_id: int, *, user) -> Decision:
    decision = get_object_or_404(
        Decision.objects.select_related("body", "meeting", "agenda_item"), pk=decision_id
    )
    if not user_can_on_group(user, MANAGE_DECISIONS, decision.body):
        raise PermissionDenied
    return decision


def reservation_for_update(reservation_id: int, *, user) -> Reservation:
    reservation = get_object_or_404(
        Reservation.objects.select_related("person", "decision"), pk=reservation_id
    )
    decision_for_update(reservation.decision_id, user=user)
    return reservation


def attachment_for_update(attachment_id: int, *, user) -> Attachment:
    """An attachment to remove: the right to change what it belongs to."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("agenda_item__meeting__group", "decision__body"),
        pk=attachment_id,
    )
    if attachment.decision_id:
        decision_for_update(attachment.decision_id, user=user)
    elif not user_can_on_group(user, MANAGE_MEETINGS, attachment.agenda_item.meeting.group):
        raise PermissionDenied
    return attachment


def attachment_for_download(attachment_id: int, *, user) -> Attachment:
    """A file is served only to someone who may see what it belongs to."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("agenda_item__meeting__group", "decision__body"),
        pk=attachment_id,
    )
    if attachment.decision_id:
        allowed = can_view_decision(user, attachment.decision)
    else:
        allowed = can_view_meeting(user, attachment.agenda_item.meeting)
    if not allowed:
        raise PermissionDenied
    if not attachment.file:  # a reference to a paper kept outside the portal
        raise Http404
    return attachment


def readable_group_ids(user):
    """Ids of the groups whose meetings and proposals the user may read (None: all of them).
    A subquery for list pages, which filter instead of checking row by row."""
    if is_administrator(user):
        return None
    if not user.is_authenticated or not user.is_active:
        return Group.objects.none().values("pk")
    return groups_with_permission(user, VIEW_INTERNAL).values("pk")


def decision_bodies_for(user):
    """The groups whose decisions the user may record."""
    groups = Group.objects.select_related("healthcare_region").order_by("name")
    if is_administrator(user):
        return groups
    if not user.is_authenticated or not user.is_active:
        return groups.none()
    return groups.filter(pk__in=groups_with_permission(user, MANAGE_DECISIONS).values("pk"))
