"""Which membership roles give which object rights on a group. The single source of truth."""

from groups.models import MembershipRole

MANAGE_MEETINGS = "groups.manage_meetings"
MANAGE_MINUTES = "groups.manage_minutes"
MANAGE_DECISIONS = "groups.manage_decisions"
VIEW_INTERNAL = "groups.view_internal"

MANAGING_ROLES = frozenset(
    {MembershipRole.CHAIR, MembershipRole.CONVENER, MembershipRole.SECRETARY}
)
MANAGER_PERMISSIONS = ("manage_meetings", "manage_minutes", "manage_decisions", "view_internal")
MEMBER_PERMISSIONS = ("view_internal",)
SYNCED_PERMISSIONS = frozenset(MANAGER_PERMISSIONS)


def permissions_for_role(role: str) -> tuple[str, ...]:
    return MANAGER_PERMISSIONS if role in MANAGING_ROLES else MEMBER_PERMISSIONS
