"""Reads for the organisation: every query the pages and other apps need, with its joins.

Each function runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.models import Group as AuthGroup
from django.core.paginator import Page
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.access import groups_with_permission
from groups.models import (
    AdministratorChange,
    Group,
    GroupKind,
    GroupStatus,
    HealthcareRegion,
    Membership,
    MembershipRole,
    Person,
    Region,
    RegionPopulation,
)
from groups.permissions import MANAGE_MEETINGS
from portal import gdpr
from portal.access import ADMINISTRATORS_GROUP
from portal.history import HistoryLine, HistorySource, history_lines
from portal.pagination import UncountedPaginator
from portal.queries import (
    Rows,
    choice_label,
    choice_order,
    count_per_row,
    read_together,
    set_prefetched,
)
from portal.shortlist import Shortlist, shortlist
from portal.sorting import Column, Sort


def current_memberships_for_user(user: AbstractBaseUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.current()
        .filter(person__user=user)
        .select_related("group", "region")
        .order_by("group__name")
    )


def organisation_counts() -> dict[str, int]:
    today = timezone.localdate()
    return {
        "groups": Group.objects.filter(status=GroupStatus.ACTIVE).count(),
        "regions": Region.objects.count(),
        # COUNT(DISTINCT person_id) over the current seats: no join, no DISTINCT over people.
        "people": Membership.objects.current(today).aggregate(n=Count("person_id", distinct=True))[
            "n"
        ],
    }


GROUP_COLUMNS = (
    Column("namn", gettext_lazy("Namn"), ("name",)),
    Column("typ", gettext_lazy("Typ"), ("kind_order", "name")),
    Column("status", gettext_lazy("Status"), ("status_order", "name")),
    Column("overordnad", gettext_lazy("Överordnad"), ("parent__name", "name")),
    Column("sjukvardsregion", gettext_lazy("Sjukvårdsregion"), ("healthcare_region__name", "name")),
    Column("vardskap", gettext_lazy("Värdskap"), ("host_region__name", "name")),
    Column(
        "medlemmar",
        gettext_lazy("Medlemmar"),
        ("current_member_count", "name"),
        descending_first=True,
    ),
)
GROUP_DEFAULT_SORT = "sjukvardsregion"


def group_list(
    *,
    kind: str = "",
    status: str = "",
    healthcare_region: HealthcareRegion | None = None,
    host_region: Region | None = None,
    search: str = "",
    sort: Sort | None = None,
) -> QuerySet[Group]:
    """The groups matching the filters in the chosen order. The member count is a correlated
    subquery, so PostgreSQL counts only the page's rows (and the paginator's COUNT none)."""
    today = timezone.localdate()
    groups = Group.objects.select_related("parent", "healthcare_region", "host_region").annotate(
        current_member_count=count_per_row(Membership.objects.current(today), via="group"),
        kind_order=choice_order("kind", GroupKind.choices, by_label=True),
        status_order=choice_order("status", GroupStatus.choices),
        kind_label=choice_label("kind", GroupKind.choices),
        status_label=choice_label("status", GroupStatus.choices),
    )
    if kind:
        groups = groups.filter(kind=kind)
    if status:
        groups = groups.filter(status=status)
    if healthcare_region:
        groups = groups.filter(healthcare_region=healthcare_region)
    if host_region:
        groups = groups.filter(host_region=host_region)
    if search:
        groups = groups.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if sort is None:
        return groups.order_by("healthcare_region__name", "name", "pk")
    return groups.order_by(*sort.order_by())


@dataclass
class TreeNode:
    group: Group
    children: list[TreeNode] = field(default_factory=list)


def group_tree(
    *, healthcare_region: HealthcareRegion | None = None
) -> list[tuple[HealthcareRegion, list[TreeNode]]]:
    """All groups as a forest per healthcare region, built in memory from one query."""
    groups = Group.objects.select_related("healthcare_region", "host_region").order_by("name")
    if healthcare_region:
        groups = groups.filter(healthcare_region=healthcare_region)
    nodes = {group.pk: TreeNode(group) for group in groups}
    roots: dict[int, list[TreeNode]] = defaultdict(list)
    regions: dict[int, HealthcareRegion] = {}
    for node in nodes.values():
        parent = nodes.get(node.group.parent_id)
        if parent is not None:
            parent.children.append(node)
        else:
            regions[node.group.healthcare_region_id] = node.group.healthcare_region
            roots[node.group.healthcare_region_id].append(node)
    return [(regions[key], roots[key]) for key in sorted(regions, key=lambda k: regions[k].name)]


@dataclass
class RegionSeats:
    region: Region | None
    memberships: list[Membership]


@dataclass
class GroupOverview:
    group: Group
    ancestors: list[Group]
    children: list[Group]
    current_by_region: list[RegionSeats]
    past_memberships: list[Membership]
    future_memberships: list[Membership]
    regions_without_member: list[Region]
    history: list


ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


def group_overview(group_id: int, *, today: datetime.date | None = None) -> GroupOverview | None:
    """The group page: the group, then its children, memberships and region's regions in one
    query (portal.queries.read_together), its ancestors in one and its history in one."""
    today = today or timezone.localdate()
    group = (
        Group.objects.select_related("parent", "healthcare_region", "host_region")
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        return None
    children, memberships, regions = read_together(
        Rows(Group.objects.filter(parent=group).order_by("name"), ("host_region",)),
        Rows(
            Membership.objects.filter(group=group).order_by("start_date"),
            ("person", "person__employer", "region"),
        ),
        Rows(Region.objects.filter(healthcare_region=group.healthcare_region_id).order_by("name")),
    )
    set_prefetched([group], "memberships", memberships, via="group")
    ancestors = _ancestors(group)
    current = [m for m in memberships if m.is_current(today)]
    seats: dict[int | None, list[Membership]] = defaultdict(list)
    for membership in sorted(
        current, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.person.last_name)
    ):
        seats[membership.region_id].append(membership)
    by_region = [RegionSeats(r, seats[r.pk]) for r in regions if seats.get(r.pk)]
    if seats.get(None):
        by_region.append(RegionSeats(None, seats[None]))
    represented = {m.region_id for m in current}
    history = group_history(group)
    return GroupOverview(
        group=group,
        ancestors=ancestors,
        children=children,
        current_by_region=by_region,
        past_memberships=[m for m in memberships if m.end_date and m.end_date < today][::-1],
        future_memberships=[m for m in memberships if m.start_date > today],
        regions_without_member=[r for r in regions if r.pk not in represented],
        history=history,
    )


def _seat_line(values: dict, roles: dict) -> str:
    name = Person(first_name=values["first"] or "", last_name=values["last"] or "").full_name
    return f"{name} ({str(roles.get(values['role'], values['role'])).lower()})"


def group_history(group: Group, *, limit: int = 30) -> list[HistoryLine]:
    """The group's own changes and its membership changes, newest first (one query)."""
    roles = dict(MembershipRole.choices)
    return history_lines(
        HistorySource(group.history.all(), lambda v: str(group.name)),
        HistorySource(
            Membership.history.filter(group_id=group.pk),
            lambda v: _seat_line(v, roles),
            {"first": "person__first_name", "last": "person__last_name", "role": "role"},
        ),
        limit=limit,
    )


