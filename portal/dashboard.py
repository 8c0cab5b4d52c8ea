"""The dashboard: what is waiting for each of the user's roles. The one place in portal/ that
reads from the apps, through their selectors; apps built on top of governance (mail,
notice board) add their panels through `register_panel` in their AppConfig.ready(), so no
import runs from here to them.

Each panel is one selector call with a fixed number of queries and a short list (the first
rows and whether there are more), so the page costs the same at any size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finance import selectors as finance_selectors
from governance.selectors import dashboard as governance_dashboard
from groups import selectors as group_selectors
from groups.models import MembershipRole
from groups.permissions import MANAGING_ROLES
from portal.access import is_administrator

ADMINISTRATOR = "administrator"
CONVENER = "convener"
SECRETARY = "secretary"
MEMBER = "member"

ROLE_HEADINGS = {
    ADMINISTRATOR: _("Som administratör"),
    CONVENER: _("Som sammankallande"),
    SECRETARY: _("Som sekreterare"),
    MEMBER: _("Dina möten och justeringar"),
}
CONVENING_ROLES = frozenset({MembershipRole.CONVENER, MembershipRole.CHAIR})


@dataclass(frozen=True)
class Seat:
    """Who the user is on the dashboard: the roles they hold and the groups behind each."""

    user: object
    is_administrator: bool
    member_group_ids: frozenset[int]
    managed_group_ids: frozenset[int]  # chair, convener or secretary: prepares meetings
    secretary_body_ids: frozenset[int]
    convenes: bool

    @property
    def roles(self) -> list[str]:
        roles = [ADMINISTRATOR] if self.is_administrator else []
        if self.convenes:
            roles.append(CONVENER)
        if self.secretary_body_ids:
            roles.append(SECRETARY)
        if self.member_group_ids:
            roles.append(MEMBER)
        return roles

    @property
    def preparing_role(self) -> str:
        """Meetings to prepare go under "convener", or "secretary" for a secretary only."""
        return CONVENER if self.convenes else SECRETARY


@dataclass
class Panel:
    title: str
    template: str
    items: object
    empty_text: str = ""


@dataclass
class RoleSection:
    role: str
    heading: str
    panels: list[Panel] = field(default_factory=list)


PanelProvider = Callable[[Seat], "Panel | None"]
_registered: list[tuple[str, PanelProvider]] = []


def register_panel(role: str, provider: PanelProvider) -> None:
    """Add a panel for a role: `provider(seat)` returns a Panel, or None to show nothing."""
    if (role, provider) not in _registered:
        _registered.append((role, provider))


def _seat(user, memberships) -> Seat:
    return Seat(
        user=user,
        is_administrator=is_administrator(user),
        member_group_ids=frozenset(m.group_id for m in memberships),
        managed_group_ids=frozenset(m.group_id for m in memberships if m.role in MANAGING_ROLES),
        secretary_body_ids=frozenset(
            m.group_id for m in memberships if m.role == MembershipRole.SECRETARY
        ),
        convenes=any(m.role in CONVENING_ROLES for m in memberships),
    )


def _administrator_panels(seat: Seat) -> list[Panel]:
    today = timezone.localdate()
    return [
        Panel(
            _("Grupper där en region saknar ledamot"),
            "portal/dashboard/groups_missing_regions.html",
            group_selectors.groups_missing_regions(today=today),
            _("Alla aktiva grupper har en ledamot från varje region."),
        ),
        Panel(
            _("Försenade leveranser"),
            "portal/dashboard/deliverables.html",
            governance_dashboard.deliverables_overdue(today=today),
            _("Inga leveranser är försenade."),
        ),
        Panel(
            _("Protokoll som inte justerats inom 14 dagar"),
            "portal/dashboard/minutes_past_deadline.html",
            governance_dashboard.minutes_past_deadline(),
            _("Alla protokoll är justerade i tid."),
        ),
        Panel(
            _("Budgetar vars kontroll inte stämmer"),
            "portal/dashboard/budget_checks.html",
            finance_selectors.budgets_with_check_differences(),
            _("Alla budgetars utgående balanser stämmer med underlagen."),
        ),
    ]


def _preparing_panels(seat: Seat) -> list[Panel]:
    now = timezone.now()
    return [
        Panel(
            _("Möten att förbereda"),
            "portal/dashboard/meetings_to_prepare.html",
            governance_dashboard.meetings_to_prepare(seat.managed_group_ids, now=now),
            _("Inga planerade möten i grupperna du håller i."),
        ),
        Panel(
            _("Anteckningar och protokoll att skriva"),
            "portal/dashboard/minutes_to_write.html",
            governance_dashboard.minutes_to_write(seat.managed_group_ids, now=now),
            _("Alla hållna möten har protokoll som lämnats för justering."),
        ),
        Panel(
            _("Leveranser de närmaste 60 dagarna"),
            "portal/dashboard/deliverables.html",
            governance_dashboard.deliverables_due(seat.user, today=timezone.localdate()),
            _("Inga försenade leveranser och inga de närmaste 60 dagarna."),
        ),
    ]


def _secretary_panels(seat: Seat) -> list[Panel]:
    return [
        Panel(
            _("Protokoll som väntar på justering"),
            "portal/dashboard/minutes_awaiting.html",
            governance_dashboard.minutes_awaiting_justering(seat.secretary_body_ids),
            _("Inga protokoll väntar på justering."),
        ),
        Panel(
            _("Budgetar"),
            "portal/dashboard/budgets.html",
            finance_selectors.budgets_of(seat.secretary_body_ids),
            _("Organen du är sekreterare för har inga budgetar i portalen."),
        ),
    ]


def _member_panels(seat: Seat) -> list[Panel]:
    return [
        Panel(
            _("Att justera"),
            "portal/dashboard/minutes_to_approve.html",
            governance_dashboard.minutes_awaiting_approval_by(seat.user),
            _("Du har inga protokoll att justera."),
        ),
        Panel(
            _("Dina kommande möten"),
            "portal/dashboard/my_meetings.html",
            governance_dashboard.meetings_of_groups(seat.member_group_ids, now=timezone.now()),
            _("Inga kommande möten i dina grupper."),
        ),
    ]


def role_sections(seat: Seat) -> list[RoleSection]:
    sections = {role: RoleSection(role, ROLE_HEADINGS[role]) for role in seat.roles}
    if ADMINISTRATOR in sections:
        sections[ADMINISTRATOR].panels += _administrator_panels(seat)
    if seat.managed_group_ids and seat.preparing_role in sections:
        sections[seat.preparing_role].panels += _preparing_panels(seat)
    if SECRETARY in sections:
        sections[SECRETARY].panels += _secretary_panels(seat)
    if MEMBER in sections:
        sections[MEMBER].panels += _member_panels(seat)
    for role, provider in _registered:
        if role in sections and (panel := provider(seat)) is not None:
            sections[role].panels.append(panel)
    return list(sections.values())


def dashboard_for(user) -> dict:
    memberships = group_selectors.current_memberships_for_user(user)
    seat = _seat(user, memberships)
    return {
        "seat": seat,
        "role_sections": role_sections(seat),
        "my_memberships": memberships,
        "organisation_counts": (
            group_selectors.organisation_counts() if seat.is_administrator else None
        ),
        "recent_decisions": governance_dashboard.recent_decisions(),
    }
