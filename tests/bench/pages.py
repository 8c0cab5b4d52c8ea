"""The pages `make bench` measures: one row per page and role. Add a page by adding a row.

`target` names an object `targets()` picks for the role (or None for a page without one);
`query` is appended to the URL. Roles: "admin" (the demo administrator) and "convener" (the
demo login sammankallande, who leads many generated groups)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse

ROLES = {"admin": "admin", "convener": "sammankallande"}


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
    # After merging: global search (search=True), the public register and its API.
]


def users() -> dict[str, object]:
    by_name = get_user_model().objects.in_bulk(list(ROLES.values()), field_name="username")
    return {role: by_name[username] for role, username in ROLES.items()}


def targets(role: str, user) -> dict[str, object]:
    """The objects a role's pages show: for the convener, the largest group they lead and that
    group's latest approved meeting and decision; for the administrator, the largest group."""
    from finance.models import Budget
    from governance.models import Commission, Decision, Meeting
    from groups.models import Group

    groups = Group.objects.all()
    if role == "convener":
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
        "meeting": meeting.pk,
        "decision": decision.pk,
        "commission": commission.pk,
        "budget": Budget.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }


def path(page: Page, found: dict[str, object]) -> str:
    args = [found[page.target], *page.more_args] if page.target else []
    url = reverse(page.url_name, args=args)
    return f"{url}?{page.query}" if page.query else url
