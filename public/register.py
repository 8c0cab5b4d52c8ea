"""Reads for the public register's pages: the filtered list and each document's page, built on
`public.selectors` (what is published) and prepared for display — masked, with withheld parts
replaced by their mark. A fixed number of queries per page, whatever the data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.documents.commissions import commission_public_html
from governance.documents.meetings import decision_extract_html, minutes_html
from governance.models import (
    AgendaItem,
    Commission,
    Decision,
    DecisionStatus,
    Minutes,
    MinutesStatus,
)
from governance.selectors.commissions import commission_for_pdf
from governance.selectors.decisions import GROUP_CHOICE_FIELDS
from governance.selectors.meetings import meeting_overview
from governance.selectors.paragraphs import decision_label
from governance.selectors.search import RANK_CANDIDATES, filter_decisions_by_text
from groups.models import Group, HealthcareRegion
from portal.pagination import UncountedPaginator
from portal.sorting import Column, Sort, sort_from
from public.forms import KIND_COMMISSIONS, KIND_DECISIONS, KIND_MINUTES
from public.selectors import (
    PublicAttachment,
    decision_withheld_text,
    public_attachments,
    public_decision_text,
    public_text,
    published_commissions,
    published_decisions,
    published_minutes,
)

PAGE_SIZE = 25
RELEVANCE = "relevans"


# --- the list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterEntry:
    url: str
    title: str
    reference: str  # "§ 5/2018 · Dnr RS/1009/2017", "Protokoll", …
    body: str
    region: str
    date: datetime.date | None
    withheld: bool = False


# The filters' choices are the same for every visitor and change rarely, but finding them reads
# every published document (seconds at national scale): cached, and forgotten when a decision,
# minutes, meeting, commission or group is saved or deleted (PublicConfig.ready).
CHOICES_KEY = "public:register-choices"


def _choice_ids() -> dict:
    choices = cache.get(CHOICES_KEY)
    if choices is None:
        decision_bodies = published_decisions().order_by().values("body")
        minutes_bodies = published_minutes().order_by().values("meeting__group")
        commission_bodies = published_commissions().order_by().values("commissioner")
        bodies = Group.objects.filter(
            Q(pk__in=decision_bodies) | Q(pk__in=minutes_bodies) | Q(pk__in=commission_bodies)
        )
        years = {
            *published_decisions().order_by().values_list("year", flat=True).distinct(),
            *published_minutes()
            .order_by()
            .annotate(y=ExtractYear("meeting__starts_at"))
            .values_list("y", flat=True)
            .distinct(),
        }
        choices = {
            # What Group.choice_label is made of, not the label: it is translated.
            "bodies": [
                (group.pk, group.name, None if group.is_national else group.healthcare_region.label)
                for group in bodies.select_related("healthcare_region")
                .only(*GROUP_CHOICE_FIELDS)
                .order_by("name", "pk")
            ],
            "regions": list(
                bodies.exclude(healthcare_region=None)
                .order_by()
                .values_list("healthcare_region", flat=True)
                .distinct()
            ),
            "years": sorted(years, reverse=True),
        }
        cache.set(CHOICES_KEY, choices)
    return choices


def forget_choices(**_signal) -> None:
    cache.delete(CHOICES_KEY)


def filter_choices() -> dict:
    """The filters' choices: bodies (id, label) and healthcare regions with something
    published, and the years (one query, the regions, once the rest is cached)."""
    ids = _choice_ids()
    national = _("nationell")
    return {
        "bodies": [(pk, f"{name} ({region or national})") for pk, name, region in ids["bodies"]],
        "regions": HealthcareRegion.objects.filter(pk__in=ids["regions"]).order_by("name"),
        "years": ids["years"],
    }


def _decisions(filters: dict, sort: Sort) -> QuerySet[Decision]:
    by_relevance = sort.column.key == RELEVANCE
    # Equal ranks in the register's default order.
    order = sort_from({}, _DECISION_COLUMNS, default="-paragraf") if by_relevance else sort
    decisions = published_decisions().prefetch_related(None).order_by(*order.order_by())
    if filters.get("body"):
        decisions = decisions.filter(body=filters["body"])
    if filters.get("region"):
        decisions = decisions.filter(body__healthcare_region=filters["region"])
    if filters.get("year"):
        decisions = decisions.filter(year=filters["year"])
    if filters.get("q"):
        # Withheld decisions are never matched on their text: a hit would tell what they say.
        public_ones = decisions.filter(is_confidential=False).exclude(
            agenda_item__is_confidential=True
        )
        decisions = filter_decisions_by_text(public_ones, filters["q"], ranked=by_relevance)
    return decisions


def _minutes(filters: dict, sort: Sort) -> QuerySet[Minutes]:
    minutes = published_minutes().order_by(*sort.order_by())
    if filters.get("body"):
        minutes = minutes.filter(meeting__group=filters["body"])
    if filters.get("region"):
        minutes = minutes.filter(meeting__group__healthcare_region=filters["region"])
    if filters.get("year"):
        minutes = minutes.filter(meeting__starts_at__year=filters["year"])
    if filters.get("q"):
        text = filters["q"]
        item_match = AgendaItem.objects.filter(
            meeting=OuterRef("meeting"), is_confidential=False, title__icontains=text
        )
        minutes = minutes.filter(
            Q(meeting__group__name__icontains=text)
            | Q(meeting__title__icontains=text)
            | Exists(item_match)
        )
    return minutes


def _commissions(filters: dict, sort: Sort) -> QuerySet[Commission]:
    commissions = published_commissions().order_by(*sort.order_by())
    if filters.get("body"):
        commissions = commissions.filter(
            Q(commissioner=filters["body"]) | Q(assignee=filters["body"])
        )
    if filters.get("region"):
        commissions = commissions.filter(commissioner__healthcare_region=filters["region"])
    if filters.get("year"):
        commissions = commissions.filter(start_date__year=filters["year"])
    if filters.get("q"):
        text = filters["q"]
        commissions = commissions.filter(
            Q(title__icontains=text)
            | Q(registry_number__icontains=text)
            | Q(assignee__name__icontains=text)
        )
    return commissions


def _decision_entry(decision: Decision) -> RegisterEntry:
    withheld = decision_withheld_text(decision)
    reference = f"{decision_label(decision)}/{decision.year}"
    if decision.registry_number:
        reference += f" · {_('Dnr')} {decision.registry_number}"
    return RegisterEntry(
        url=reverse("public:decision", args=[decision.pk]),
        title=withheld or public_text(decision.title),
        reference=reference,
        body=decision.body.name,
        region=decision.body.healthcare_region.name,
        date=decision.decision_date,
        withheld=bool(withheld),
    )


def _minutes_entry(minutes: Minutes) -> RegisterEntry:
    meeting = minutes.meeting
    return RegisterEntry(
        url=reverse("public:minutes", args=[minutes.pk]),
        title=f"{minutes.get_kind_display()} {meeting.group.name}",
        reference=public_text(meeting.display_title),
        body=meeting.group.name,
        region=meeting.group.healthcare_region.name,
        date=timezone.localtime(meeting.starts_at).date(),
    )


def _commission_entry(commission: Commission) -> RegisterEntry:
    reference = commission.get_status_display()
    if commission.registry_number:
        reference += f" · {_('Dnr')} {commission.registry_number}"
    return RegisterEntry(
        url=reverse("public:commission", args=[commission.pk]),
        title=public_text(commission.title),
        reference=reference,
        body=commission.commissioner.name,
        region=commission.commissioner.healthcare_region.name,
        date=commission.start_date,
    )


LISTS = {
    KIND_DECISIONS: (_decisions, _decision_entry),
    KIND_MINUTES: (_minutes, _minutes_entry),
    KIND_COMMISSIONS: (_commissions, _commission_entry),
}


def _columns(handling, organ, region, datum, *more) -> tuple[Column, ...]:
    """The four headers every kind shows, ordered by that kind's fields."""
    return (
        Column("handling", gettext_lazy("Handling"), handling),
        Column("organ", gettext_lazy("Organ"), organ),
        Column("region", gettext_lazy("Sjukvårdsregion"), region),
        Column("datum", gettext_lazy("Datum"), datum, descending_first=True),
        *more,
    )


