"""Who may see and change commissions.

- Administrators write commissions, change their status and plan deliverables.
- The assignee group's managers (chair, convener, secretary: `groups.manage_meetings` on the
  assignee group) may mark its deliverables delivered: the delivery is the group's own work,
  presented at its meetings, which they run.
- Every logged-in user reads commissions once decided (official documents). Drafts are read
  by administrators and by members of the commissioner or assignee group (`view_internal`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from governance.models import Commission, CommissionStatus, Deliverable, SectionTemplate
from governance.services import commissions as rules
from groups.access import groups_with_permission, require_administrator, user_can_on_group
from groups.permissions import MANAGE_MEETINGS, VIEW_INTERNAL
from portal.access import is_administrator

DELIVER_PERMISSION = MANAGE_MEETINGS


def visible_commissions(user) -> QuerySet[Commission]:
    """The commissions a user may read, as a queryset (no per-row checks)."""
    commissions = Commission.objects.all()
    if is_administrator(user):
        return commissions
    if not user.is_authenticated:
        return commissions.none()
    internal_groups = groups_with_permission(user, VIEW_INTERNAL).values("pk")
    return commissions.filter(
        ~Q(status=CommissionStatus.DRAFT)
        | Q(commissioner_id__in=internal_groups)
        | Q(assignee_id__in=internal_groups)
    )


def commission_for_view(commission_id: int, *, user) -> Commission:
    commission = visible_commissions(user).select_related("commissioner", "assignee")
    return get_object_or_404(commission, pk=commission_id)


def commission_for_update(commission_id: int, *, user) -> Commission:
    require_administrator(user)
    return get_object_or_404(
        Commission.objects.select_related("commissioner", "assignee", "decision"),
        pk=commission_id,
    )


def deliverable_for_update(deliverable_id: int, *, user) -> Deliverable:
    require_administrator(user)
    return get_object_or_404(
        Deliverable.objects.select_related("commission", "recipient"), pk=deliverable_id
    )


def deliverable_for_delivery(deliverable_id: int, *, user) -> Deliverable:
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("commission", "commission__assignee", "recipient"),
        pk=deliverable_id,
    )
    if not can_deliver(user, deliverable.commission):
        if not visible_commissions(user).filter(pk=deliverable.commission_id).exists():
            raise Http404
        raise PermissionDenied
    return deliverable


def can_deliver(user, commission: Commission) -> bool:
    return user_can_on_group(user, DELIVER_PERMISSION, commission.assignee)


def section_template_for_update(template_id: int, *, user) -> SectionTemplate:
    require_administrator(user)
    return get_object_or_404(SectionTemplate, pk=template_id)


@dataclass(frozen=True)
class CommissionActions:
    """What a user may do now to a commission: the page's buttons, from the rules the services
    raise on (a closed commission offers no change; only allowed transitions are offered)."""

    can_edit: bool  # text, facts and the deliverable plan
    transitions: tuple[tuple[str, str], ...]  # (status, verb) the user may move it to
    deliverable_ids: frozenset[int]  # deliverables the user may mark delivered now

    @property
    def has_deliverable_actions(self) -> bool:
        return self.can_edit or bool(self.deliverable_ids)


def commission_actions(user, commission: Commission, deliverables=()) -> CommissionActions:
    administrator = is_administrator(user)
    delivers = can_deliver(user, commission)
    return CommissionActions(
        can_edit=administrator and rules.commission_edit_refusal(commission) is None,
        transitions=tuple(
            (status, str(rules.TRANSITION_VERBS[status]))
            for status in rules.allowed_transitions(commission.status)
        )
        if administrator
        else (),
        deliverable_ids=frozenset(
            d.pk for d in deliverables if delivers and rules.delivery_refusal(d) is None
        ),
    )