def group_ids_managed_by(user: AbstractBaseUser) -> set[int]:
    """Ids of the groups whose meetings the user manages (one query, for list pages)."""
    return set(groups_with_permission(user, MANAGE_MEETINGS).values_list("pk", flat=True))


def _ancestors(group: Group) -> list[Group]:
    """The chain of parents, root first: one query for the names and parent links of the
    groups of the region (a chain never leaves its healthcare region)."""
    if group.parent_id is None:
        return []
    groups = Group.objects.filter(healthcare_region_id=group.healthcare_region_id).only(
        "pk", "parent_id", "name"
    )
    by_id = {g.pk: g for g in groups}
    chain: list[Group] = []
    current = by_id.get(group.parent_id)
    while current is not None and current not in chain:
        chain.append(current)
        current = by_id.get(current.parent_id)
    return chain[::-1]


def person_overview(person_id: int) -> Person | None:
    return (
        Person.objects.select_related("employer", "user")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("group", "region").order_by(
                    "-start_date"
                ),
            )
        )
        .filter(pk=person_id)
        .first()
    )


PERSON_COLUMNS = (
    Column("namn", gettext_lazy("Namn"), ("last_name", "first_name")),
    Column("titel", gettext_lazy("Titel"), ("title", "last_name", "first_name")),
    Column(
        "arbetsgivare", gettext_lazy("Arbetsgivare"), ("employer__name", "last_name", "first_name")
    ),
)
PERSON_DEFAULT_SORT = "namn"


