"""The group page as it was on a chosen day ("Visa som den var den …")."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from groups import time_travel
from portal.time_travel import render_past_view


@require_safe
def group_as_of(request, pk: int):
    group, first_day = time_travel.group_for_time_travel(pk)
    return render_past_view(
        request,
        "groups/group_as_of.html",
        title=group.name,
        current_url=group.get_absolute_url(),
        as_of_url=reverse("groups:as_of", args=[group.pk]),
        label=_("Visa gruppen som den var ett annat datum"),
        first_day=first_day,
        read=lambda day: time_travel.group_as_of(group.pk, day),
    )