# Each kind's columns (?sortera=…) and its default order: decisions by year, body and §
# ("paragraf", no header of its own) in the order of the index decision_register_order, as the
# decision register (body by body in the order they were created: ordering a year's 15,000
# decisions by the body's name took 230 ms at national scale); the minutes and commissions
# newest first. A searched decision list ranks the best matches first.
_DECISION_COLUMNS = _columns(
    ("title",),
    ("body__name", "-year", "-number"),
    ("body__healthcare_region__name", "body__name", "-year", "-number"),
    ("decision_date",),
    Column("paragraf", gettext_lazy("Paragraf"), ("year", "-body_id", "number")),
)
SORTS = {
    KIND_DECISIONS: (_DECISION_COLUMNS, "-paragraf"),
    KIND_MINUTES: (
        _columns(
            ("kind", "meeting__group__name", "-meeting__starts_at"),
            ("meeting__group__name", "-meeting__starts_at"),
            ("meeting__group__healthcare_region__name", "meeting__group__name"),
            ("meeting__starts_at",),
        ),
        "-datum",
    ),
    KIND_COMMISSIONS: (
        _columns(
            ("title",),
            ("commissioner__name", "title"),
            ("commissioner__healthcare_region__name", "commissioner__name", "title"),
            ("start_date", "-title"),
        ),
        "-datum",
    ),
}


