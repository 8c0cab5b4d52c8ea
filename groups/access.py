"""Fetch organisation objects *for* an action, permission included. Views call only these."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from groups.models import (
    Group,
    GroupGroupObjectPermission,
    GroupUserObjectPermission,
    HealthcareRegion,
    Membership,
    Person,
    Region,
)
from groups.permissions import SYNCED_PERMISSIONS
from portal.access import is_administrator


def user_can_on_group(user, permission: str, group: Group) -> bool:
    """Administrators may do everything; others need the object permission on the group."""
    if is_administrator(user):
        return True
    return permission in permissions_on_group(user, group)


def permissions_on_group(user, group: Group) -> frozenset[str]:
    """Every object permission ("groups.manage_meetings", …) the user holds on one group,
    given directly or through one of their Django groups (what guardian's checker reads, in
    one query). Kept on the user object for the request: a page's access check, its action
    flags and its sections ask about the same group and cost one query together.
    Administrators hold them all."""
    if is_administrator(user):
        return frozenset(f"groups.{codename}" for codename in SYNCED_PERMISSIONS)
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_group_permissions", None)
    if cached is None:
        cached = {}
        user._portal_group_permissions = cached
    if group.pk not in cached:
        direct = GroupUserObjectPermission.objects.filter(
            user=user, content_object=group
        ).values_list("permission__codename", flat=True)
        through_groups = GroupGroupObjectPermission.objects.filter(
            group__user=user, content_object=group
        ).values_list("permission__codename", flat=True)
        cached[group.pk] = frozenset(
            f"groups.{codename}" for codename in direct.union(through_groups)
        )
    return cached[group.pk]


def require_administrator(user) -> None:
    if not is_administrator(user):
        raise PermissionDenied


def group_for_permission(group_id: int, *, user, permission: str) -> Group:
    group = get_object_or_404(Group.objects.select_related("healthcare_region"), pk=group_id)
    if not user_can_on_group(user, permission, group):
        raise PermissionDenied
    return group


def group_for_update(group_id: int, *, user) -> Group:
    require_administrator(user)
    return get_object_or_404(Group, pk=group_id)


def person_for_update(person_id: int, *, user) -> Person:
    require_administrator(user)
    return get_object_or_404(Person.objects.select_related("user", "employer"), pk=person_id)


def healthcare_region_for_update(healthcare_region_id: int, *, user) -> HealthcareRegion:
    require_administrator(user)
    return get_object_or_404(HealthcareRegion, pk=healthcare_region_id)


def region_for_update(region_id: int, *, user) -> Region:
    require_administrator(user)
    return get_object_or_404(Region.objects.select_related("healthcare_region"), pk=region_id)


def user_for_administration(user_id: int, *, user):
    require_administrator(user)
    return get_object_or_404(get_user_model(), pk=user_id)


def membership_for_update(membership_id: int, *, user) -> Membership:
    require_administrator(user)
    return get_object_or_404(
        Membership.objects.select_related("person", "group", "region"), pk=membership_id
    )


def groups_with_permission(user, permission: str) -> QuerySet[Group]:
    """The groups on which a user holds an object permission, given to the user directly or
    through one of their Django groups: the queryset list pages filter with (no row checks).
    Administrators are not expanded here; callers decide what they see."""
    if not user.is_authenticated or not user.is_active:
        return Group.objects.none()
    codename = permission.split(".", 1)[-1]
    direct = GroupUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    ).values("content_object_id")
    through_groups = GroupGroupObjectPermission.objects.filter(
        group__user=user, permission__codename=codename
    ).values("content_object_id")
    return Group.objects.filter(Q(pk__in=direct) | Q(pk__in=through_groups))
