"""Decisions: § numbered per body and year without gaps or duplicates, with att-clauses."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionClause,
    DecisionStatus,
    Meeting,
    Reservation,
)
from governance.models.decisions import CLAUSE_PREFIX
from governance.selectors.participants import (
    decision_participants,
    standalone_voters,
    why_not_taking_part,
)
from governance.services.common import check_version, ensure_meeting_editable, lock_meeting
from governance.services.paragraphs import (
    assign_paragraphs,
    is_protocol_meeting,
    meeting_year,
    take_paragraphs,
)
from groups.models import Group, Person
from portal.history import save_with_history


class _Keep:
    """The default of decision_update's fields: leave the field as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def normalise_clause(text: str) -> str:
    """Every clause begins "att …": add the word when it is missing, lower-case it when not."""
    text = " ".join(text.split())
    if not text:
        return ""
    if text[:4].lower() == CLAUSE_PREFIX:
        return CLAUSE_PREFIX + text[4:]
    if text.lower() == "att":
        return ""
    return (
        CLAUSE_PREFIX + text[0].lower() + text[1:] if text[1:2].islower() else CLAUSE_PREFIX + text
    )


def _next_paragraph(body: Group, year: int) -> int:
    """The next § of a body and year, taken under the counter's row lock."""
    return take_paragraphs(body, year)[0]


def _year_for(decision_date, meeting: Meeting | None) -> int:
    if decision_date:
        return decision_date.year
    if meeting is not None:
        return meeting_year(meeting)
    return timezone.localdate().year


def check_clauses(status: str, clauses: list[str]) -> None:
    """A decision in the matter needs its att-clauses; tabling, referring back and rejecting
    are printed as what they are and may add clauses; a withdrawn item decides nothing."""
    if status == DecisionStatus.DECIDED and not clauses:
        raise ValidationError(
            {"clauses": _("Ett fattat beslut behöver minst en beslutssats som börjar med ”att”.")}
        )
    if status == DecisionStatus.WITHDRAWN and clauses:
        raise ValidationError(
            {
                "clauses": _(
                    "Ett återtaget ärende har inga beslutssatser. Skriv varför det återtogs som "
                    "motivering."
                )
            }
        )


def _clean_clauses(clauses: list[str]) -> list[str]:
    return [c for c in (normalise_clause(text) for text in clauses) if c]


def _check_place(decision: Decision) -> bool:
    """The rules of a decision's place in a protokoll; True when it sits on a protokoll item
    (and so carries its item's §). Locks the meeting so two secretaries cannot put two
    decisions on one item."""
    meeting = decision.meeting
    if not is_protocol_meeting(meeting):
        return False
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    item = decision.agenda_item
    if item is None:
        raise ValidationError(
            {
                "agenda_item": _(
                    "I ett protokoll hör varje beslut till en punkt på dagordningen, och punkten "
                    "är beslutets §. Välj punkten (lägg först till den på dagordningen)."
                )
            }
        )
    # The caller's copy of the item may predate the §s given at a submission meanwhile.
    item.paragraph = AgendaItem.objects.values_list("paragraph", flat=True).get(pk=item.pk)
    other = Decision.objects.filter(agenda_item=item).exclude(pk=decision.pk).first()
    if other is not None:
        raise ValidationError(
            {
                "agenda_item": _(
                    "Punkt %(number)s har redan ett beslut (”%(title)s”). I ett protokoll är "
                    "varje punkt en paragraf med ett beslut; ändra det beslutet i stället."
                )
                % {"number": item.number, "title": other.title}
            }
        )
    year = meeting_year(meeting)
    if (decision.decision_date and decision.decision_date.year != year) or (
        decision.year and decision.year != year
    ):
        raise ValidationError(
            {
                "decision_date": _(
                    "Beslutet fattas vid mötet %(day)s och hör till paragrafserien för %(year)s. "
                    "Ange ett beslutsdatum det året."
                )
                % {"day": timezone.localtime(meeting.starts_at).date().isoformat(), "year": year}
            }
        )
    return True


