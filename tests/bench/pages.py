"""The pages `make bench` measures: one row per page and role. Add a page by adding a row.

`target` names an object `targets()` picks for the role (or None for a page without one);
`query` is appended to the URL. Roles: "admin" (the demo administrator), "convener" (the
demo login sammankallande, who leads many generated groups) and "public" (nobody logged in:
the public register, the OParl API and the notice board)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

ROLES = {"admin": "admin", "convener": "sammankallande", "public": None}
PUBLIC = ("public",)


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str
    roles: tuple[str, ...] = ("admin", "convener")
    target: str | None = None
    query: str = ""
    # URL arguments after the target's id (e.g. an export's format).
    more_args: tuple = ()
    # Text search pages have their own target (200 ms rather than 150 ms).
    search: bool = False


PAGES = [
    Page("dashboard", "dashboard"),
    Page("group list", "groups:list"),
    Page("group page", "groups:detail", target="group"),
    Page("coverage", "groups:coverage", target="healthcare_region"),
    Page("people", "groups:person_list"),
    Page("commission list", "governance:commission_list"),
    Page("commission page", "governance:commission_detail", target="commission"),
    Page("commission history", "governance:commission_history", target="commission"),
    Page("meeting list", "governance:meeting_list"),
    Page("meeting page", "governance:meeting_detail", target="meeting"),
    Page("register", "governance:decision_list"),
    Page("register filtered", "governance:decision_list", query="year=2024&status=decided"),
    Page("register searched", "governance:decision_list", query="q=handlingsplan", search=True),
    Page("decision page", "governance:decision_detail", target="decision"),
    Page("budget list", "finance:budget_list"),
    Page("budget page", "finance:budget_detail", target="budget"),
    Page("budget CSV export", "finance:budget_export", target="budget", more_args=("csv",)),
    Page("audit log", "audit:log", roles=("admin",)),
    Page("global search", "search:results", query="q=handlingsplan", search=True),
    Page("public register", "public:register", roles=PUBLIC),
    Page(
        "public register searched",
        "public:register",
        roles=PUBLIC,
        query="q=handlingsplan",
        search=True,
    ),
    Page("OParl body", "oparl:body", roles=PUBLIC, target="oparl_body"),
    Page("OParl paper list", "oparl:body_papers", roles=PUBLIC, target="oparl_body"),
    Page("notice board", "noticeboard:board", roles=PUBLIC),
]


def users() -> dict[str, object]:
    """The user of each role; None for the public (no login)."""
    names = [name for name in ROLES.values() if name]
    by_name = get_user_model().objects.in_bulk(names, field_name="username")
    return {role: by_name[username] if username else None for role, username in ROLES.items()}


def client_for(role: str, user):
    """A test client logged in as the role's user (its second factor given, as after a real
    login: the administrator's pages would otherwise redirect to the verification), or
    anonymous for the public."""
    from django.test import Client

    from tests.two_factor import verify_session

    client = Client()
    if user is not None:
        client.force_login(user)
        verify_session(client, user)
    return client


def targets(role: str, user) -> dict[str, object]:
    """The objects a role's pages show: for the convener, the largest group they lead and that
    group's latest approved meeting and decision; for the administrator, the largest group."""
    from finance.models import Budget
    from governance.models import Commission, Decision, Meeting
    from groups.models import Group

    groups = Group.objects.all()
    if role == "convener" and user is not None:
        groups = groups.filter(memberships__person__user=user, memberships__role="convener")
    group = groups.annotate(n=Count("meetings")).order_by("-n", "pk").first()
    meeting = (
        Meeting.objects.filter(group=group, minutes__status="approved")
        .order_by("-starts_at")
        .first()
    )
    decision = (
        Decision.objects.filter(body=group, status="decided", number__isnull=False)
        .order_by("-year", "-number")
        .first()
    )
    commission = (
        Commission.objects.filter(assignee=group).order_by("pk").first()
        or Commission.objects.order_by("-pk").first()
    )
    return {
        "group": group.pk,
        "healthcare_region": group.healthcare_region.slug,
        "oparl_body": group.healthcare_region_id,
        "meeting": meeting.pk,
        "decision": decision.pk,
        "commission": commission.pk,
        "budget": Budget.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def path(page: Page, found: dict[str, object]) -> str:
    args = [found[page.target], *page.more_args] if page.target else []
    url = reverse(page.url_name, args=args)
    return f"{url}?{page.query}" if page.query else url
