"""Fetch budgets *for* a change, permission included. Views call only these.

Who may change a budget: administrators and whoever holds `groups.manage_finances` on the
owning body (its current secretary; issue 7). Everyone logged in may read budgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from guardian.shortcuts import get_objects_for_user

from finance import services
from finance.models import Budget, BudgetLine, BudgetRevision
from groups.access import user_can_on_group
from groups.models import Group
from groups.permissions import MANAGE_FINANCES
from portal.access import is_administrator


def can_manage_budget(user, budget: Budget) -> bool:
    return user_can_on_group(user, MANAGE_FINANCES, budget.owner)


@dataclass(frozen=True)
class BudgetActions:
    """What a user may do now to a budget shown at one of its revisions. Built on the same
    refusals the services raise, so a button shown is a POST accepted."""

    can_manage: bool
    can_edit_lines: bool  # add, change and remove lines, change the opening balance
    can_create_revision: bool
    can_adopt: bool
    can_supersede: bool
    is_frozen: bool  # the latest revision is shown and the rules keep it unchanged


def budget_actions(
    user, *, budget: Budget, revision: BudgetRevision, latest: BudgetRevision
) -> BudgetActions:
    manage = can_manage_budget(user, budget)
    editable = services.revision_edit_refusal(budget, revision, latest_id=latest.pk) is None
    return BudgetActions(
        can_manage=manage,
        can_edit_lines=manage and editable,
        can_create_revision=manage and services.revision_create_refusal(budget) is None,
        can_adopt=manage and services.adoption_refusal(budget, latest) is None,
        can_supersede=manage and services.supersede_refusal(budget) is None,
        is_frozen=revision.pk == latest.pk and not editable,
    )


def budget_for_update(budget_id: int, *, user) -> Budget:
    budget = get_object_or_404(
        Budget.objects.select_related("owner", "owner__healthcare_region"), pk=budget_id
    )
    if not can_manage_budget(user, budget):
        raise PermissionDenied
    return budget


def line_for_update(line_id: int, *, budget_id: int, user) -> BudgetLine:
    line = get_object_or_404(
        BudgetLine.objects.select_related("revision__budget__owner"),
        pk=line_id,
        revision__budget_id=budget_id,
    )
    if not can_manage_budget(user, line.revision.budget):
        raise PermissionDenied
    return line


def budget_owners_for(user) -> QuerySet[Group]:
    """The bodies a user may create budgets for (by import)."""
    groups = Group.objects.select_related("healthcare_region").order_by("name")
    if is_administrator(user):
        return groups
    if not user.is_authenticated or not user.is_active:
        return groups.none()
    return get_objects_for_user(
        user, MANAGE_FINANCES, klass=groups, accept_global_perms=False, with_superuser=False
    )


def require_budget_owner(user) -> None:
    """The import page is for those who may create a budget for at least one body."""
    if not budget_owners_for(user).exists():
        raise PermissionDenied
