"""Decisions: § numbered per body and year without gaps or duplicates, with att-clauses."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    Decision,
    DecisionClause,
    DecisionStatus,
    Meeting,
    ParagraphCounter,
    Reservation,
)
from governance.models.decisions import CLAUSE_PREFIX
from governance.services.common import check_version, ensure_meeting_editable, lock_meeting
from groups.models import Group, Person
from portal.history import save_with_history

DECISION_FIELDS = (
    "registry_number",
    "title",
    "case_description",
    "proposal",
    "proposed_by",
    "status",
    "decision_date",
    "meeting",
    "agenda_item",
    "distribution",
    "certified_by",
    "responsible",
    "due_date",
)
FOLLOW_UP_FIELDS = ("responsible", "due_date", "execution_done", "execution_note")


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
    """Take the next § for a body and year under a row lock: a second secretary saving at the
    same moment waits here until the first transaction commits, then gets the next number."""
    ParagraphCounter.objects.bulk_create(
        [ParagraphCounter(body=body, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ParagraphCounter.objects.select_for_update().get(body=body, year=year)
    highest = Decision.objects.filter(body=body, year=year).aggregate(n=Max("number"))["n"] or 0
    counter.last_number = max(counter.last_number, highest) + 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _year_for(decision_date, meeting: Meeting | None) -> int:
    if decision_date:
        return decision_date.year
    if meeting is not None:
        return timezone.localtime(meeting.starts_at).year
    return timezone.localdate().year


def check_clauses(status: str, clauses: list[str]) -> None:
    if status == DecisionStatus.DECIDED and not clauses:
        raise ValidationError(
            {"clauses": _("Ett fattat beslut behöver minst en beslutssats som börjar med ”att”.")}
        )


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
    concerned_commissions=None,
    reason: str = "",
    **fields,
) -> Decision:
    """Record a decision of a body and give it the next § of the year."""
    clauses = [c for c in (normalise_clause(text) for text in clauses) if c]
    check_clauses(status, clauses)
    if meeting is not None:
        ensure_meeting_editable(meeting)
    if decision_date is None and meeting is not None and status == DecisionStatus.DECIDED:
        decision_date = timezone.localtime(meeting.starts_at).date()
    if not fields.get("certified_by") and actor is not None and actor.is_authenticated:
        fields["certified_by"] = actor.get_full_name()
    decision = Decision(
        body=body,
        title=title,
        status=status,
        decision_date=decision_date,
        meeting=meeting,
        agenda_item=agenda_item,
        year=_year_for(decision_date, meeting),
        **{name: fields[name] for name in DECISION_FIELDS if name in fields},
    )
    decision.full_clean(exclude=["number"])  # report input errors before taking a number
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
    if any(name in fields and getattr(decision, name) != fields[name] for name in DECISION_FIELDS):
        return True
    if clauses is None:
        return False
    return clauses != list(decision.clauses.order_by("position").values_list("text", flat=True))


@transaction.atomic
def decision_update(
    *,
    actor,
    decision: Decision,
    clauses: list[str] | None = None,
    concerned_commissions=None,
    expected_version: str | None = None,
    reason: str = "",
    **fields,
) -> Decision:
    """Change a decision. Body, year and § stay: they identify it in the register."""
    ensure_decision_editable(decision)  # the meeting's lock first, then the decision's row
    check_version(decision, expected_version)
    new_date = fields.get("decision_date")
    if new_date and new_date.year != decision.year:
        # The § is counted per body and year; moving it to another year would break the series.
        raise ValidationError(
            {
                "decision_date": _(
                    "Beslutet är § %(number)s för %(year)s. Ett datum under ett annat år kräver "
                    "att beslutet registreras på nytt under det året."
                )
                % {"number": decision.number, "year": decision.year}
            }
        )
    if clauses is not None:
        clauses = [c for c in (normalise_clause(text) for text in clauses) if c]
    if _standalone_decided(decision) and not reason.strip() and _changes(decision, fields, clauses):
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
    for name in DECISION_FIELDS:
        if name in fields:
            setattr(decision, name, fields[name])
    if clauses is not None:
        check_clauses(decision.status, clauses)
    elif decision.status == DecisionStatus.DECIDED:
        check_clauses(decision.status, list(decision.clauses.values_list("text", flat=True)))
    if decision.meeting_id:
        ensure_meeting_editable(decision.meeting)
    save_with_history(
        decision, actor=actor, reason=reason or _("Beslut ändrat"), parts_changed=parts_changed
    )
    if clauses is not None:
        _save_clauses(actor, decision, clauses)
    if concerned_commissions is not None:
        decision_link_commissions(actor=actor, decision=decision, commissions=concerned_commissions)
    return decision


@transaction.atomic
def decision_follow_up(*, actor, decision: Decision, **fields) -> Decision:
    """Execution follow-up (verkställighet) stays open after approval: it is not the record."""
    for name in FOLLOW_UP_FIELDS:
        if name in fields:
            setattr(decision, name, fields[name])
    return save_with_history(decision, actor=actor, reason=_("Uppföljning av verkställighet"))


@transaction.atomic
def decision_reservation_add(
    *, actor, decision: Decision, person: Person, text: str = ""
) -> Reservation:
    ensure_decision_editable(decision)
    if Reservation.objects.filter(decision=decision, person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s har redan reserverat sig mot beslutet.") % {"name": person}}
        )
    reservation = Reservation(decision=decision, person=person, text=text)
    save_with_history(
        reservation,
        actor=actor,
        reason=_("Reservation av %(name)s") % {"name": person.full_name},
    )
    return reservation


@transaction.atomic
def decision_reservation_remove(*, actor, reservation: Reservation) -> None:
    """Remove a reservation recorded by mistake, while the decision can still change. The
    history keeps the removed reservation and who removed it."""
    ensure_decision_editable(reservation.decision)
    reservation._history_user = actor if actor is not None and actor.is_authenticated else None
    reservation._change_reason = _("Reservation av %(name)s borttagen") % {
        "name": reservation.person.full_name
    }
    reservation.delete()


@transaction.atomic
def decision_approve_immediately(*, actor, decision: Decision) -> Decision:
    """Omedelbar justering: an urgent decision is approved at once in the meeting and locked,
    so it can be dispatched before the whole minutes are approved."""
    if decision.meeting_id:
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
    decision.immediately_approved_at = timezone.now()
    decision.immediately_approved_by = actor
    return save_with_history(decision, actor=actor, reason=_("Omedelbart justerat"))