def register_sort(filters: dict, params) -> Sort:
    """The sort of the chosen kind from the URL (request.GET), its default when none."""
    columns, default = SORTS[filters["kind"]]
    if filters["kind"] == KIND_DECISIONS and filters.get("q"):
        columns = (*columns, Column(RELEVANCE, gettext_lazy("Relevans"), ("pk",)))
        default = RELEVANCE
    return sort_from(params, columns, default=default)


@dataclass(frozen=True)
class RegisterPage:
    page: Page
    entries: list[RegisterEntry]
    sort: Sort
    # Searched decisions by relevance: the best among the newest RANK_CANDIDATES matches.
    ranked_among: int | None


def register_page(filters: dict, page_number, params) -> RegisterPage:
    """One page of the chosen kind of document in the order `params` (request.GET) asks for
    (one query: no count)."""
    query, entry = LISTS[filters["kind"]]
    sort = register_sort(filters, params)
    page = UncountedPaginator(query(filters, sort), PAGE_SIZE).get_page(page_number)
    return RegisterPage(
        page=page,
        entries=[entry(obj) for obj in page.object_list],
        sort=sort,
        ranked_among=RANK_CANDIDATES if sort.column.key == RELEVANCE else None,
    )


# --- the PDFs: (HTML, metadata, file name) of the public variant, or None -------------------


def decision_document(decision_id: int):
    if not published_decisions().filter(pk=decision_id).exists():
        return None
    return decision_extract_html(decision_id, public=True)


def minutes_document(minutes_id: int):
    meeting_id = published_minutes().filter(pk=minutes_id).values_list("meeting_id", flat=True)
    meeting_id = meeting_id.first()
    return minutes_html(meeting_id, public=True) if meeting_id else None


def commission_document(commission_id: int):
    if not published_commissions().filter(pk=commission_id).exists():
        return None
    return commission_public_html(commission_id)


# --- a decision -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicDecision:
    pk: int
    label: str  # "§ 5/2018"
    body: str
    region: str
    registry_number: str
    decision_date: datetime.date | None
    meeting_date: datetime.date | None
    minutes_url: str  # the public minutes it was taken in, "" when none
    withheld: str
    title: str
    case_description: str
    proposal: str
    clauses: list[str]
    attachments: list[PublicAttachment]
    approved_at_once: bool
    modified_at: datetime.datetime


def public_decision(decision_id: int) -> PublicDecision | None:
    """A published decision's page (four queries), or None if it is not published."""
    decision = (
        published_decisions().select_related("meeting__minutes").filter(pk=decision_id).first()
    )
    if decision is None:
        return None
    text = public_decision_text(decision)
    minutes = _approved_minutes_of(decision)
    return PublicDecision(
        pk=decision.pk,
        label=f"{decision_label(decision)}/{decision.year}",
        body=decision.body.name,
        region=decision.body.healthcare_region.name,
        registry_number=decision.registry_number,
        decision_date=decision.decision_date,
        meeting_date=timezone.localtime(decision.meeting.starts_at).date()
        if decision.meeting_id
        else None,
        minutes_url=reverse("public:minutes", args=[minutes.pk]) if minutes else "",
        withheld=text.withheld,
        title=text.title,
        case_description=text.case_description,
        proposal=text.proposal,
        clauses=text.clauses,
        attachments=[] if text.withheld else public_attachments(decision.attachments.all()),
        approved_at_once=decision.immediately_approved_at is not None,
        modified_at=decision.modified_at,
    )


def _approved_minutes_of(decision: Decision) -> Minutes | None:
    if not decision.meeting_id:
        return None
    minutes = getattr(decision.meeting, "minutes", None) if _has_minutes(decision) else None
    return minutes if minutes and minutes.status == MinutesStatus.APPROVED else None


def _has_minutes(decision: Decision) -> bool:
    try:
        decision.meeting.minutes  # noqa: B018 - selected with the decision
    except Minutes.DoesNotExist:
        return False
    return True


# --- minutes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicItem:
    label: str
    title: str  # or the withheld mark
    withheld: bool
    note: str
    decisions: list[tuple[str, str, str]]  # (label, title or mark, public url)
    attachments: list[PublicAttachment]


@dataclass(frozen=True)
class PublicMinutes:
    pk: int
    kind: str
    group: str
    region: str
    title: str
    starts_at: datetime.datetime
    place: str
    approved_on: datetime.date | None
    chair: str
    secretary: str
    adjusters: list[str]
    deciding: list[str]  # name, role and represented region — never contact details
    others_present: list[str]
    absent: list[str]
    general_notes: str
    paragraph_range: str
    items: list[PublicItem] = field(default_factory=list)
    meeting_id: int = 0


