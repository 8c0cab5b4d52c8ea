"""May this user do this to this object now? One actions function per object type (meeting,
minutes, decision), each returning a frozen set of flags that views pass to templates.

The flags combine the user's rights on the group (asked once, through
`groups.access.permissions_on_group`) with the state rules the services raise on, so a button
shown is a POST accepted and a POST refused has no button. Templates read only these flags;
they never combine status, lock and role themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from governance.models import (
    ApproverRole,
    Decision,
    DecisionStatus,
    Meeting,
    Minutes,
    MinutesStatus,
)
from governance.services import rules
from groups.access import permissions_on_group
from groups.permissions import MANAGE_DECISIONS, MANAGE_MEETINGS, MANAGE_MINUTES, VIEW_INTERNAL
from portal.access import is_administrator


@dataclass(frozen=True)
class MinutesActions:
    can_write: bool  # header, adjusters and the note of each item
    can_submit: bool
    submit_refusals: tuple[str, ...]  # why "Lämna för justering" is not offered yet
    can_withdraw: bool
    can_approve: bool  # as the named chair or adjuster the user is
    approve_refusal: str  # why a named approver cannot approve yet ("" when they can)
    can_register_paper_approval: bool
    can_correct: bool
    # For an administrator registering signatures on paper: each pending approver with the
    # reason their approval cannot be registered ("" when it can).
    paper_approvals: tuple = ()


@dataclass(frozen=True)
class MeetingActions:
    is_locked: bool  # approved minutes: only corrections from now on
    is_waiting: bool  # submitted minutes: nothing changes until they are taken back
    is_draft: bool  # minutes begun and not yet submitted
    can_edit_meeting: bool
    can_edit_agenda: bool
    can_record_attendance: bool
    can_record_decision: bool
    minutes: MinutesActions

    @property
    def any(self) -> bool:
        m = self.minutes
        return (
            self.can_edit_meeting
            or m.can_write
            or m.can_submit
            or m.can_withdraw
            or m.can_approve
            or m.can_register_paper_approval
            or m.can_correct
        )


def _approver_of(user, pending_approvers: list):
    """The user's person among the pending approvers (their person is read with them)."""
    if not user.is_authenticated:
        return None
    return next((p for p, _role in pending_approvers if p.user_id == user.pk), None)


def minutes_actions(
    user,
    minutes: Minutes | None,
    *,
    rights: frozenset[str],
    submit_refusals: list[str],
    pending_approvers: list,
    today,
) -> MinutesActions:
    """`submit_refusals` and `pending_approvers` are what the page's selector computed with
    the same rules (`rules.minutes_submit_refusals`, `rules.approvers`), so no query repeats."""
    status = minutes.status if minutes is not None else None
    minute_taker = MANAGE_MINUTES in rights
    person = _approver_of(user, pending_approvers)
    named = person is not None
    approve_refusal = ""
    if named and status == MinutesStatus.SUBMITTED:
        approve_refusal = rules.minutes_approval_refusal(minutes, person, on=today) or ""
    drafting = status == MinutesStatus.DRAFT
    paper = is_administrator(user) and status == MinutesStatus.SUBMITTED and bool(pending_approvers)
    return MinutesActions(
        can_write=minute_taker and rules.meeting_edit_refusal(minutes) is None,
        can_submit=minute_taker and drafting and not submit_refusals,
        submit_refusals=tuple(submit_refusals) if minute_taker and drafting else (),
        can_withdraw=minute_taker and status == MinutesStatus.SUBMITTED,
        can_approve=named and status == MinutesStatus.SUBMITTED and not approve_refusal,
        approve_refusal=approve_refusal,
        can_register_paper_approval=paper,
        can_correct=minute_taker and status == MinutesStatus.APPROVED,
        paper_approvals=tuple(
            (
                p,
                rules.presence_refusal(minutes.meeting, p, as_role=ApproverRole(role).label.lower())
                or "",
            )
            for p, role in pending_approvers
        )
        if paper
        else (),
    )


def meeting_actions(
    user,
    meeting: Meeting,
    minutes: Minutes | None,
    *,
    submit_refusals: list[str] = (),
    pending_approvers: list = (),
    today=None,
) -> MeetingActions:
    """The meeting page's flags; the agenda, attendance and decision pages use the same."""
    rights = permissions_on_group(user, meeting.group)
    editable = rules.meeting_edit_refusal(minutes) is None
    manage = MANAGE_MEETINGS in rights and editable
    status = minutes.status if minutes is not None else None
    return MeetingActions(
        is_locked=status == MinutesStatus.APPROVED,
        is_waiting=status == MinutesStatus.SUBMITTED,
        is_draft=status == MinutesStatus.DRAFT,
        can_edit_meeting=manage,
        can_edit_agenda=manage,
        can_record_attendance=manage,
        can_record_decision=MANAGE_DECISIONS in rights and editable,
        minutes=minutes_actions(
            user,
            minutes,
            rights=rights,
            submit_refusals=list(submit_refusals),
            pending_approvers=list(pending_approvers),
            today=today or timezone.localdate(),
        ),
    )


@dataclass(frozen=True)
class DecisionActions:
    is_locked: bool  # approved with its minutes, or at once in the meeting
    is_waiting: bool  # its minutes wait for justering: no change until they are taken back
    can_edit: bool  # the decision's text, clauses, reservations and attachments
    can_record_votes: bool  # motions, jäv and roll calls: for a decision taken at a meeting
    can_approve_immediately: bool
    can_follow_up: bool  # the execution follow-up and linked commissions change after approval
    can_read_meeting: bool  # whether to link the meeting (its page is for the group's members)
    can_edit_recipients: bool  # the structured "Utdrag till" (who the extract is sent to)
    can_dispatch: bool  # send the extract to the recipients (expediering), after justering
    dispatch_refusal: str  # why a manager cannot dispatch yet ("" when they can)


def decision_actions(user, decision: Decision, *, minutes_status: str | None) -> DecisionActions:
    """`minutes_status` is the status of the minutes of the decision's meeting, if any."""
    rights = permissions_on_group(user, decision.body)
    manage = MANAGE_DECISIONS in rights
    locked = rules.decision_is_approved(decision, minutes_status=minutes_status)
    waiting = minutes_status == MinutesStatus.SUBMITTED and not locked
    editable = manage and not locked and not waiting
    at_meeting = decision.meeting_id is not None
    dispatch_refusal = rules.dispatch_refusal(decision, minutes_status=minutes_status)
    return DecisionActions(
        is_locked=locked,
        is_waiting=waiting,
        can_edit=editable,
        can_record_votes=editable and at_meeting,
        can_approve_immediately=editable
        and at_meeting
        and decision.status == DecisionStatus.DECIDED,
        can_follow_up=manage,
        can_read_meeting=at_meeting and VIEW_INTERNAL in rights,
        can_edit_recipients=manage,
        can_dispatch=manage and dispatch_refusal is None,
        dispatch_refusal=(dispatch_refusal or "") if manage else "",
    )
