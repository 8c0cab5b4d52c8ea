"""Fixed pages: the accessibility statement (public, as the law asks) and the help per role."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

# When the statement was last reviewed; change it with the statement.
ACCESSIBILITY_REVIEWED_ON = datetime.date(2026, 12, 1)

HELP_PAGES = {
    "administrator": _("Administratör på kansliet"),
    "sammankallande": _("Sammankallande"),
    "sekreterare": _("Nämndsekreterare"),
    "ledamot": _("Ledamot och justerare"),
}


@login_not_required
@require_safe
def accessibility_statement(request):
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "reviewed_on": ACCESSIBILITY_REVIEWED_ON,
        },
    )


@require_safe
def help_index(request):
    return render(request, "portal/help/index.html", {"pages": HELP_PAGES})


@require_safe
def help_page(request, role: str):
    if role not in HELP_PAGES:
        raise Http404
    return render(
        request,
        f"portal/help/{role}.html",
        {"pages": HELP_PAGES, "role": role, "title": HELP_PAGES[role]},
    )