def public_minutes(minutes_id: int) -> PublicMinutes | None:
    """Approved minutes' page, or None if they are not published (the meeting page's fixed
    number of queries, plus one)."""
    minutes = published_minutes().filter(pk=minutes_id).first()
    if minutes is None:
        return None
    overview = meeting_overview(minutes.meeting_id)
    # The minutes are approved, so each decided decision of the meeting is published
    # (public.selectors.published_decision_filter); the others have no public page.
    published = {
        d.pk for d in overview.meeting.decisions.all() if d.status == DecisionStatus.DECIDED
    }
    items = []
    for entry in overview.agenda:
        item = entry.item
        if item.is_confidential:
            items.append(
                PublicItem(
                    label=entry.label,
                    title=item.secrecy_mark,
                    withheld=True,
                    note="",
                    decisions=[],
                    attachments=[],
                )
            )
            continue
        # What the minutes say under an item with a withheld decision is withheld with it.
        # (The item is public here, so a decision's own mark is all that can withhold it.)
        any_withheld = any(d.is_confidential for d in entry.decisions)
        items.append(
            PublicItem(
                label=entry.label,
                title=public_text(item.title),
                withheld=False,
                note="" if any_withheld else public_text(entry.note),
                decisions=[_decision_link(d, published) for d in entry.decisions],
                attachments=public_attachments(entry.attachments),
            )
        )
    for decision in overview.loose_decisions:
        items.append(
            PublicItem(
                label=decision.label,
                title=decision.secrecy_mark or public_text(decision.title),
                withheld=decision.is_confidential,
                note="",
                decisions=[_decision_link(decision, published)],
                attachments=[],
            )
        )
    meeting = overview.meeting
    return PublicMinutes(
        pk=minutes.pk,
        meeting_id=meeting.pk,
        kind=minutes.get_kind_display(),
        group=meeting.group.name,
        region=meeting.group.healthcare_region.name,
        title=public_text(meeting.display_title),
        starts_at=timezone.localtime(meeting.starts_at),
        place=public_text(meeting.place),
        approved_on=timezone.localtime(minutes.approved_at).date() if minutes.approved_at else None,
        chair=overview.minutes.chair.full_name if minutes.chair_id else "",
        secretary=overview.minutes.secretary.full_name if minutes.secretary_id else "",
        adjusters=[p.full_name for p in overview.adjusters],
        deciding=[public_text(line) for line in overview.deciding],
        others_present=[public_text(line) for line in overview.others_present],
        absent=[public_text(line) for line in overview.absent],
        general_notes=public_text(overview.minutes.general_notes),
        paragraph_range=overview.paragraph_range,
        items=items,
    )


def _decision_link(decision: Decision, published: set[int]) -> tuple[str, str, str]:
    """(label, title or mark, public url) of a decision under a public item or none."""
    withheld = decision.secrecy_mark
    url = reverse("public:decision", args=[decision.pk]) if decision.pk in published else ""
    return decision.label, withheld or public_text(decision.title), url


# --- a commission ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicSection:
    heading: str
    body: str  # Markdown, masked


@dataclass(frozen=True)
class PublicDeliverable:
    title: str
    due_date: datetime.date
    status: str
    recipient: str


@dataclass(frozen=True)
class PublicCommission:
    pk: int
    title: str
    status: str
    kind: str
    registry_number: str
    commissioner: str
    assignee: str
    assignee_description: str
    region: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    decision_url: str
    decision_label: str
    sections: list[PublicSection]
    deliverables: list[PublicDeliverable]


def public_commission(commission_id: int) -> PublicCommission | None:
    """A published commission's page (four queries), or None if it is a draft."""
    if not published_commissions().filter(pk=commission_id).exists():
        return None
    commission = commission_for_pdf(commission_id)
    decision = commission.decision
    decision_public = decision is not None and published_decisions().filter(pk=decision.pk).exists()
    return PublicCommission(
        pk=commission.pk,
        title=public_text(commission.title),
        status=commission.get_status_display(),
        kind=commission.get_kind_display(),
        registry_number=commission.registry_number,
        commissioner=commission.commissioner.name,
        assignee=commission.assignee.name,
        assignee_description=public_text(commission.assignee_description),
        region=commission.commissioner.healthcare_region.name,
        start_date=commission.start_date,
        end_date=commission.end_date,
        decision_url=reverse("public:decision", args=[decision.pk]) if decision_public else "",
        decision_label=f"{decision_label(decision)}/{decision.year}" if decision_public else "",
        sections=[
            PublicSection(heading=public_text(s.heading), body=public_text(s.body))
            for s in commission.sections.all()
        ],
        deliverables=[
            PublicDeliverable(
                title=public_text(d.title),
                due_date=d.due_date,
                status=d.display_status,
                recipient=d.recipient.name if d.recipient_id else "",
            )
            for d in commission.deliverables.all()
        ],
    )
