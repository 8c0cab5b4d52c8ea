"""The rules of a body's record: when minutes may change, be submitted and be approved (justering),
who may approve them, and whether the body had a quorum (beslutsförhet).

Each rule is a predicate on objects the caller has already loaded, returning a Swedish refusal
message (or a list of them) or None. The services raise on them (every `ensure_*` is a predicate
plus a raise, under the meeting's row lock); pages and permission flags call the same predicates
to say beforehand what the service would refuse.

Relations are read with `.all()`, so a caller that prefetched them (the meeting page's selector
prefetches the meeting's agenda items and attendances and the minutes' adjusters) runs no
queries here; a service that did not, runs one per relation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    ApproverRole,
    AttendanceStatus,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesKind,
    MinutesStatus,
)
from groups.models import GroupKind, Membership, MembershipRole, Person

APPROVAL_DAYS = 14

# Roles that hold no seat of their own: a substitute votes only in place of an absent member
# (counted through that member's attendance), a co-opted member speaks but does not vote, and
# the secretary keeps the minutes.
SEATLESS_ROLES = (MembershipRole.SUBSTITUTE, MembershipRole.CO_OPTED, MembershipRole.SECRETARY)


# --- dates --------------------------------------------------------------------------------


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def approval_deadline(meeting: Meeting) -> datetime.date:
    """Swedish practice: minutes are approved at the latest 14 days after the meeting."""
    return meeting_day(meeting) + datetime.timedelta(days=APPROVAL_DAYS)


def approval_cutoff(today: datetime.date) -> datetime.datetime:
    """Meetings that began before this instant are past the 14-day limit on `today`: their
    local day was more than 14 days ago. Lets selectors say approval_overdue in SQL."""
    return timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=APPROVAL_DAYS), datetime.time.min)
    )


def approval_overdue(meeting: Meeting, minutes: Minutes | None, *, today: datetime.date) -> bool:
    """A meeting that was not cancelled and whose minutes are not approved 14 days after it.
    `selectors.meetings.meeting_list` computes the same in SQL for the meeting list."""
    if meeting.status == MeetingStatus.CANCELLED:
        return False
    if minutes is not None and minutes.status == MinutesStatus.APPROVED:
        return False
    return today > approval_deadline(meeting)


def approval_date_refusal(meeting: Meeting, day: datetime.date | None) -> str | None:
    """No approval can be dated before the meeting day (Minutes.approval_date, signed_on)."""
    if day is not None and day < meeting_day(meeting):
        return _("Justeringen kan inte ske före mötesdagen (%(day)s).") % {
            "day": meeting_day(meeting).isoformat()
        }
    return None


def approval_day_refusal(
    meeting: Meeting, day: datetime.date, *, today: datetime.date
) -> str | None:
    """The day an approval is given (or was signed on paper): from the meeting day to today."""
    if day > today:
        return _("Justeringen kan inte dateras i framtiden.")
    return approval_date_refusal(meeting, day)


def meeting_started_refusal(meeting: Meeting, *, now: datetime.datetime) -> str | None:
    if now < meeting.starts_at:
        return _(
            "Mötet har inte börjat ännu (%(start)s). Protokollet kan lämnas för justering och "
            "justeras först efter mötet."
        ) % {"start": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}"}
    return None


# --- the lock -----------------------------------------------------------------------------


def meeting_edit_refusal(minutes: Minutes | None) -> str | None:
    """Approved minutes lock the meeting's agenda, attendance, notes and decisions; submitted
    minutes do too, until they are taken back."""
    if minutes is None:
        return None
    if minutes.status == MinutesStatus.APPROVED:
        return _(
            "Protokollet är justerat och kan inte ändras. Gör en rättelse i stället; "
            "den visas tillsammans med protokollet."
        )
    if minutes.status == MinutesStatus.SUBMITTED:
        return _(
            "Protokollet är lämnat för justering och kan inte ändras. Ta tillbaka det för "
            "ändring först."
        )
    return None


# --- dispatch (expediering) -------------------------------------------------------------


def decision_is_approved(decision: Decision, *, minutes_status: str | None) -> bool:
    """Approved with its minutes, or at once in the meeting (omedelbar justering)."""
    return minutes_status == MinutesStatus.APPROVED or bool(decision.immediately_approved_at)


def approved_decision_q(prefix: str = "") -> Q:
    """decision_is_approved (with the decision decided, and one recorded on its own counting
    as final) as a condition for queries, usable from related models with `prefix`."""
    return Q(**{f"{prefix}status": DecisionStatus.DECIDED}) & (
        Q(**{f"{prefix}meeting__isnull": True})
        | Q(**{f"{prefix}immediately_approved_at__isnull": False})
        | Q(**{f"{prefix}meeting__minutes__status": MinutesStatus.APPROVED})
    )


def dispatch_refusal(decision: Decision, *, minutes_status: str | None) -> str | None:
    """Extracts are sent out only once what they certify is approved: a decision taken at a
    meeting after its minutes (or the decision alone, at once) are justerade. A decision
    recorded on its own has no minutes and is final when decided; a proposal is no decision."""
    if decision.status == DecisionStatus.PROPOSED:
        return _("Ett förslag till beslut kan inte expedieras. Registrera beslutet först.")
    if decision.meeting_id and not decision_is_approved(decision, minutes_status=minutes_status):
        return _(
            "Beslutet kan expedieras först när protokollet är justerat, eller när beslutet "
            "har justerats omedelbart vid mötet."
        )
    return None


# --- presence -----------------------------------------------------------------------------


def present_person_ids(meeting: Meeting) -> set[int] | None:
    """The people recorded present at the meeting (a substitute who served is recorded present
    on their own row); None while no attendance is recorded at all."""
    attendances = list(meeting.attendances.all())
    if not attendances:
        return None
    return {a.person_id for a in attendances if a.status == AttendanceStatus.PRESENT}


def presence_refusal(meeting: Meeting, person: Person | None, *, as_role: str) -> str | None:
    """The chair and the adjusters must have been at the meeting. Checked once attendance is
    recorded (a protokoll cannot be submitted without it)."""
    present = present_person_ids(meeting)
    if person is None or present is None or person.pk in present:
        return None
    return _(
        "%(name)s är inte registrerad som närvarande vid mötet och kan inte vara %(role)s. "
        "Bara den som var med vid mötet justerar protokollet."
    ) % {"name": person.full_name, "role": as_role}


def minutes_header_refusals(
    meeting: Meeting,
    *,
    chair: Person | None,
    adjusters: list[Person],
    approval_date: datetime.date | None,
) -> dict[str, list[str]]:
    """What the minutes' header may not say, by field."""
    errors: dict[str, list[str]] = {}
    refusal = presence_refusal(meeting, chair, as_role=_("ordförande"))
    if refusal:
        errors["chair"] = [refusal]
    for person in adjusters:
        refusal = presence_refusal(meeting, person, as_role=_("justerare"))
        if refusal:
            errors.setdefault("adjusters", []).append(refusal)
    refusal = approval_date_refusal(meeting, approval_date)
    if refusal:
        errors["approval_date"] = [refusal]
    return errors


