"""The commission and decision pages as they were on a chosen day ("Visa som den var den …")."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from governance.selectors import past as selectors
from portal.time_travel import render_past_view


@require_safe
def commission_as_of(request, pk: int):
    commission, first_day = selectors.commission_for_time_travel(pk, user=request.user)
    return render_past_view(
        request,
        "governance/commission_as_of.html",
        title=commission.title,
        current_url=commission.get_absolute_url(),
        as_of_url=reverse("governance:commission_as_of", args=[commission.pk]),
        label=_("Visa uppdraget som det var ett annat datum"),
        first_day=first_day,
        read=lambda day: selectors.commission_as_of(commission.pk, day),
    )


@require_safe
def decision_as_of(request, pk: int):
    decision, first_day = selectors.decision_for_time_travel(pk, user=request.user)
    return render_past_view(
        request,
        "governance/decision_as_of.html",
        title=str(decision),
        current_url=decision.get_absolute_url(),
        as_of_url=reverse("governance:decision_as_of", args=[decision.pk]),
        label=_("Visa beslutet som det var ett annat datum"),
        first_day=first_day,
        read=lambda day: selectors.decision_as_of(decision.pk, day),
    )
