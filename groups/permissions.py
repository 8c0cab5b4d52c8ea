"""Which membership roles give which object rights on a group. The single source of truth."""

from groups.models import MembershipRole

MANAGE_MEETINGS = "groups.manage_meetings"
MANAGE_MINUTES = "groups.manage_minutes"
MANAGE_DECISIONS = "groups.manage_decisions"
MANAGE_FINANCES = "groups.manage_finances"
VIEW_INTERNAL = "groups.view_internal"

MANAGING_ROLES = frozenset(
    {MembershipRole.CHAIR, MembershipRole.CONVENER, MembershipRole.SECRETARY}
)
MANAGER_PERMISSIONS = ("manage_meetings", "manage_minutes", "manage_decisions", "view_internal")
MEMBER_PERMISSIONS = ("view_internal",)
# The owning body's budgets are kept by its secretary (issue 7), not by the chair or convener.
SECRETARY_PERMISSIONS = (*MANAGER_PERMISSIONS, "manage_finances")
SYNCED_PERMISSIONS = frozenset(SECRETARY_PERMISSIONS)


def permissions_for_role(role: str) -> tuple[str, ...]:
    if role == MembershipRole.SECRETARY:
        return SECRETARY_PERMISSIONS
    return MANAGER_PERMISSIONS if role in MANAGING_ROLES else MEMBER_PERMISSIONS