# --- submit and approve -------------------------------------------------------------------


def minutes_submit_refusals(minutes: Minutes, *, now: datetime.datetime) -> list[str]:
    """Everything that keeps draft minutes from being submitted for approval."""
    if minutes.status != MinutesStatus.DRAFT:
        return [_("Protokollet är redan lämnat för justering.")]
    meeting = minutes.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        return [_("Mötet är inställt. Det finns inget protokoll att justera.")]
    errors = []
    refusal = meeting_started_refusal(meeting, now=now)
    if refusal:
        errors.append(refusal)
    adjusters = [link.person for link in minutes.adjuster_links.all()]
    if minutes.kind == MinutesKind.PROTOCOL and not minutes.chair_id:
        errors.append(_("Ange mötets ordförande innan protokollet lämnas för justering."))
    if not adjusters:
        errors.append(_("Välj minst en justerare innan protokollet lämnas för justering."))
    if not meeting.agenda_items.all():
        errors.append(_("Mötet har ingen dagordning att protokollföra."))
    if minutes.kind == MinutesKind.PROTOCOL and present_person_ids(meeting) is None:
        errors.append(
            _(
                "Registrera närvaron innan protokollet lämnas för justering: ett protokoll "
                "visar vilka som var närvarande."
            )
        )
    header = minutes_header_refusals(
        meeting,
        chair=minutes.chair if minutes.chair_id else None,
        adjusters=adjusters,
        approval_date=minutes.approval_date,
    )
    for messages in header.values():
        errors.extend(messages)
    return errors


