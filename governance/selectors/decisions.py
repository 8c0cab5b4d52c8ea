"""Reads for the decision register and the decision page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.access.meetings import DECISION_RELATED, readable_group_ids
from governance.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    DecisionClause,
    DecisionStatus,
    Meeting,
    MinutesStatus,
    Motion,
    Recusal,
    Reservation,
    Vote,
    VoteBallot,
)
from governance.selectors.meetings import latest_dispatch_at, person_name
from governance.selectors.paragraphs import (
    ParagraphText,
    attach_record,
    decision_label,
    paragraph_text,
    record_rows,
    vote_of,
)
from governance.selectors.participants import decision_participants, standalone_voters
from governance.selectors.search import filter_decisions_by_text
from groups.models import Group, Person
from portal.history import HistorySource, history_lines
from portal.queries import Rows, read_together, set_prefetched
from portal.sorting import Column, Sort, sort_from

# The register's sortable columns (?sortera=…). The default, "-paragraf", is newest year first,
# then body by body (in the order they were created) with the latest § first: the order of the
# index decision_register_order. Each ordering has an index of its own (migration 0012).
REGISTER_COLUMNS = (
    Column("organ", gettext_lazy("Organ"), ("body__name",)),
    Column("paragraf", gettext_lazy("§"), ("year", "-body_id", "number"), descending_first=True),
    Column("arende", gettext_lazy("Ärende"), ("title",)),
    Column("diarienummer", gettext_lazy("Diarienummer"), ("registry_number",)),
    Column("datum", gettext_lazy("Beslutsdatum"), ("decision_date",), descending_first=True),
    Column("status", gettext_lazy("Status"), ("status", "-decision_date")),
)
REGISTER_DEFAULT = "-paragraf"
REGISTER_ORDER = ("-year", "body_id", "-number", "-pk")
# A searched register lists the best matches first (governance.selectors.search) until the
# user sorts by a column; relevance has no header of its own.
RELEVANCE = "relevans"
SEARCHED_COLUMNS = (*REGISTER_COLUMNS, Column(RELEVANCE, gettext_lazy("Relevans"), ("pk",)))


def register_sort(params, *, searched: bool) -> Sort:
    """The register's sort from the URL (request.GET): by relevance when searched and no
    column is chosen."""
    if searched:
        return sort_from(params, SEARCHED_COLUMNS, default=RELEVANCE)
    return sort_from(params, REGISTER_COLUMNS, default=REGISTER_DEFAULT)


def decision_list(
    *,
    user,
    body: Group | int | None = None,
    year: int | None = None,
    status: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    search: str = "",
    sort: Sort | None = None,
) -> QuerySet[Decision]:
    """The decision register: official decisions for everyone, proposals for the body's members,
    in the order of `sort` (a column of REGISTER_COLUMNS, or with a search RELEVANCE)."""
    decisions = (
        Decision.objects.select_related("body")
        .prefetch_related(Prefetch("clauses", queryset=DecisionClause.objects.order_by("position")))
        # "Expedierat 2026-12-03" in the register: a column of the same query, not a query.
        .annotate(dispatched_at=latest_dispatch_at())
    )
    readable = readable_group_ids(user)
    if readable is not None:
        decisions = decisions.filter(~Q(status=DecisionStatus.PROPOSED) | Q(body__in=readable))
    if body is not None:
        decisions = decisions.filter(body=body)
    if year:
        decisions = decisions.filter(year=year)
    if status:
        decisions = decisions.filter(status=status)
    if date_from:
        decisions = decisions.filter(decision_date__gte=date_from)
    if date_to:
        decisions = decisions.filter(decision_date__lte=date_to)
    by_relevance = sort is None or sort.column.key == RELEVANCE
    decisions = decisions.order_by(*(REGISTER_ORDER if by_relevance else sort.order_by()))
    return filter_decisions_by_text(decisions, search, ranked=by_relevance)


# What a group's choice label (Group.choice_label) needs, for the 2,000 bodies of the filter.
GROUP_CHOICE_FIELDS = (
    "name",
    "is_national",
    "healthcare_region__name",
    "healthcare_region__short_name",
)

# The register's filter choices (years, bodies with decisions) are the same for everyone and
# change rarely: cached, and forgotten when a decision or a group is saved or deleted
# (GovernanceConfig.ready connects forget_register_choices). With several processes and the
# local-memory cache another process may show them for up to the cache's TIMEOUT (settings).
REGISTER_CHOICES_KEY = "governance:register-choices"


def _register_choices() -> dict:
    choices = cache.get(REGISTER_CHOICES_KEY)
    if choices is None:
        bodies = (
            Group.objects.filter(Exists(Decision.objects.filter(body=OuterRef("pk"))))
            .select_related("healthcare_region")
            .only(*GROUP_CHOICE_FIELDS)
            .order_by("name", "pk")
        )
        choices = {
            "years": list(
                Decision.objects.order_by("-year").values_list("year", flat=True).distinct()
            ),
            # What Group.choice_label is made of, not the label: it is translated.
            "bodies": [
                (
                    group.pk,
                    group.name,
                    None if group.is_national else group.healthcare_region.label,
                )
                for group in bodies
            ],
        }
        cache.set(REGISTER_CHOICES_KEY, choices)
    return choices


def forget_register_choices(**_signal) -> None:
    cache.delete(REGISTER_CHOICES_KEY)


def decision_bodies() -> list[tuple[int, str]]:
    """The groups that have decisions, for the register's filter: (id, choice label), from
    the cache (2,000 groups as model instances took a third of the page's time)."""
    national = _("nationell")
    return [
        (pk, f"{name} ({region or national})") for pk, name, region in _register_choices()["bodies"]
    ]


def decision_years() -> list[int]:
    return _register_choices()["years"]


@dataclass
class DecisionOverview:
    decision: Decision
    clauses: list[DecisionClause]
    reservations: list[Reservation]
    attachments: list[Attachment]
    history: list
    minutes_status: str | None  # of the minutes of the decision's meeting, if any
    commissions: list = field(default_factory=list)
    budgets: list = field(default_factory=list)
    label: str = ""  # "§ 5", or that the § comes with the protokoll's submission
    text: ParagraphText = field(default_factory=ParagraphText)
    motions: list[Motion] = field(default_factory=list)
    vote: Vote | None = None
    recusals: list[Recusal] = field(default_factory=list)
    # Minutes not yet approved, and the § not approved at once: the record is "ojusterat".
    unapproved: bool = False
    reservation_candidates: list = field(default_factory=list)  # of Participant


def decision_overview(decision: Decision | int, *, history: bool = True) -> DecisionOverview | None:
    """The decision page (and its extract): given the decision its access function fetched
    (with DECISION_RELATED), or an id. Its parts in one query, its history in one (the extract
    asks without it, history=False: it does not print the history)."""
    if not isinstance(decision, Decision):
        decision = Decision.objects.select_related(*DECISION_RELATED).filter(pk=decision).first()
    if decision is None:
        return None
    rows = read_together(
        *record_rows([decision.pk]),
        Rows(Attachment.objects.filter(decision=decision).order_by("position", "pk")),
        Rows(decision.concerned_commissions.all()),
        # Commissions whose status (decided, transferred, cancelled) this decision set.
        Rows(decision.commissions.all()),
        # Budgets adopted by this decision: finance points here; governance never imports it.
        Rows(decision.budgets.all(), ("owner",)),
        # For the reservation form (shown to those who may edit): read with the rest, so the
        # page costs the same whoever reads it.
        *_candidate_rows(decision),
    )
    attach_record([decision], rows[:5])
    attachments, concerned, commissions, budgets, candidates = rows[5:]
    set_prefetched([decision], "attachments", attachments, via="decision")
    history = decision_history(decision) if history else []
    minutes = _minutes_of(decision)
    approved = bool(minutes and minutes.status == MinutesStatus.APPROVED)
    return DecisionOverview(
        decision=decision,
        clauses=list(decision.clauses.all()),
        reservations=list(decision.reservations.all()),
        attachments=list(decision.attachments.all()),
        history=history,
        minutes_status=minutes.status if minutes is not None else None,
        label=decision_label(decision),
        text=paragraph_text(decision),
        motions=list(decision.motions.all()),
        vote=vote_of(decision),
        recusals=list(decision.recusals.all()),
        unapproved=bool(
            decision.meeting_id and not approved and not decision.immediately_approved_at
        ),
        commissions=sorted({*concerned, *commissions}, key=lambda c: c.title),
        budgets=budgets,
        reservation_candidates=_participants(decision, candidates),
    )


def decision_secrecy_mark(decision: Decision) -> str:
    """ "Sekretessbelagd enligt …" for a confidential decision or one taken under a
    confidential agenda item (the item's secrecy covers what was decided in it); "" otherwise.
    The one rule the public register, its PDFs and the open data withhold a decision by."""
    item = decision.agenda_item if decision.agenda_item_id else None
    return decision.secrecy_mark or (item.secrecy_mark if item is not None else "")


def _minutes_of(decision: Decision):
    if decision.meeting_id is None:
        return None
    try:
        return decision.meeting.minutes
    except decision.meeting._meta.model.minutes.RelatedObjectDoesNotExist:
        return None


def group_decision_summary(group: Group, *, user, limit: int = 5) -> list[Decision]:
    """For the group page: the latest decisions the user may see (one query)."""
    return list(decision_list(user=user, body=group).prefetch_related(None)[:limit])


def decision_form_choices(bodies) -> dict:
    """The meetings and agenda items a decision of these bodies may belong to."""
    return {
        "meetings": Meeting.objects.filter(group__in=bodies)
        .select_related("group")
        .order_by("-starts_at"),
        "agenda_items": AgendaItem.objects.filter(meeting__group__in=bodies).select_related(
            "meeting"
        ),
    }


# The seat (attendance) or person a historical row names, for the history's subject.
SEAT_OR_PERSON = {
    "status": "attendance__status",
    "substitute": "attendance__substitute_name",
    "seat_first": "attendance__person__first_name",
    "seat_last": "attendance__person__last_name",
}


def _seat_or_person(values: dict) -> str:
    """The name on a historical row that names a seat (attendance) or a person."""
    if values.get("status") is not None:
        member = Person(first_name=values["seat_first"] or "", last_name=values["seat_last"] or "")
        return Attendance(
            status=values["status"], substitute_name=values["substitute"] or "", person=member
        ).seat_name
    if values.get("first") is not None or values.get("last") is not None:
        return person_name(values)
    return "–"


def decision_history(decision: Decision, *, limit: int = 30) -> list:
    """The decision's changes and its parts', newest first (one query)."""
    return history_lines(
        HistorySource(decision.history.all(), lambda v: _("Beslutet")),
        HistorySource(
            DecisionClause.history.filter(decision_id=decision.pk),
            lambda v: _("Beslutssats %(position)s") % v,
            {"position": "position"},
        ),
        HistorySource(
            Reservation.history.filter(decision_id=decision.pk),
            lambda v: _("Reservation: %(name)s") % {"name": _seat_or_person(v)},
            {**SEAT_OR_PERSON, "first": "person__first_name", "last": "person__last_name"},
        ),
        HistorySource(
            Motion.history.filter(decision_id=decision.pk),
            lambda v: _("Yrkande: %(name)s") % {"name": _seat_or_person(v)},
            SEAT_OR_PERSON,
        ),
        HistorySource(
            Recusal.history.filter(decision_id=decision.pk),
            lambda v: _("Jäv: %(name)s") % {"name": _seat_or_person(v)},
            SEAT_OR_PERSON,
        ),
        HistorySource(
            # Ballots of earlier roll calls too: those votes are gone but their history stays.
            VoteBallot.history.filter(
                vote_id__in=Vote.history.filter(decision_id=decision.pk).values("id")
            ),
            lambda v: _("Votering: %(name)s") % {"name": _seat_or_person(v)},
            SEAT_OR_PERSON,
        ),
        HistorySource(
            Attachment.history.filter(decision_id=decision.pk),
            lambda v: _("Bilaga: %(title)s") % v,
            {"title": "title"},
        ),
        limit=limit,
    )


@dataclass(frozen=True)
class Participant:
    """Someone who may reserve against a decision: a seat at its meeting, or a member with a
    vote for a decision recorded on its own. `key` is the form's value."""

    key: str
    label: str
    attendance: object = None
    person: object = None


def reservation_candidates(decision: Decision) -> list[Participant]:
    """Who may record a dissent: those who took part in the decision, with a vote — at a
    meeting the seats taking part (present or serving substitutes, not recused), otherwise the
    body's members with a vote on the day of the decision."""
    return _participants(decision, *read_together(*_candidate_rows(decision)))


def _candidate_rows(decision: Decision) -> list[Rows]:
    if decision.meeting_id:
        return [Rows(decision_participants(decision), ("person",))]
    return [Rows(standalone_voters(decision))]


def _participants(decision: Decision, found: list) -> list[Participant]:
    if decision.meeting_id:
        return [
            Participant(key=f"a{seat.pk}", label=seat.seat_name, attendance=seat) for seat in found
        ]
    return [Participant(key=f"p{p.pk}", label=p.full_name, person=p) for p in found]


def decision_preset(bodies, *, meeting_id, item_id) -> dict:
    """What a new decision starts from when it is recorded from a meeting's agenda item
    (?mote=…&punkt=…): the body, meeting, item, title and case text. Only meetings of bodies
    the user records decisions for; anything else is ignored."""
    if not (meeting_id and str(meeting_id).isdigit()):
        return {}
    meeting = Meeting.objects.filter(pk=meeting_id, group__in=bodies).first()
    if meeting is None:
        return {}
    preset = {"body": meeting.group_id, "meeting": meeting.pk}
    item = (
        meeting.agenda_items.filter(pk=item_id).first()
        if item_id and str(item_id).isdigit()
        else None
    )
    if item is not None:
        preset.update(agenda_item=item.pk, title=item.title, case_description=item.description)
    return preset


def decision_body(decision: Decision) -> QuerySet[Group]:
    """The one body a decision may belong to when it is changed (its body stays)."""
    return Group.objects.filter(pk=decision.body_id)
