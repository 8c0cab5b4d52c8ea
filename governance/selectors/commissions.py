"""Reads for commissions: the list, the commission page, its versions and the group page.

Each function runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.access.commissions import visible_commissions
from governance.models import (
    AgendaItem,
    Commission,
    CommissionSection,
    Decision,
    Deliverable,
    DeliverableStatus,
    SectionTemplate,
    SectionTemplateItem,
)
from groups.models import Group
from portal.history import HistorySource, history_lines
from portal.queries import count_per_row
from portal.sorting import Column, Sort, sort_from


def _overdue(today: datetime.date) -> Q:
    return Q(deliverables__status=DeliverableStatus.PLANNED, deliverables__due_date__lt=today)


# The commission list's sortable columns (?sortera=…); the default, the latest started first,
# is the order of the index commission_list_order.
COMMISSION_COLUMNS = (
    Column("titel", gettext_lazy("Uppdrag"), ("title",)),
    Column("uppdragsgivare", gettext_lazy("Uppdragsgivare"), ("commissioner__name", "title")),
    Column("grupp", gettext_lazy("Grupp/enhet"), ("assignee__name", "title")),
    Column("status", gettext_lazy("Status"), ("status", "title")),
    Column("period", gettext_lazy("Period"), ("start_date", "-title"), descending_first=True),
    Column("leverans", gettext_lazy("Nästa leverans"), ("next_due", "title")),
)


def commission_filter_choices() -> dict:
    """The groups the list's filters offer, as (id, label): those that commission, and those
    that are commissioned (two queries of names, no model instances: 1,200 groups at national
    scale)."""
    national = _("nationell")

    def choices(role: str) -> list[tuple[int, str]]:
        rows = (
            Group.objects.filter(Exists(Commission.objects.filter(**{role: OuterRef("pk")})))
            .order_by("name", "pk")
            .values_list(
                "pk",
                "name",
                "is_national",
                "healthcare_region__short_name",
                "healthcare_region__name",
            )
        )
        return [
            (pk, f"{name} ({national if is_national else short or long})")
            for pk, name, is_national, short, long in rows
        ]

    return {"commissioners": choices("commissioner"), "assignees": choices("assignee")}


def commission_sort(params) -> Sort:
    return sort_from(params, COMMISSION_COLUMNS, default="-period")


def commission_list(
    *,
    user,
    status: str = "",
    commissioner: Group | int | None = None,
    assignee: Group | int | None = None,
    overdue: bool = False,
    search: str = "",
    today: datetime.date | None = None,
    sort: Sort | None = None,
) -> QuerySet[Commission]:
    today = today or timezone.localdate()
    commissions = (
        visible_commissions(user)
        .select_related("commissioner", "assignee", "commissioner__healthcare_region")
        # Subqueries for the rows of the page, not a GROUP BY over every commission.
        .annotate(
            overdue_count=count_per_row(
                Deliverable.objects.filter(status=DeliverableStatus.PLANNED, due_date__lt=today),
                via="commission",
            ),
            next_due=Subquery(
                Deliverable.objects.filter(
                    commission=OuterRef("pk"), status=DeliverableStatus.PLANNED
                )
                .order_by("due_date")
                .values("due_date")[:1]
            ),
        )
    )
    if status:
        commissions = commissions.filter(status=status)
    if commissioner:
        commissions = commissions.filter(commissioner=commissioner)
    if assignee:
        commissions = commissions.filter(assignee=assignee)
    if overdue:
        commissions = commissions.filter(
            Exists(
                Deliverable.objects.filter(
                    commission=OuterRef("pk"),
                    status=DeliverableStatus.PLANNED,
                    due_date__lt=today,
                )
            )
        )
    if search:
        commissions = commissions.filter(
            Q(title__icontains=search) | Q(registry_number__icontains=search)
        )
    return commissions.order_by(*(sort or commission_sort({})).order_by())


def commission_detail(commission_id: int, *, user) -> Commission | None:
    """A commission with sections, deliverables and recent history, or None if not visible."""
    commission = (
        visible_commissions(user)
        .select_related(
            "commissioner",
            "commissioner__healthcare_region",
            "assignee",
            "decision",
            "decision__body",
        )
        .prefetch_related(
            Prefetch("sections", queryset=CommissionSection.objects.order_by("position", "pk")),
            Prefetch(
                "deliverables",
                queryset=Deliverable.objects.select_related(
                    "recipient", "decision", "decision__body"
                ).order_by("due_date", "pk"),
            ),
            Prefetch(
                "concerning_decisions",
                queryset=Decision.objects.select_related("body").order_by("-decision_date"),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting", "meeting__group").order_by(
                    "-meeting__starts_at"
                ),
            ),
        )
        .filter(pk=commission_id)
        .first()
    )
    if commission is not None:
        # The commission's own changes and its deliverables' (planned, moved, delivered);
        # section text changes are compared on the history page.
        commission.history_records = history_lines(
            HistorySource(commission.history.all(), lambda v: _("Uppdraget")),
            HistorySource(
                Deliverable.history.filter(commission_id=commission.pk),
                lambda v: _("Leverans: %(title)s") % v,
                {"title": "title"},
            ),
            limit=15,
        )
    return commission


def commission_for_pdf(commission_id: int) -> Commission | None:
    """Everything the PDF shows (used by the download page and `export_pdf`)."""
    return (
        Commission.objects.select_related("commissioner", "assignee", "decision")
        .prefetch_related(
            Prefetch("sections", queryset=CommissionSection.objects.order_by("position", "pk")),
            Prefetch(
                "deliverables",
                queryset=Deliverable.objects.select_related("recipient").order_by("due_date", "pk"),
            ),
        )
        .filter(pk=commission_id)
        .first()
    )


# --- versions and differences ---------------------------------------------------------------


@dataclass
class SectionVersion:
    section_id: int
    heading: str
    body: str


@dataclass
class Version:
    """One saved state of a commission: its history row and the text it had then."""

    number: int
    record: object
    sections: list[SectionVersion]
    changed_fields: list[str] = field(default_factory=list)
    changed_title: bool = False

    @property
    def history_id(self) -> int:
        return self.record.history_id


def commission_versions(commission: Commission) -> list[Version]:
    """Every version, oldest first, with the section text as it stood. Two queries.

    The services save the commission before its sections, so the sections of version k are
    the section rows as they stood just before version k+1 was saved.
    """
    records = list(
        commission.history.select_related("history_user").order_by("history_date", "history_id")
    )
    section_rows = list(
        CommissionSection.history.filter(commission_id=commission.pk).order_by(
            "history_date", "history_id"
        )
    )
    versions: list[Version] = []
    state: dict[int, object] = {}
    index = 0
    for number, record in enumerate(records, start=1):
        cutoff = records[number].history_date if number < len(records) else None
        while index < len(section_rows) and (
            cutoff is None or section_rows[index].history_date < cutoff
        ):
            row = section_rows[index]
            if row.history_type == "-":
                state.pop(row.id, None)
            else:
                state[row.id] = row
            index += 1
        sections = [
            SectionVersion(section_id=row.id, heading=row.heading, body=row.body)
            for row in sorted(state.values(), key=lambda r: (r.position, r.id))
        ]
        changed = []
        changed_title = False
        if versions:
            changed_title = record.title != versions[-1].record.title
            previous = versions[-1].record
            delta = record.diff_against(previous)
            changed = [
                str(Commission._meta.get_field(change.field).verbose_name)
                for change in delta.changes
            ]
            if [(s.heading, s.body) for s in sections] != [
                (s.heading, s.body) for s in versions[-1].sections
            ]:
                changed.append("text")
        versions.append(Version(number, record, sections, changed, changed_title))
    return versions


@dataclass
class SectionDiff:
    heading_old: str
    heading_new: str
    body_old: str
    body_new: str

    @property
    def added(self) -> bool:
        return self.heading_old is None

    @property
    def removed(self) -> bool:
        return self.heading_new is None

    @property
    def changed(self) -> bool:
        return (self.heading_old, self.body_old) != (self.heading_new, self.body_new)


def compare_versions(old: Version, new: Version) -> tuple[list[SectionDiff], bool]:
    """Sections of two versions matched by section, in the newer order; removed ones last."""
    before = {s.section_id: s for s in old.sections}
    after_ids = {s.section_id for s in new.sections}
    diffs = []
    for section in new.sections:
        previous = before.get(section.section_id)
        diffs.append(
            SectionDiff(
                heading_old=previous.heading if previous else None,
                heading_new=section.heading,
                body_old=previous.body if previous else None,
                body_new=section.body,
            )
        )
    for section in old.sections:
        if section.section_id not in after_ids:
            diffs.append(SectionDiff(section.heading, None, section.body, None))
    old_order = [s.section_id for s in old.sections if s.section_id in after_ids]
    new_order = [s.section_id for s in new.sections if s.section_id in before]
    return diffs, old_order != new_order


# --- group page, templates ------------------------------------------------------------------


def group_commissions(group: Group, *, user) -> dict[str, list[Commission]]:
    """The group's commissions, given and received. One query."""
    today = timezone.localdate()
    commissions = list(
        visible_commissions(user)
        .filter(Q(commissioner=group) | Q(assignee=group))
        .select_related("commissioner", "assignee")
        .annotate(overdue_count=Count("deliverables", filter=_overdue(today), distinct=True))
        .order_by("-start_date", "title")
    )
    return {
        "given": [c for c in commissions if c.commissioner_id == group.pk],
        "received": [c for c in commissions if c.assignee_id == group.pk],
    }


TEMPLATE_COLUMNS = (
    Column("mall", gettext_lazy("Mall"), ("name",)),
    Column("typ", gettext_lazy("Typ"), ("kind", "name")),
)


def section_template_sort(params) -> Sort:
    return sort_from(params, TEMPLATE_COLUMNS, default="mall")


def section_templates(*, sort: Sort | None = None) -> list[SectionTemplate]:
    return list(
        SectionTemplate.objects.prefetch_related(
            Prefetch("items", queryset=SectionTemplateItem.objects.order_by("position", "pk"))
        ).order_by(*(sort or section_template_sort({})).order_by())
    )