@transaction.atomic
def decision_record(
    *,
    actor,
    body: Group,
    title: str,
    clauses: list[str],
    status: str = DecisionStatus.DECIDED,
    decision_date: datetime.date | None = None,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    registry_number: str = "",
    case_description: str = "",
    proposal: str = "",
    proposed_by: str = "",
    motivation: str = "",
    distribution: str = "",
    certified_by: str = "",
    responsible: str = "",
    due_date: datetime.date | None = None,
    concerned_commissions=None,
    reason: str = "",
    is_confidential: bool = False,
    confidentiality_ground: str = "",
) -> Decision:
    """Record a decision of a body. On an item of a formal protokoll it takes its item's §,
    given when the minutes are submitted for justering; otherwise the next § of the year."""
    clauses = _clean_clauses(clauses)
    check_clauses(status, clauses)
    if meeting is not None:
        ensure_meeting_editable(meeting)
    if decision_date is None and meeting is not None and status == DecisionStatus.DECIDED:
        decision_date = timezone.localtime(meeting.starts_at).date()
    if not certified_by and actor is not None and actor.is_authenticated:
        certified_by = actor.get_full_name()
    decision = Decision(
        body=body,
        title=title,
        status=status,
        decision_date=decision_date,
        meeting=meeting,
        agenda_item=agenda_item,
        year=_year_for(decision_date, meeting),
        registry_number=registry_number,
        case_description=case_description,
        proposal=proposal,
        proposed_by=proposed_by,
        motivation=motivation,
        distribution=distribution,
        certified_by=certified_by,
        responsible=responsible,
        due_date=due_date,
        is_confidential=is_confidential,
        confidentiality_ground=confidentiality_ground,
    )
    decision.full_clean(exclude=["number"])  # report input errors before taking a number
    if _check_place(decision):
        decision.number = agenda_item.paragraph  # None until the minutes are submitted
    else:
        decision.number = _next_paragraph(body, decision.year)
    save_with_history(decision, actor=actor, reason=reason or _("Beslut registrerat"))
    _save_clauses(actor, decision, clauses)
    if concerned_commissions:
        decision_link_commissions(actor=actor, decision=decision, commissions=concerned_commissions)
    return decision


@transaction.atomic
def decision_link_commissions(*, actor, decision: Decision, commissions) -> None:
    """Link the commissions a decision concerns; a history row of its own.

    A cross-reference, not part of the record: like the execution follow-up, it may be kept
    up to date after the minutes are approved.
    """
    wanted = {c.pk for c in commissions}
    if wanted == set(decision.concerned_commissions.values_list("pk", flat=True)):
        return
    decision._history_user = actor if actor is not None and actor.is_authenticated else None
    decision._change_reason = _("Berörda uppdrag ändrade")
    decision.concerned_commissions.set(wanted)


def _save_clauses(actor, decision: Decision, clauses: list[str]) -> None:
    existing = {c.position: c for c in decision.clauses.all()}
    for position, text in enumerate(clauses, start=1):
        clause = existing.pop(position, None) or DecisionClause(
            decision=decision, position=position
        )
        if clause.text == text and clause.pk:
            continue
        clause.text = text
        save_with_history(clause, actor=actor, reason=_("Beslutssats sparad"))
    for clause in existing.values():
        clause._history_user = actor
        clause._change_reason = _("Beslutssats borttagen")
        clause.delete()


def ensure_decision_editable(decision: Decision) -> None:
    # Asks the database: the caller's copy may predate an approval saved meanwhile.
    approved = Decision.objects.filter(pk=decision.pk, immediately_approved_at__isnull=False)
    if decision.immediately_approved_at or approved.exists():
        raise ValidationError(
            _("Beslutet är omedelbart justerat och kan inte ändras."), code="locked"
        )
    if decision.meeting_id:
        ensure_meeting_editable(decision.meeting)


def _standalone_decided(decision: Decision) -> bool:
    return decision.meeting_id is None and decision.status == DecisionStatus.DECIDED


def _changes(decision: Decision, fields: dict, clauses: list[str] | None) -> bool:
    if any(getattr(decision, name) != value for name, value in fields.items()):
        return True
    if clauses is None:
        return False
    return clauses != list(decision.clauses.order_by("position").values_list("text", flat=True))


def _renumber_for_move(decision: Decision, *, was_on_protocol_item: bool) -> None:
    """Keep the § series whole when a decision moves between meetings and items: a given §
    never changes, so a numbered decision cannot take or leave a protokoll item's §."""
    on_protocol_item = _check_place(decision)
    item = decision.agenda_item
    if decision.number is None:
        decision.number = (
            item.paragraph if on_protocol_item else _next_paragraph(decision.body, decision.year)
        )
        return
    if on_protocol_item and item.paragraph != decision.number:
        raise ValidationError(
            {
                "agenda_item": _(
                    "Beslutet har redan § %(number)s och kan inte flyttas till en punkt i ett "
                    "protokoll, där punkten ger paragrafen."
                )
                % {"number": decision.number}
            }
        )
    if was_on_protocol_item and not on_protocol_item:
        raise ValidationError(
            {
                "agenda_item": _(
                    "Beslutet är § %(number)s i protokollet och kan inte flyttas från sin punkt."
                )
                % {"number": decision.number}
            }
        )


