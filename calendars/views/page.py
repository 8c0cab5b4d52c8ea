"""The page where a user sees, creates and revokes the secret address of their feeds."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calendars import selectors, services


def _feed_links(request, token) -> dict:
    if token is None:
        return {"feed": None, "group_feeds": []}

    def links(path: str) -> dict:
        https = request.build_absolute_uri(path)
        return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}

    groups = selectors.feed_groups(request.user)
    return {
        "feed": links(reverse("calendars:personal_feed", args=[token.token])),
        "group_feeds": [
            {
                "group": group,
                **links(reverse("calendars:group_feed", args=[token.token, group.pk])),
            }
            for group in groups
        ],
    }


def calendar_page(request):
    token = selectors.token_in_use(request.user)
    return render(
        request,
        "calendars/calendar_page.html",
        {"token": token, **_feed_links(request, token)},
    )


@require_POST
def token_create(request):
    services.calendar_token_create(actor=request.user)
    messages.success(
        request,
        _("Din nya kalenderlänk är skapad. En tidigare länk fungerar inte längre."),
    )
    return redirect("calendars:page")


@require_POST
def token_revoke(request):
    if services.calendar_token_revoke(actor=request.user):
        messages.success(request, _("Kalenderlänken är återkallad och fungerar inte längre."))
    else:
        messages.info(request, _("Du hade ingen kalenderlänk att återkalla."))
    return redirect("calendars:page")