def person_list(*, search: str = "", sort: Sort | None = None) -> QuerySet[Person]:
    people = Person.objects.select_related("employer", "user")
    if search:
        people = people.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(title__icontains=search)
        )
    if sort is None:
        return people.order_by("last_name", "first_name", "pk")
    return people.order_by(*sort.order_by())


@dataclass
class CoverageCell:
    region: Region
    members: int  # current members representing the region


@dataclass
class CoverageRow:
    group: Group
    cells: list[CoverageCell]  # in the order of the regions

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if not cell.members)


COVERAGE_PER_PAGE = 50


@dataclass
class CoverageMatrix:
    healthcare_region: HealthcareRegion
    healthcare_regions: list[HealthcareRegion]
    regions: list[Region]
    rows: list[CoverageRow]
    page: Page


def first_healthcare_region() -> HealthcareRegion | None:
    return HealthcareRegion.objects.order_by("name").first()


def coverage_matrix(
    slug: str,
    *,
    page_number=1,
    per_page: int = COVERAGE_PER_PAGE,
    today: datetime.date | None = None,
) -> CoverageMatrix | None:
    """Which regions sit in which active groups of a healthcare region, and where the gaps
    are, a page of groups at a time: the page's members are counted per group and region in
    SQL (four queries; the pagination reads one group more instead of counting)."""
    today = today or timezone.localdate()
    healthcare_regions = list(HealthcareRegion.objects.order_by("name"))
    healthcare_region = next((hr for hr in healthcare_regions if hr.slug == slug), None)
    if healthcare_region is None:
        return None
    regions = list(healthcare_region.regions.order_by("name"))
    groups = healthcare_region.groups.exclude(status=GroupStatus.CLOSED).order_by(
        "kind", "name", "pk"
    )
    page = UncountedPaginator(groups, per_page).get_page(page_number)
    counts = {
        (row["group_id"], row["region_id"]): row["members"]
        for row in Membership.objects.current(today)
        .filter(group__in=[group.pk for group in page.object_list])
        .order_by()
        .values("group_id", "region_id")
        .annotate(members=Count("pk"))
    }
    rows = [
        CoverageRow(
            group,
            [CoverageCell(region, counts.get((group.pk, region.pk), 0)) for region in regions],
        )
        for group in page.object_list
    ]
    return CoverageMatrix(healthcare_region, healthcare_regions, regions, rows, page)


# --- administration -----------------------------------------------------------------------


def healthcare_regions_overview() -> list[HealthcareRegion]:
    """Every healthcare region with its regions, each with its latest population (two
    queries). Regions carry `latest_year` and `latest_population` (None when unknown)."""
    latest = RegionPopulation.objects.filter(region=OuterRef("pk")).order_by("-year")
    regions = Region.objects.annotate(
        latest_year=Subquery(latest.values("year")[:1]),
        latest_population=Subquery(latest.values("population")[:1]),
        group_count=Count("hosted_groups", distinct=True),
    ).order_by("name")
    return list(
        HealthcareRegion.objects.order_by("name").prefetch_related(
            Prefetch("regions", queryset=regions)
        )
    )


@dataclass
class PopulationRow:
    region: Region
    values: list[int | None]


@dataclass
class PopulationTable:
    years: list[int]
    sections: list[tuple[HealthcareRegion, list[PopulationRow]]]
    sources: list[str]


