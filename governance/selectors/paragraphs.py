"""How a § reads in the protokoll, the extract and on the pages: the outcome in words ("Nämnden
beslutar att bordlägga ärendet."), the motions, the propositionsordning, the roll call and its
result, conflicts of interest and reservations. Built from prefetched rows, without queries,
so every paper says the same thing the same way."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    BallotChoice,
    Decision,
    DecisionClause,
    DecisionStatus,
    Motion,
    Recusal,
    Reservation,
    Vote,
    VoteBallot,
)
from governance.models.meetings import MinutesKind
from groups.models import Group, GroupKind
from portal.queries import Rows, set_prefetched

# How the minutes name the body in a sentence ("nämnden beslutar", "finner att styrgruppen
# beslutar"): its designation in the definite form, lower case; capitalised at the start.
BODY_WORDS = {
    GroupKind.COMMITTEE: gettext_lazy("nämnden"),
    GroupKind.POLITICAL_STEERING: gettext_lazy("styrgruppen"),
    GroupKind.OFFICIAL_STEERING: gettext_lazy("styrgruppen"),
    GroupKind.MANAGEMENT: gettext_lazy("ledningsgruppen"),
    GroupKind.RPO: gettext_lazy("programområdet"),
    GroupKind.RAG: gettext_lazy("arbetsgruppen"),
    GroupKind.RSG: gettext_lazy("samverkansgruppen"),
    GroupKind.HEADS_COUNCIL: gettext_lazy("chefsamrådet"),
    GroupKind.PROJECT: gettext_lazy("projektet"),
    GroupKind.SUBPROJECT: gettext_lazy("delprojektet"),
    GroupKind.PROJECT_GROUP: gettext_lazy("projektgruppen"),
    GroupKind.COORDINATION_GROUP: gettext_lazy("samordningsgruppen"),
    GroupKind.REFERENCE_GROUP: gettext_lazy("referensgruppen"),
    GroupKind.WORKING_GROUP: gettext_lazy("arbetsgruppen"),
    GroupKind.COUNCIL: gettext_lazy("rådet"),
    GroupKind.TEAM: gettext_lazy("teamet"),
    GroupKind.SECRETARIAT: gettext_lazy("kansliet"),
}

# The outcomes other than a decision in the matter, as the first att-clause.
OUTCOME_CLAUSES = {
    DecisionStatus.DEFERRED: gettext_lazy("att bordlägga ärendet"),
    DecisionStatus.REFERRED_BACK: gettext_lazy("att återremittera ärendet"),
    DecisionStatus.REJECTED: gettext_lazy("att avslå förslaget"),
}


def body_word(group: Group) -> str:
    return str(BODY_WORDS.get(group.kind) or _("gruppen"))


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def genitive(name: str) -> str:
    """Swedish genitive: "Anna Svensson" → "Anna Svenssons", "Lars Jonas" → "Lars Jonas"."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def record_prefetch() -> list:
    """What a § needs to be printed, for Decision querysets (add select_related("vote"))."""
    return [
        Prefetch("clauses", queryset=DecisionClause.objects.order_by("position")),
        Prefetch(
            "reservations",
            queryset=Reservation.objects.select_related("person", "attendance__person"),
        ),
        Prefetch(
            "motions",
            queryset=Motion.objects.select_related("attendance__person").order_by("position"),
        ),
        Prefetch("recusals", queryset=Recusal.objects.select_related("attendance__person")),
        Prefetch(
            "vote__ballots",
            queryset=VoteBallot.objects.select_related("attendance__person").order_by(
                "attendance__person__last_name", "attendance__person__first_name", "pk"
            ),
        ),
    ]


def record_rows(decision_ids: list[int]) -> list[Rows]:
    """What record_prefetch reads, as parts of one `read_together` query (the decisions
    already read, with select_related("vote")); `attach_record` gives them to the decisions."""
    person = ("attendance__person",)
    return [
        Rows(DecisionClause.objects.filter(decision_id__in=decision_ids).order_by("position")),
        Rows(
            Reservation.objects.filter(decision_id__in=decision_ids),
            ("person", "attendance__person"),
        ),
        Rows(Motion.objects.filter(decision_id__in=decision_ids).order_by("position"), person),
        Rows(Recusal.objects.filter(decision_id__in=decision_ids), person),
        Rows(
            VoteBallot.objects.filter(vote__decision_id__in=decision_ids).order_by(
                "attendance__person__last_name", "attendance__person__first_name", "pk"
            ),
            person,
        ),
    ]


