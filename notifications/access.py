"""Fetch an object for a notifications action: 404 if missing, 403 if not allowed. Built on
governance's access functions (the rights are the group's)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from governance.access.meetings import decision_for_update, meeting_for_update
from governance.models import DecisionRecipient
from groups.access import user_can_on_group
from groups.permissions import MANAGE_DECISIONS
from notifications.models import OutboxMessage
from portal.access import require_administrator


def meeting_for_notice(meeting_id: int, *, user):
    """The kallelse is sent by whoever plans the meeting (groups.manage_meetings)."""
    return meeting_for_update(meeting_id, user=user)


def decision_for_dispatch(decision_id: int, *, user):
    """Recipients and dispatch: whoever records the body's decisions (manage_decisions)."""
    return decision_for_update(decision_id, user=user)


def recipient_for_update(recipient_id: int, *, user) -> DecisionRecipient:
    recipient = get_object_or_404(
        DecisionRecipient.objects.select_related("decision__body"), pk=recipient_id
    )
    if not user_can_on_group(user, MANAGE_DECISIONS, recipient.decision.body):
        raise PermissionDenied
    return recipient


def message_for_resend(message_id: int, *, user) -> OutboxMessage:
    require_administrator(user)
    return get_object_or_404(OutboxMessage, pk=message_id)
