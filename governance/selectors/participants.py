"""Who took part in a decision: the rule behind reservations, motions and roll calls."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Attendance, AttendanceStatus, Decision, Minutes, Motion
from groups.models import Membership, MembershipRole, Person


def decision_participants(decision: Decision) -> QuerySet[Attendance]:
    """The seats that took part in a decision at its meeting: members present with a vote and
    substitutes serving for them, less anyone who left the item for a conflict of interest
    (jäv). Empty for a decision recorded on its own."""
    if decision.meeting_id is None:
        return Attendance.objects.none()
    return (
        Attendance.objects.filter(meeting_id=decision.meeting_id)
        .voting()
        .exclude(recusals__decision=decision)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def standalone_voters(decision: Decision) -> QuerySet[Person]:
    """For a decision recorded on its own (no meeting, no attendance): the body's members with
    a vote on the day of the decision."""
    on = decision.decision_date or timezone.localdate()
    members = Membership.objects.current(on).filter(group_id=decision.body_id, voting_right=True)
    return Person.objects.filter(pk__in=members.values("person_id")).order_by(
        "last_name", "first_name"
    )


def why_not_taking_part(decision: Decision, attendance: Attendance) -> str:
    """Why a seat took no part in a decision, as the end of a sentence ("… kan inte rösta:
    frånvarande vid mötet.")."""
    if attendance.meeting_id != decision.meeting_id:
        return _("inte med på mötet")
    if attendance.status == AttendanceStatus.ABSENT:
        return _("frånvarande vid mötet")
    if not attendance.voting_right:
        return _("saknar rösträtt")
    if attendance.recusals.filter(decision=decision).exists():
        return _("deltar inte i handläggningen på grund av jäv")
    return _("deltog inte i beslutet")


def chair_seat(decision: Decision) -> Attendance | None:
    """The chair's seat at the decision's meeting: the minutes' chair, else whoever held the
    chair's role in the body on the meeting day. The chair's vote decides a tie."""
    seats = decision_participants(decision)
    chair_id = (
        Minutes.objects.filter(meeting_id=decision.meeting_id)
        .values_list("chair_id", flat=True)
        .first()
    )
    if chair_id is None:
        day = timezone.localtime(decision.meeting.starts_at).date()
        chair_id = (
            Membership.objects.current(day)
            .filter(group_id=decision.meeting.group_id, role=MembershipRole.CHAIR)
            .values_list("person_id", flat=True)
            .first()
        )
    return seats.filter(person_id=chair_id).first() if chair_id else None


def decision_motions(decision: Decision) -> QuerySet[Motion]:
    return (
        Motion.objects.filter(decision=decision)
        .select_related("attendance__person")
        .order_by("position")
    )


def recusal_candidates(decision: Decision) -> QuerySet[Attendance]:
    """Who can be recorded as recused: anyone at the meeting not already recused here."""
    return (
        Attendance.objects.filter(
            meeting_id=decision.meeting_id,
            status__in=[AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED],
        )
        .exclude(recusals__decision=decision)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
