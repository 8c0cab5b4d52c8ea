"""governance's part of a person's data (portal.gdpr): attendance, the minutes they kept,
chaired, adjusted and approved, their reservations and votes; and, before an erasure, minutes
they must still approve."""

from django.db.models import Q
from django.utils.translation import gettext as _

from governance.models import (
    Attendance,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesStatus,
    Reservation,
    VoteBallot,
)
from portal import gdpr


def _meeting(meeting) -> dict:
    return {"meeting_id": meeting.pk, "meeting": str(meeting), "starts_at": meeting.starts_at}


def attendance_section(person) -> list[dict]:
    return [
        {**gdpr.row(a), **_meeting(a.meeting)}
        for a in Attendance.objects.filter(person=person).select_related("meeting__group")
    ]


def minutes_section(person) -> list[dict]:
    minutes = Minutes.objects.filter(Q(chair=person) | Q(secretary=person)).select_related(
        "meeting__group"
    )
    return [
        {
            "minutes_id": m.pk,
            **_meeting(m.meeting),
            "as": [
                role
                for role, pk in (("chair", m.chair_id), ("secretary", m.secretary_id))
                if pk == person.pk
            ],
            "status": m.status,
        }
        for m in minutes
    ]


def adjuster_section(person) -> list[dict]:
    return [
        {"minutes_id": link.minutes_id, **_meeting(link.minutes.meeting)}
        for link in MinutesAdjuster.objects.filter(person=person).select_related(
            "minutes__meeting__group"
        )
    ]


def approvals_section(person) -> list[dict]:
    return [
        {**gdpr.row(a), **_meeting(a.minutes.meeting)}
        for a in MinutesApproval.objects.filter(person=person).select_related(
            "minutes__meeting__group"
        )
    ]


def reservations_section(person) -> list[dict]:
    return [
        {**gdpr.row(r), "decision": str(r.decision)}
        for r in Reservation.objects.filter(
            Q(person=person) | Q(attendance__person=person)
        ).select_related("decision")
    ]


def votes_section(person) -> list[dict]:
    return [
        {**gdpr.row(b), "vote_decision": str(b.vote.decision)}
        for b in VoteBallot.objects.filter(attendance__person=person).select_related(
            "vote__decision"
        )
    ]


def approvals_pending(person) -> list[str]:
    waiting = (
        MinutesAdjuster.objects.filter(person=person)
        .exclude(minutes__status=MinutesStatus.APPROVED)
        .exclude(minutes__approvals__person=person)
        .select_related("minutes__meeting__group")
    )
    meetings = [str(link.minutes.meeting) for link in waiting]
    if not meetings:
        return []
    return [
        _(
            "Personen är justerare av protokoll som ännu inte är justerade: %(meetings)s. "
            "Låt hen justera eller välj en annan justerare först."
        )
        % {"meetings": ", ".join(meetings)}
    ]


def register() -> None:
    gdpr.register_export_section("attendance", attendance_section)
    gdpr.register_export_section("minutes", minutes_section)
    gdpr.register_export_section("adjuster_of", adjuster_section)
    gdpr.register_export_section("approvals", approvals_section)
    gdpr.register_export_section("reservations", reservations_section)
    gdpr.register_export_section("votes", votes_section)
    gdpr.register_erasure_check(approvals_pending)
