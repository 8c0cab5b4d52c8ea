"""Reads for the budget pages, exports and other apps. Each runs a fixed number of queries,
however many lines, years and revisions a budget has."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain

from django.core.paginator import Page
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finance.calculations import BudgetTable, LineData, compute_table
from finance.chart import closing_balance_chart
from finance.checks import ExplainedCheck, explained_checks
from finance.cost_sharing import LineSharing, RegionInfo, share_line
from finance.models import (
    Budget,
    BudgetAmount,
    BudgetLine,
    BudgetRevision,
    BudgetStatus,
    ClosingCheck,
    LineCategory,
    LineKind,
)
from groups.models import Group, Region, RegionPopulation
from portal.pagination import UncountedPaginator
from portal.queries import choice_order, count_per_row
from portal.sorting import Column, Sort

HISTORY_LIMIT = 30


BUDGETS_PER_PAGE = 50


@dataclass
class BudgetListPage:
    page: Page
    bodies: list[tuple[Group, list[Budget]]]  # the page's budgets grouped by owning body


BUDGET_COLUMNS = (
    Column("budget", gettext_lazy("Budget"), ("title",)),
    Column("ar", gettext_lazy("År"), ("first_year", "title"), descending_first=True),
    Column("status", gettext_lazy("Status"), ("status_order", "-first_year", "title")),
    Column(
        "revisioner",
        gettext_lazy("Revisioner"),
        ("revision_count", "-first_year", "title"),
        descending_first=True,
    ),
)
BUDGET_DEFAULT_SORT = "-ar"


def budget_list(
    *, page_number=1, per_page: int = BUDGETS_PER_PAGE, sort: Sort | None = None
) -> BudgetListPage:
    """A page of the budgets, grouped by their owning body and sorted within it (one query;
    the pagination reads one row more instead of counting)."""
    # The default keeps the titles A–Z within a year (a descending sort reverses every field).
    default = sort is None or sort.value == BUDGET_DEFAULT_SORT
    within = ["-first_year", "title", "pk"] if default else sort.order_by()
    budgets = (
        Budget.objects.select_related("owner", "owner__healthcare_region", "adopted_by")
        .annotate(
            revision_count=count_per_row(BudgetRevision.objects.all(), via="budget"),
            status_order=choice_order("status", BudgetStatus.choices),
        )
        .order_by("owner__name", "owner_id", *within)
    )
    page = UncountedPaginator(budgets, per_page).get_page(page_number)
    grouped: OrderedDict[int, tuple[Group, list[Budget]]] = OrderedDict()
    for budget in page.object_list:
        budget.adopted_by_url = decision_url(budget.adopted_by)
        grouped.setdefault(budget.owner_id, (budget.owner, []))[1].append(budget)
    return BudgetListPage(page=page, bodies=list(grouped.values()))


@dataclass
class LineRow:
    line: BudgetLine
    values: list[Decimal]  # signed as the sheets write them: costs negative
    decision_url: str = ""
    commission_url: str = ""

    @property
    def total(self) -> Decimal:
        return sum(self.values, Decimal(0))


@dataclass
class BudgetView:
    """One revision of a budget, with everything its page and exports show."""

    budget: Budget
    revision: BudgetRevision
    revisions: list[BudgetRevision]
    years: list[int]
    income_rows: list[LineRow]
    cost_rows: list[LineRow]
    table: BudgetTable
    sharing: list[LineSharing] = field(default_factory=list)
    history: list = field(default_factory=list)
    adopted_by_url: str = ""
    superseded_by_url: str = ""

    @property
    def rows(self) -> list[LineRow]:
        return [*self.income_rows, *self.cost_rows]

    @property
    def latest(self) -> BudgetRevision:
        return self.revisions[-1]

    @property
    def is_latest(self) -> bool:
        return self.revision.pk == self.latest.pk

    @property
    def is_adopted_revision(self) -> bool:
        return self.budget.adopted_revision_id == self.revision.pk

    @property
    def chart_svg(self) -> str:
        return closing_balance_chart(self.table, title=self.budget.title)

    @property
    def explained_checks(self) -> list[ExplainedCheck]:
        return explained_checks(self.table)


def decision_url(decision) -> str:
    """The page of a decision, or "" when there is none."""
    return decision.get_absolute_url() if decision is not None else ""


def _budget_queryset() -> QuerySet[Budget]:
    return Budget.objects.select_related(
        "owner", "owner__healthcare_region", "adopted_by", "adopted_revision", "superseded_by"
    ).prefetch_related(Prefetch("revisions", queryset=BudgetRevision.objects.order_by("number")))


def budget_with_revisions(budget_id: int) -> tuple[Budget, list[BudgetRevision]] | None:
    """A budget and its revisions in number order (two queries)."""
    budget = _budget_queryset().filter(pk=budget_id).first()
    if budget is None:
        return None
    revisions = list(budget.revisions.all())
    if not revisions:
        return None
    return budget, revisions


def budget_view(
    budget_id: int, *, revision_number: int | None = None, with_history: bool = False
) -> BudgetView | None:
    loaded = budget_with_revisions(budget_id)
    if loaded is None:
        return None
    budget, revisions = loaded
    if revision_number is None:
        revision = revisions[-1]
    else:
        revision = next((r for r in revisions if r.number == revision_number), None)
        if revision is None:
            return None
    lines = _revision_lines([revision])[revision.pk]
    checks = _closing_checks([revision])[revision.pk]
    return _view_for(
        budget, revisions, revision, lines, checks, with_history=with_history, with_sharing=True
    )


def _revision_lines(revisions: list[BudgetRevision]) -> dict[int, list[BudgetLine]]:
    """The lines of one or more revisions, by revision id (two queries in all)."""
    lines = {revision.pk: [] for revision in revisions}
    for line in (
        BudgetLine.objects.filter(revision__in=[r.pk for r in revisions])
        .select_related("decision", "commission")
        # Explicit order: the models' default ordering would join up to the owning group.
        .prefetch_related(Prefetch("amounts", queryset=BudgetAmount.objects.order_by("year")))
        .order_by("revision_id", "position")
    ):
        lines[line.revision_id].append(line)
    return lines


def _closing_checks(revisions: list[BudgetRevision]) -> dict[int, dict[int, Decimal]]:
    checks = {revision.pk: {} for revision in revisions}
    for check in ClosingCheck.objects.filter(revision__in=[r.pk for r in revisions]).order_by(
        "year"
    ):
        checks[check.revision_id][check.year] = check.stated_closing_balance
    return checks


def _line_data(line: BudgetLine) -> LineData:
    return LineData(
        label=line.label, kind=line.kind, amounts={a.year: a.amount for a in line.amounts.all()}
    )


def _view_for(
    budget: Budget,
    revisions: list[BudgetRevision],
    revision: BudgetRevision,
    lines: list[BudgetLine],
    checks: dict[int, Decimal],
    *,
    with_history: bool,
    with_sharing: bool,
) -> BudgetView:
    years = budget.years
    data = [_line_data(line) for line in lines]
    # Each revision carries its own opening balance, so an older revision keeps its figures.
    table = compute_table(
        years=years, opening_balance=revision.opening_balance, lines=data, closing_checks=checks
    )
    rows = [
        LineRow(
            line,
            [d.signed(year) for year in years],
            decision_url=decision_url(line.decision),
            commission_url=line.commission.get_absolute_url() if line.commission else "",
        )
        for line, d in zip(lines, data, strict=True)
    ]
    view = BudgetView(
        budget=budget,
        revision=revision,
        revisions=revisions,
        years=years,
        income_rows=[row for row in rows if row.line.kind == LineKind.INCOME],
        cost_rows=[row for row in rows if row.line.kind == LineKind.COST],
        table=table,
        adopted_by_url=decision_url(budget.adopted_by),
        superseded_by_url=budget.superseded_by.get_absolute_url() if budget.superseded_by else "",
    )
    shared = [
        d
        for line, d in zip(lines, data, strict=True)
        if line.category == LineCategory.SHARED_FINANCING
    ]
    if shared and with_sharing:
        view.sharing = _sharing(budget, shared)
    if with_history:
        view.history = _history(budget, revision)
    return view


def _sharing(budget: Budget, lines: list[LineData]) -> list[LineSharing]:
    regions = list(
        Region.objects.filter(healthcare_region_id=budget.owner.healthcare_region_id).order_by(
            "name"
        )
    )
    populations = {
        (p.region_id, p.year): p.population
        for p in RegionPopulation.objects.filter(
            region__in=[r.pk for r in regions],
            year__gte=budget.first_year,
            year__lte=budget.last_year,
        )
    }
    infos = [RegionInfo(key=r.pk, name=r.name) for r in regions]
    return [
        share_line(line, years=budget.years, regions=infos, populations=populations)
        for line in lines
    ]


def _history(budget: Budget, revision: BudgetRevision) -> list:
    """Changes to the budget, to this revision (its opening balance) and to its lines, newest
    first."""
    budget_records = budget.history.select_related("history_user").order_by("-history_date")[
        :HISTORY_LIMIT
    ]
    revision_records = (
        BudgetRevision.history.filter(id=revision.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    line_records = (
        BudgetLine.history.filter(revision_id=revision.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_LIMIT]
    )
    records = sorted(
        chain(budget_records, revision_records, line_records),
        key=lambda r: r.history_date,
        reverse=True,
    )[:HISTORY_LIMIT]
    for record in records:
        # What the change concerns, for the history table's "Gäller" column.
        if hasattr(record, "label"):
            record.subject = _("Rad: %(label)s") % {"label": record.label}
        elif hasattr(record, "number"):
            record.subject = _("Revision %(number)s") % {"number": record.number}
        else:
            record.subject = _("Budgeten")
    return records


@dataclass
class ComparedLine:
    label: str
    kind: str
    old: list[Decimal | None]
    new: list[Decimal | None]

    @property
    def status(self) -> str:
        if all(v is None for v in self.old):
            return "added"
        if all(v is None for v in self.new):
            return "removed"
        return "changed" if self.old != self.new else "same"

    @property
    def cells(self) -> list[tuple[Decimal | None, Decimal | None, Decimal]]:
        """(old, new, change) per year; a missing line counts as 0 in the change."""
        return [
            (o, n, (n or Decimal(0)) - (o or Decimal(0)))
            for o, n in zip(self.old, self.new, strict=True)
        ]


@dataclass
class RevisionComparison:
    budget: Budget
    revisions: list[BudgetRevision]
    old: BudgetView
    new: BudgetView
    lines: list[ComparedLine]

    @property
    def years(self) -> list[int]:
        return self.old.years

    @property
    def opening(self) -> tuple[Decimal, Decimal, Decimal]:
        """The first year's opening balance in each revision, and the change."""
        old, new = self.old.revision.opening_balance, self.new.revision.opening_balance
        return old, new, new - old

    @property
    def opening_padding(self) -> int:
        """Empty cells after the opening balance, which belongs to the first year only."""
        return 3 * (len(self.years) - 1)

    @property
    def closing(self) -> list[tuple[int, Decimal, Decimal, Decimal]]:
        return [
            (year, o, n, n - o)
            for (year, o), (_, n) in zip(
                self.old.table.closing_balances, self.new.table.closing_balances, strict=True
            )
        ]