def attach_record(decisions: list[Decision], rows: list[list]) -> None:
    clauses, reservations, motions, recusals, ballots = rows
    set_prefetched(decisions, "clauses", clauses, via="decision")
    set_prefetched(decisions, "reservations", reservations, via="decision")
    set_prefetched(decisions, "motions", motions, via="decision")
    set_prefetched(decisions, "recusals", recusals, via="decision")
    votes = [vote for vote in map(vote_of, decisions) if vote is not None]
    set_prefetched(votes, "ballots", ballots, via="vote")


def vote_of(decision: Decision) -> Vote | None:
    try:
        return decision.vote
    except Decision.vote.RelatedObjectDoesNotExist:
        return None


@dataclass
class Tally:
    yes: int
    no: int
    abstain: int
    winner: Motion | None
    by_casting_vote: bool


def tally(vote: Vote, ballots: list[VoteBallot]) -> Tally:
    """Ja against nej; on a tie the chair's vote (utslagsröst) decides."""
    counts = {choice: 0 for choice in BallotChoice.values}
    for ballot in ballots:
        counts[ballot.choice] += 1
    yes, no = counts[BallotChoice.YES], counts[BallotChoice.NO]
    winner, casting = None, False
    if yes > no:
        winner = vote.yes_motion
    elif no > yes:
        winner = vote.no_motion
    elif vote.casting_vote_by_id:
        chair = next((b for b in ballots if b.attendance_id == vote.casting_vote_by_id), None)
        if chair is not None and chair.choice != BallotChoice.ABSTAIN:
            winner = vote.yes_motion if chair.choice == BallotChoice.YES else vote.no_motion
            casting = True
    return Tally(yes, no, counts[BallotChoice.ABSTAIN], winner, casting)


@dataclass
class BallotRow:
    name: str
    choice: str
    label: str
    casting: bool = False

    @property
    def is_yes(self) -> bool:
        return self.choice == BallotChoice.YES

    @property
    def is_no(self) -> bool:
        return self.choice == BallotChoice.NO

    @property
    def is_abstain(self) -> bool:
        return self.choice == BallotChoice.ABSTAIN


@dataclass
class VoteText:
    proposition: str
    rows: list[BallotRow]
    yes: int
    no: int
    abstain: int
    result: str


@dataclass
class ParagraphText:
    """One decision as the record prints it."""

    lead: str = ""
    clauses: list[str] = field(default_factory=list)
    sentence: str = ""
    motivation: str = ""
    motions: list[str] = field(default_factory=list)
    proposition: str = ""
    vote: VoteText | None = None
    recusals: list[str] = field(default_factory=list)
    reservations: list[str] = field(default_factory=list)


def motion_name(motion: Motion) -> str:
    # Swedish puts the name in the genitive ("Annas yrkande"); other languages take it as is.
    name = motion.attendance.speaker_name
    if get_language() == "sv" or get_language() is None:
        name = genitive(name)
    return _("%(name)s yrkande") % {"name": name}


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s och %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _outcome(decision: Decision, body: str, clauses: list[str]) -> tuple[str, list[str], str]:
    """(lead, clauses, sentence): a decision in the matter is "Nämnden beslutar" with its
    clauses; tabling, referring back and rejecting read as what they are."""
    status = decision.status
    if status == DecisionStatus.DECIDED:
        return _("%(body)s beslutar") % {"body": capfirst(body)}, clauses, ""
    if status == DecisionStatus.WITHDRAWN:
        return "", [], _("Ärendet återtas.")
    if status in OUTCOME_CLAUSES:
        outcome = str(OUTCOME_CLAUSES[status])
        if clauses:
            return _("%(body)s beslutar") % {"body": capfirst(body)}, [outcome, *clauses], ""
        return (
            "",
            [],
            _("%(body)s beslutar %(outcome)s.")
            % {
                "body": capfirst(body),
                "outcome": outcome,
            },
        )
    if clauses:
        return _("Förslag till beslut"), clauses, ""
    return "", [], _("Ärendet är inte avgjort.")


