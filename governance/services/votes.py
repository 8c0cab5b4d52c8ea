"""How a decision was reached: motions (yrkanden), the propositionsordning, a roll-call vote
(votering) and conflicts of interest (jäv). Only the seats that take part in the decision
(members present with a vote, substitutes serving for them, less anyone recused) may move,
vote or reserve; everything changes only while the meeting's minutes can."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from governance.models import (
    Attendance,
    AttendanceStatus,
    BallotChoice,
    Decision,
    Motion,
    Recusal,
    Reservation,
    Vote,
    VoteBallot,
)
from governance.selectors.paragraphs import vote_of
from governance.selectors.participants import (
    chair_seat,
    decision_participants,
    why_not_taking_part,
)
from governance.services.decisions import ensure_decision_editable
from portal.history import save_with_history


def _delete_with_history(instance, *, actor, reason: str) -> None:
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason
    instance.delete()


def _ensure_at_meeting(decision: Decision) -> None:
    if decision.meeting_id is None:
        raise ValidationError(
            _(
                "Yrkanden, votering och jäv registreras för beslut som fattas vid ett möte. "
                "Koppla beslutet till mötet först."
            )
        )


def _ensure_taking_part(decision: Decision, attendance: Attendance, field: str, what: str):
    if not decision_participants(decision).filter(pk=attendance.pk).exists():
        raise ValidationError(
            {
                field: _("%(name)s kan inte %(what)s: %(reason)s.")
                % {
                    "name": attendance.seat_name,
                    "what": what,
                    "reason": why_not_taking_part(decision, attendance),
                }
            }
        )


@transaction.atomic
def motion_add(*, actor, decision: Decision, attendance: Attendance, text: str) -> Motion:
    """A motion by a member taking part: "Anna Svensson yrkar bifall till förslaget"."""
    ensure_decision_editable(decision)
    _ensure_at_meeting(decision)
    _ensure_taking_part(decision, attendance, "attendance", _("yrka i ärendet"))
    text = " ".join(text.split()).rstrip(".")
    if not text:
        raise ValidationError({"text": _("Skriv vad som yrkas, t.ex. ”bifall till förslaget”.")})
    position = (decision.motions.aggregate(n=Max("position"))["n"] or 0) + 1
    motion = Motion(decision=decision, position=position, attendance=attendance, text=text)
    return save_with_history(
        motion,
        actor=actor,
        reason=_("Yrkande av %(name)s") % {"name": attendance.speaker_name},
    )


@transaction.atomic
def motion_remove(*, actor, motion: Motion) -> None:
    ensure_decision_editable(motion.decision)
    vote = vote_of(motion.decision)
    if vote is not None and motion.pk in (vote.yes_motion_id, vote.no_motion_id):
        raise ValidationError(_("Yrkandet ingår i voteringen. Ta bort voteringen först."))
    _delete_with_history(
        motion,
        actor=actor,
        reason=_("Yrkande av %(name)s borttaget") % {"name": motion.attendance.speaker_name},
    )


@transaction.atomic
def proposition_set(
    *, actor, decision: Decision, order: list[Motion], adopted: Motion
) -> list[Motion]:
    """The propositionsordning: the motions in the order the chair put them, and the one the
    chair found the body adopted ("… och finner att nämnden beslutar enligt …")."""
    ensure_decision_editable(decision)
    motions = {m.pk: m for m in decision.motions.all()}
    if not order:
        raise ValidationError({"order": _("Ange i vilken ordning ordföranden ställde yrkandena.")})
    if any(m.pk not in motions for m in order) or len({m.pk for m in order}) != len(order):
        raise ValidationError({"order": _("Varje yrkande kan stå en gång i ordningen.")})
    if adopted.pk not in {m.pk for m in order}:
        raise ValidationError(
            {"adopted": _("Det bifallna yrkandet måste vara ett av dem ordföranden ställde.")}
        )
    positions = {m.pk: index for index, m in enumerate(order, start=1)}
    # Clear the adopted mark first: at most one motion carries it at any moment.
    for motion in motions.values():
        if motion.adopted and motion.pk != adopted.pk:
            motion.adopted = False
            save_with_history(motion, actor=actor, reason=_("Propositionsordning ändrad"))
    for motion in motions.values():
        wanted = (positions.get(motion.pk), motion.pk == adopted.pk)
        if (motion.proposition_order, motion.adopted) != wanted:
            motion.proposition_order, motion.adopted = wanted
            save_with_history(motion, actor=actor, reason=_("Propositionsordning"))
    return sorted(motions.values(), key=lambda m: m.position)


@transaction.atomic
def vote_record(
    *,
    actor,
    decision: Decision,
    yes_motion: Motion,
    no_motion: Motion,
    ballots: list[tuple[Attendance, str]],
) -> Vote:
    """A roll call (votering): every seat taking part answers ja, nej or avstår, all at once.
    Recording again replaces the earlier roll call; a tie is decided by the chair's vote."""
    ensure_decision_editable(decision)
    _ensure_at_meeting(decision)
    if yes_motion.decision_id != decision.pk or no_motion.decision_id != decision.pk:
        raise ValidationError(_("Voteringen gäller yrkanden i det här ärendet."))
    if yes_motion.pk == no_motion.pk:
        raise ValidationError(
            {"no_motion": _("Ja och nej ska stå för två olika yrkanden.")}, code="same"
        )
    seats = {seat.pk: seat for seat in decision_participants(decision)}
    errors = []
    given = {}
    for attendance, choice in ballots:
        if attendance.pk not in seats:
            errors.append(
                _("%(name)s kan inte rösta: %(reason)s.")
                % {
                    "name": attendance.seat_name,
                    "reason": why_not_taking_part(decision, attendance),
                }
            )
        elif choice not in BallotChoice.values:
            errors.append(
                _("Ange ja, nej eller avstår för %(name)s.")
                % {"name": seats[attendance.pk].seat_name}
            )
        else:
            given[attendance.pk] = choice
    missing = [seat.seat_name for pk, seat in seats.items() if pk not in given]
    if missing and not errors:
        errors.append(
            _("Varje tjänstgörande ledamot svarar ja, nej eller avstår. Saknas: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    existing = vote_of(decision)
    if existing is not None:
        for ballot in existing.ballots.all():
            _delete_with_history(ballot, actor=actor, reason=_("Voteringen registreras om"))
        _delete_with_history(existing, actor=actor, reason=_("Voteringen registreras om"))
    vote = Vote(decision=decision, yes_motion=yes_motion, no_motion=no_motion)
    rows = [VoteBallot(attendance=seats[pk], choice=choice) for pk, choice in given.items()]
    yes = sum(1 for r in rows if r.choice == BallotChoice.YES)
    no = sum(1 for r in rows if r.choice == BallotChoice.NO)
    if yes == no:
        chair = chair_seat(decision)
        chair_choice = given.get(chair.pk) if chair is not None else None
        if chair_choice not in (BallotChoice.YES, BallotChoice.NO):
            raise ValidationError(
                _(
                    "Röstetalet är lika. Då avgör ordförandens röst (utslagsröst), men "
                    "ordföranden har inte röstat ja eller nej vid mötet."
                )
            )
        vote.casting_vote_by = chair
    save_with_history(vote, actor=actor, reason=_("Votering"))
    for row in rows:
        row.vote = vote
        save_with_history(
            row,
            actor=actor,
            reason=_("Röst: %(name)s") % {"name": row.attendance.seat_name},
        )
    return vote


@transaction.atomic
def vote_remove(*, actor, decision: Decision) -> None:
    ensure_decision_editable(decision)
    vote = vote_of(decision)
    if vote is None:
        return
    for ballot in vote.ballots.all():
        _delete_with_history(ballot, actor=actor, reason=_("Voteringen borttagen"))
    _delete_with_history(vote, actor=actor, reason=_("Voteringen borttagen"))


@transaction.atomic
def recusal_add(*, actor, decision: Decision, attendance: Attendance) -> Recusal:
    """Jäv: someone at the meeting left the item and took no part in it."""
    ensure_decision_editable(decision)
    _ensure_at_meeting(decision)
    if attendance.meeting_id != decision.meeting_id or attendance.status not in (
        AttendanceStatus.PRESENT,
        AttendanceStatus.SUBSTITUTED,
    ):
        raise ValidationError(
            {
                "attendance": _("%(name)s var inte närvarande vid mötet.")
                % {"name": attendance.seat_name}
            }
        )
    if Recusal.objects.filter(decision=decision, attendance=attendance).exists():
        raise ValidationError(
            {
                "attendance": _("Jäv för %(name)s är redan registrerat.")
                % {"name": attendance.seat_name}
            }
        )
    took_part = (
        VoteBallot.objects.filter(vote__decision=decision, attendance=attendance).exists()
        or Motion.objects.filter(decision=decision, attendance=attendance).exists()
        or Reservation.objects.filter(decision=decision, attendance=attendance).exists()
    )
    if took_part:
        raise ValidationError(
            {
                "attendance": _(
                    "%(name)s har yrkat, röstat eller reserverat sig i ärendet. Ta bort det först "
                    "om hen i själva verket var jävig och lämnade ärendet."
                )
                % {"name": attendance.seat_name}
            }
        )
    recusal = Recusal(decision=decision, attendance=attendance)
    return save_with_history(
        recusal, actor=actor, reason=_("Jäv: %(name)s") % {"name": attendance.seat_name}
    )


@transaction.atomic
def recusal_remove(*, actor, recusal: Recusal) -> None:
    ensure_decision_editable(recusal.decision)
    _delete_with_history(
        recusal,
        actor=actor,
        reason=_("Jäv för %(name)s borttaget") % {"name": recusal.attendance.seat_name},
    )