@transaction.atomic
def decision_update(
    *,
    actor,
    decision: Decision,
    expected_version: str | None = None,
    reason: str = "",
    clauses: list[str] | None = None,
    concerned_commissions=None,
    registry_number: str = KEEP,
    title: str = KEEP,
    case_description: str = KEEP,
    proposal: str = KEEP,
    proposed_by: str = KEEP,
    motivation: str = KEEP,
    status: str = KEEP,
    decision_date: datetime.date | None = KEEP,
    meeting: Meeting | None = KEEP,
    agenda_item: AgendaItem | None = KEEP,
    distribution: str = KEEP,
    certified_by: str = KEEP,
    responsible: str = KEEP,
    due_date: datetime.date | None = KEEP,
    is_confidential: bool = KEEP,
    confidentiality_ground: str = KEEP,
) -> Decision:
    """Change a decision; a field left out stays as it is. Body, year and § stay: they
    identify it in the register."""
    given = {
        name: value
        for name, value in (
            ("registry_number", registry_number),
            ("title", title),
            ("case_description", case_description),
            ("proposal", proposal),
            ("proposed_by", proposed_by),
            ("motivation", motivation),
            ("status", status),
            ("decision_date", decision_date),
            ("meeting", meeting),
            ("agenda_item", agenda_item),
            ("distribution", distribution),
            ("certified_by", certified_by),
            ("responsible", responsible),
            ("due_date", due_date),
            ("is_confidential", is_confidential),
            ("confidentiality_ground", confidentiality_ground),
        )
        if value is not KEEP
    }
    ensure_decision_editable(decision)  # the meeting's lock first, then the decision's row
    check_version(decision, expected_version)
    # The § may have been given since the caller read the decision (a submission).
    decision.number = Decision.objects.values_list("number", flat=True).get(pk=decision.pk)
    new_date = given.get("decision_date")
    if new_date and new_date.year != decision.year:
        # The § is counted per body and year; moving it to another year would break the series.
        raise ValidationError(
            {
                "decision_date": _(
                    "Beslutet är § %(number)s för %(year)s. Ett datum under ett annat år kräver "
                    "att beslutet registreras på nytt under det året."
                )
                % {"number": decision.number or "–", "year": decision.year}
            }
        )
    if clauses is not None:
        clauses = _clean_clauses(clauses)
    if _standalone_decided(decision) and not reason.strip() and _changes(decision, given, clauses):
        # No minutes will ever lock a decision recorded on its own: its record still must
        # not change silently.
        raise ValidationError(
            {"reason": _("Beslutet är fattat. Ange varför det ändras; skälet sparas i historiken.")}
        )
    # Changed clauses or commissions alone still move the decision's version (the form's lock).
    parts_changed = _changes(decision, {}, clauses) or (
        concerned_commissions is not None
        and {c.pk for c in concerned_commissions}
        != set(decision.concerned_commissions.values_list("pk", flat=True))
    )
    was_on_protocol_item = decision.agenda_item_id is not None and is_protocol_meeting(
        decision.meeting
    )
    moved = any(
        name in given and getattr(decision, f"{name}_id") != getattr(given[name], "pk", None)
        for name in ("meeting", "agenda_item")
    )
    for name, value in given.items():
        setattr(decision, name, value)
    if clauses is not None:
        check_clauses(decision.status, clauses)
    else:
        check_clauses(decision.status, list(decision.clauses.values_list("text", flat=True)))
    if decision.meeting_id:
        ensure_meeting_editable(decision.meeting)
    if moved:
        _renumber_for_move(decision, was_on_protocol_item=was_on_protocol_item)
    else:
        _check_place(decision)
    save_with_history(
        decision, actor=actor, reason=reason or _("Beslut ändrat"), parts_changed=parts_changed
    )
    if clauses is not None:
        _save_clauses(actor, decision, clauses)
    if concerned_commissions is not None:
        decision_link_commissions(actor=actor, decision=decision, commissions=concerned_commissions)
    return decision


@transaction.atomic
def decision_follow_up(
    *,
    actor,
    decision: Decision,
    responsible: str = KEEP,
    due_date: datetime.date | None = KEEP,
    execution_done: bool = KEEP,
    execution_note: str = KEEP,
) -> Decision:
    """Execution follow-up (verkställighet) stays open after approval: it is not the record."""
    for name, value in (
        ("responsible", responsible),
        ("due_date", due_date),
        ("execution_done", execution_done),
        ("execution_note", execution_note),
    ):
        if value is not KEEP:
            setattr(decision, name, value)
    return save_with_history(decision, actor=actor, reason=_("Uppföljning av verkställighet"))