def revision_comparison(
    budget: Budget, revisions: list[BudgetRevision], old_number: int, new_number: int
) -> RevisionComparison | None:
    """Two revisions of a budget loaded by `budget_with_revisions`, line by line and year by
    year (lines matched by kind and label). Three queries, whatever their size."""
    by_number = {r.number: r for r in revisions}
    if old_number not in by_number or new_number not in by_number:
        return None
    pair = [by_number[old_number], by_number[new_number]]
    lines = _revision_lines(pair)
    checks = _closing_checks(pair)
    old, new = (
        _view_for(
            budget,
            revisions,
            revision,
            lines[revision.pk],
            checks[revision.pk],
            with_history=False,
            with_sharing=False,
        )
        for revision in pair
    )
    old_rows = {(r.line.kind, r.line.label): r for r in old.rows}
    new_rows = {(r.line.kind, r.line.label): r for r in new.rows}
    empty = [None] * len(old.years)
    keys = list(new_rows) + [key for key in old_rows if key not in new_rows]
    keys.sort(key=lambda k: (k[0] != LineKind.INCOME, 0))
    lines = [
        ComparedLine(
            label=label,
            kind=kind,
            old=old_rows[(kind, label)].values if (kind, label) in old_rows else list(empty),
            new=new_rows[(kind, label)].values if (kind, label) in new_rows else list(empty),
        )
        for kind, label in keys
    ]
    return RevisionComparison(budget=budget, revisions=revisions, old=old, new=new, lines=lines)