def _proposition(motions: list[Motion], body: str) -> str:
    ordered = sorted(
        (m for m in motions if m.proposition_order is not None),
        key=lambda m: (m.proposition_order, m.position),
    )
    adopted = next((m for m in ordered if m.adopted), None)
    if not ordered or adopted is None:
        return ""
    names = [motion_name(m) for m in ordered]
    if len(names) == 2:
        put = _("%(first)s mot %(second)s") % {"first": names[0], "second": names[1]}
    else:
        put = _join(names)
    return _(
        "Ordföranden ställer proposition på %(motions)s och finner att %(body)s beslutar enligt "
        "%(adopted)s."
    ) % {"motions": put, "body": body, "adopted": motion_name(adopted)}


def _vote_text(vote: Vote, body: str) -> VoteText:
    ballots = list(vote.ballots.all())
    result = tally(vote, ballots)
    yes = ngettext("%(count)s ja-röst", "%(count)s ja-röster", result.yes) % {"count": result.yes}
    no = ngettext("%(count)s nej-röst", "%(count)s nej-röster", result.no) % {"count": result.no}
    values = {"yes": yes, "no": no, "body": body, "abstain": result.abstain}
    if result.winner is None:
        sentence = _("Med %(yes)s mot %(no)s är röstetalet lika.") % values
    else:
        values["winner"] = motion_name(result.winner)
        if result.by_casting_vote and result.abstain:
            sentence = _(
                "Med %(yes)s mot %(no)s, %(abstain)s avstod, och ordförandens utslagsröst "
                "beslutar %(body)s enligt %(winner)s."
            )
        elif result.by_casting_vote:
            sentence = _(
                "Med %(yes)s mot %(no)s och ordförandens utslagsröst beslutar %(body)s enligt "
                "%(winner)s."
            )
        elif result.abstain:
            sentence = _(
                "Med %(yes)s mot %(no)s, %(abstain)s avstod, beslutar %(body)s enligt %(winner)s."
            )
        else:
            sentence = _("Med %(yes)s mot %(no)s beslutar %(body)s enligt %(winner)s.")
        sentence = sentence % values
    return VoteText(
        proposition=_("Ja-röst för %(yes)s, nej-röst för %(no)s.")
        % {"yes": motion_name(vote.yes_motion), "no": motion_name(vote.no_motion)},
        rows=[
            BallotRow(
                name=b.attendance.seat_name,
                choice=b.choice,
                label=b.get_choice_display(),
                casting=b.attendance_id == vote.casting_vote_by_id and result.by_casting_vote,
            )
            for b in ballots
        ],
        yes=result.yes,
        no=result.no,
        abstain=result.abstain,
        result=sentence,
    )


def paragraph_text(decision: Decision) -> ParagraphText:
    """The decision as printed; needs record_prefetch() and select_related("body", "vote")."""
    body = body_word(decision.body)
    clauses = [c.text for c in decision.clauses.all()]
    lead, printed, sentence = _outcome(decision, body, clauses)
    motions = list(decision.motions.all())
    motions_by_id = {m.pk: m for m in motions}
    vote = vote_of(decision)
    if vote is not None:
        # The vote's motions are among the decision's: reuse them (no further queries).
        if vote.yes_motion_id in motions_by_id:
            vote.yes_motion = motions_by_id[vote.yes_motion_id]
        if vote.no_motion_id in motions_by_id:
            vote.no_motion = motions_by_id[vote.no_motion_id]
    return ParagraphText(
        lead=lead,
        clauses=printed,
        sentence=sentence,
        motivation=decision.motivation,
        motions=[
            _("%(name)s yrkar %(motion)s.")
            % {"name": m.attendance.seat_name, "motion": m.text.rstrip(". ")}
            for m in motions
        ],
        proposition=_proposition(motions, body),
        vote=_vote_text(vote, body) if vote is not None else None,
        recusals=[
            _("%(name)s deltar inte i handläggningen på grund av jäv.")
            % {"name": r.attendance.seat_name}
            for r in decision.recusals.all()
        ],
        reservations=[
            _("%(name)s reserverar sig mot beslutet.") % {"name": r.name}
            + (f" {r.text}" if r.text else "")
            for r in decision.reservations.all()
        ],
    )


def decision_label(decision: Decision) -> str:
    """ "§ 5" — or, on a protokoll item before submission, that the § is still to come."""
    if decision.number:
        return f"§ {decision.number}"
    return _("§ ges när protokollet lämnas för justering")


def item_label(item: AgendaItem, kind: str) -> str:
    """A protokoll's items are §s, once numbered; informal notes number points."""
    if kind == MinutesKind.PROTOCOL and item.paragraph:
        return f"§ {item.paragraph}"
    return _("Punkt %(number)s") % {"number": item.number}