def _reserving_seat(
    decision: Decision, person: Person | None, attendance: Attendance | None
) -> tuple[Person | None, Attendance | None]:
    """Who reserves: only someone who took part in the decision, with a vote. At a meeting
    that is a seat (the member present, or the substitute serving); for a decision recorded
    on its own, a member with a vote on the day of the decision."""
    if decision.meeting_id is None:
        if person is None or not standalone_voters(decision).filter(pk=person.pk).exists():
            raise ValidationError(
                {
                    "person": _(
                        "%(name)s var inte ledamot med rösträtt i %(body)s den %(day)s och kan "
                        "inte reservera sig mot beslutet."
                    )
                    % {
                        "name": person.full_name if person else "–",
                        "body": decision.body.name,
                        "day": (decision.decision_date or timezone.localdate()).isoformat(),
                    }
                }
            )
        return person, None
    seats = Attendance.objects.filter(meeting_id=decision.meeting_id)
    if attendance is None and person is not None:
        attendance = seats.filter(person=person).first()
    if attendance is None or attendance.meeting_id != decision.meeting_id:
        if not seats.exists():
            message = _(
                "Registrera närvaron vid mötet först: bara den som deltog i beslutet kan "
                "reservera sig mot det."
            )
        else:
            message = _(
                "%(name)s finns inte i mötets närvaro och kan inte reservera sig mot beslutet."
            ) % {"name": person.full_name if person else "–"}
        raise ValidationError({"person": message})
    if not decision_participants(decision).filter(pk=attendance.pk).exists():
        raise ValidationError(
            {
                "person": _("%(name)s kan inte reservera sig mot beslutet: %(reason)s.")
                % {
                    "name": attendance.seat_name,
                    "reason": why_not_taking_part(decision, attendance),
                }
            }
        )
    return (attendance.person if attendance.status == AttendanceStatus.PRESENT else None), (
        attendance
    )


@transaction.atomic
def decision_reservation_add(
    *,
    actor,
    decision: Decision,
    person: Person | None = None,
    attendance: Attendance | None = None,
    text: str = "",
) -> Reservation:
    """A reservation by someone who took part in the decision: give the seat (attendance) at a
    meeting — or the member (person), whose seat is looked up — and the member for a decision
    recorded on its own."""
    ensure_decision_editable(decision)
    person, attendance = _reserving_seat(decision, person, attendance)
    duplicate = Reservation.objects.filter(decision=decision)
    duplicate = (
        duplicate.filter(attendance=attendance) if attendance else duplicate.filter(person=person)
    )
    reservation = Reservation(decision=decision, person=person, attendance=attendance, text=text)
    if duplicate.exists():
        raise ValidationError(
            {
                "person": _("%(name)s har redan reserverat sig mot beslutet.")
                % {"name": reservation.name}
            }
        )
    save_with_history(
        reservation,
        actor=actor,
        reason=_("Reservation av %(name)s") % {"name": reservation.name},
    )
    return reservation


@transaction.atomic
def decision_reservation_remove(*, actor, reservation: Reservation) -> None:
    """Remove a reservation recorded by mistake, while the decision can still change. The
    history keeps the removed reservation and who removed it."""
    ensure_decision_editable(reservation.decision)
    reservation._history_user = actor if actor is not None and actor.is_authenticated else None
    reservation._change_reason = _("Reservation av %(name)s borttagen") % {"name": reservation.name}
    reservation.delete()


@transaction.atomic
def decision_approve_immediately(*, actor, decision: Decision) -> Decision:
    """Omedelbar justering: an urgent decision is approved at once in the meeting and locked,
    so it can be dispatched before the whole minutes are approved. A decision on a protokoll
    item gets its § now (with the items before it, so the series follows the agenda)."""
    if decision.meeting_id is not None:
        lock_meeting(decision.meeting_id)  # the meeting's lock before the decision's row
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.immediately_approved_at:
        raise ValidationError(_("Beslutet är redan omedelbart justerat."))
    if decision.status != DecisionStatus.DECIDED or not decision.clauses.exists():
        raise ValidationError(
            _("Bara ett fattat beslut med beslutssatser kan justeras omedelbart.")
        )
    if decision.meeting_id is None:
        raise ValidationError(
            _("Omedelbar justering görs på ett möte. Koppla beslutet till mötet.")
        )
    # Once the minutes are submitted or approved, the decision is approved with them.
    ensure_meeting_editable(decision.meeting)
    if decision.number is None:
        assign_paragraphs(decision.meeting, actor=actor, through=decision.agenda_item)
        decision.refresh_from_db()
    decision.immediately_approved_at = timezone.now()
    decision.immediately_approved_by = actor
    return save_with_history(decision, actor=actor, reason=_("Omedelbart justerat"))