def minutes_approval_refusal(
    minutes: Minutes,
    person: Person,
    *,
    on: datetime.date,
    today: datetime.date | None = None,
) -> str | None:
    """Why `person` cannot approve the minutes on the day `on` (None: they can)."""
    today = today or timezone.localdate()
    if minutes.status == MinutesStatus.APPROVED:
        return _("Protokollet är redan justerat.")
    if minutes.status != MinutesStatus.SUBMITTED:
        return _("Protokollet är inte lämnat för justering ännu.")
    if person.pk not in {p.pk for p, _role in approvers(minutes)}:
        return _("%(name)s är inte utsedd att justera det här protokollet.") % {
            "name": person.full_name
        }
    if any(a.person_id == person.pk for a in minutes.approvals.all()):
        return _("%(name)s har redan justerat protokollet.") % {"name": person.full_name}
    meeting = minutes.meeting
    refusal = approval_day_refusal(meeting, on, today=today)
    if refusal:
        return refusal
    as_role = _("ordförande") if person.pk == minutes.chair_id else _("justerare")
    return presence_refusal(meeting, person, as_role=as_role)


def approvers(minutes: Minutes) -> list[tuple[Person, str]]:
    """The chair and every named adjuster, each once, with the role they approve in."""
    result: list[tuple[Person, str]] = []
    if minutes.chair_id:
        result.append((minutes.chair, ApproverRole.CHAIR))
    for link in minutes.adjuster_links.all():
        if link.person_id != minutes.chair_id:
            result.append((link.person, ApproverRole.ADJUSTER))
    return result


# --- quorum -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    """Whether the body could decide: more than half of its seats filled, by a member present
    or by a substitute serving in an absent member's place."""

    seats: int
    filled: int
    recorded: bool  # attendance recorded at all
    has_quorum: bool | None  # None: cannot be judged (no attendance, no seats)
    text: str  # the line the meeting page and the protokoll print

    @property
    def lacking(self) -> bool:
        return self.has_quorum is False


def voting_seats(memberships: list[Membership]) -> list[Membership]:
    """The seats that count for quorum among memberships current on the meeting day: voting
    members, one per person, without substitutes, co-opted members and secretaries."""
    seats: dict[int, Membership] = {}
    for membership in memberships:
        if membership.voting_right and membership.role not in SEATLESS_ROLES:
            seats.setdefault(membership.person_id, membership)
    return list(seats.values())


def quorum(meeting: Meeting, memberships: list[Membership]) -> Quorum:
    """Computed here only: the meeting page, the approval page and the minutes PDF show it."""
    body = _("Nämnden") if meeting.group.kind == GroupKind.COMMITTEE else _("Gruppen")
    seats = voting_seats(memberships)
    attendances = list(meeting.attendances.all())
    if not attendances:
        return Quorum(
            len(seats),
            0,
            False,
            None,
            _("Närvaron är inte registrerad; beslutsförheten kan inte bedömas."),
        )
    if not seats:
        return Quorum(
            0,
            0,
            True,
            None,
            _("%(body)s har inga ledamöter med rösträtt; beslutsförheten kan inte bedömas.")
            % {"body": body},
        )
    seat_ids = {m.person_id for m in seats}
    filled = sum(
        1
        for a in attendances
        if a.person_id in seat_ids
        and a.status in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED)
    )
    has_quorum = filled * 2 > len(seats)
    counts = {"body": body, "filled": filled, "seats": len(seats)}
    if has_quorum:
        text = (
            _(
                "%(body)s är beslutsför: %(filled)s av %(seats)s ledamöter med rösträtt "
                "närvarande eller ersatta."
            )
            % counts
        )
    else:
        text = (
            _(
                "%(body)s är inte beslutsför: bara %(filled)s av %(seats)s ledamöter med "
                "rösträtt närvarande eller ersatta; mer än hälften krävs."
            )
            % counts
        )
    return Quorum(len(seats), filled, True, has_quorum, text)