def population_table(*, last_years: int = 6) -> PopulationTable:
    """The latest years' populations per region, grouped by healthcare region (three
    queries)."""
    years = list(
        RegionPopulation.objects.order_by("-year")
        .values_list("year", flat=True)
        .distinct()[:last_years]
    )[::-1]
    figures = (
        RegionPopulation.objects.filter(year__in=years)
        .order_by()
        .values_list("region_id", "year", "population", "source")
    )
    by_region: dict[int, dict[int, int]] = defaultdict(dict)
    sources: set[str] = set()
    for region_id, year, population, source in figures:
        by_region[region_id][year] = population
        if source:
            sources.add(source)
    sections: dict[int, tuple[HealthcareRegion, list[PopulationRow]]] = {}
    for region in Region.objects.select_related("healthcare_region").order_by(
        "healthcare_region__name", "name"
    ):
        values = [by_region[region.pk].get(year) for year in years]
        hr = region.healthcare_region
        sections.setdefault(hr.pk, (hr, []))[1].append(PopulationRow(region, values))
    return PopulationTable(years=years, sections=list(sections.values()), sources=sorted(sources))


@dataclass
class AdministratorsOverview:
    administrators: list
    superusers: list
    candidates: QuerySet
    changes: list[AdministratorChange]


def administrators_overview(*, limit: int = 50) -> AdministratorsOverview:
    """Who administers the portal, who could, and who changed it (three queries; the
    candidates are a queryset for the form's choices)."""
    User = get_user_model()
    people = list(
        User.objects.filter(Q(groups__name=ADMINISTRATORS_GROUP) | Q(is_superuser=True))
        .annotate(
            in_group=Exists(
                AuthGroup.user_set.through.objects.filter(
                    user_id=OuterRef("pk"), group__name=ADMINISTRATORS_GROUP
                )
            )
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    candidates = (
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(groups__name=ADMINISTRATORS_GROUP)
        .order_by("last_name", "first_name", "username")
    )
    changes = list(
        AdministratorChange.objects.select_related("user", "actor").order_by("-created_at", "-pk")[
            :limit
        ]
    )
    return AdministratorsOverview(
        administrators=[user for user in people if user.in_group],
        superusers=[user for user in people if user.is_superuser and not user.in_group],
        candidates=candidates,
        changes=changes,
    )


# Groups whose members are staff or a project's people rather than each region's delegates.
NOT_REPRESENTATIVE_KINDS = (
    GroupKind.SECRETARIAT,
    GroupKind.TEAM,
    GroupKind.PROJECT,
    GroupKind.SUBPROJECT,
    GroupKind.PROJECT_GROUP,
)


def groups_missing_regions(*, today: datetime.date | None = None, limit: int = 5) -> Shortlist:
    """Active groups of a healthcare region in which some of its regions has no current
    member: the gaps of the coverage matrix, across the country, in one query. The gap is an
    EXISTS, so PostgreSQL walks the groups in order and stops after the first rows; the
    counts each group carries (`region_count`, `covered_count`) are computed for those only."""
    today = today or timezone.localdate()
    seat = Membership.objects.current(today).filter(
        group=OuterRef(OuterRef("pk")), region=OuterRef("pk")
    )
    regions = Region.objects.filter(healthcare_region=OuterRef("healthcare_region"))
    uncovered = regions.exclude(Exists(seat))
    groups = (
        Group.objects.filter(status=GroupStatus.ACTIVE, healthcare_region__isnull=False)
        .exclude(kind__in=NOT_REPRESENTATIVE_KINDS)
        .filter(Exists(uncovered))
        .annotate(
            region_count=_count_of(regions),
            covered_count=_count_of(regions.filter(Exists(seat))),
        )
        .select_related("healthcare_region")
        .order_by("healthcare_region__name", "name", "pk")
    )
    return shortlist(groups, limit=limit)


def _count_of(rows: QuerySet) -> Subquery:
    """COUNT(*) of a correlated subquery (a Func, so Django adds no GROUP BY)."""
    return Subquery(rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def person_erasure_refusals(person: Person) -> list[str]:
    """What stops the person's erasure now (from every app's check, portal.gdpr)."""
    if person.erased_at is not None:
        return [_("Personens uppgifter är redan raderade.")]
    return gdpr.erasure_refusals(person)


def person_of_user(user) -> Person | None:
    return Person.objects.select_related("user").filter(user=user).first()