@dataclass(frozen=True)
class BudgetAttention:
    budget: Budget
    differences: list  # CheckDifference of the latest revision that do not match


def budgets_with_check_differences(*, owner_ids=None, limit: int = 8) -> list[BudgetAttention]:
    """Budgets in force or in draft whose latest revision states a closing balance the
    computation does not reach (four queries, however many budgets). Only revisions with
    stated balances are computed: the others have nothing to disagree with."""
    budgets = Budget.objects.exclude(status=BudgetStatus.SUPERSEDED).select_related("owner")
    if owner_ids is not None:
        budgets = budgets.filter(owner_id__in=owner_ids)
    newest = BudgetRevision.objects.filter(budget=OuterRef("budget")).order_by("-number")
    revisions = list(
        BudgetRevision.objects.filter(
            budget__in=budgets, number=Subquery(newest.values("number")[:1])
        )
    )
    checked = set(
        ClosingCheck.objects.filter(revision__in=[r.pk for r in revisions])
        .values_list("revision_id", flat=True)
        .distinct()
    )
    revisions = [r for r in revisions if r.pk in checked]
    if not revisions:
        return []
    by_pk = {b.pk: b for b in budgets.filter(pk__in=[r.budget_id for r in revisions])}
    lines = _revision_lines(revisions)
    checks = _closing_checks(revisions)
    found = []
    for revision in sorted(revisions, key=lambda r: (by_pk[r.budget_id].owner.name, r.pk)):
        budget = by_pk[revision.budget_id]
        table = compute_table(
            years=budget.years,
            opening_balance=revision.opening_balance,
            lines=[_line_data(line) for line in lines[revision.pk]],
            closing_checks=checks[revision.pk],
        )
        differences = [check for check in table.checks if not check.matches]
        if differences:
            found.append(BudgetAttention(budget, differences))
    return found[:limit]


def budgets_of(owner_ids, *, limit: int = 8) -> list[Budget]:
    """The budgets of the given bodies that are not superseded, newest period first."""
    return list(
        Budget.objects.filter(owner_id__in=owner_ids)
        .exclude(status=BudgetStatus.SUPERSEDED)
        .select_related("owner")
        .order_by("-first_year", "owner__name", "title")[:limit]
    )
