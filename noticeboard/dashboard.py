"""The notice board's panel on the secretary's dashboard (registered in apps.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from noticeboard.selectors import current_notices_of
from portal.dashboard import Panel, Seat


def running_notices_panel(seat: Seat) -> Panel:
    return Panel(
        _("Anslag på anslagstavlan"),
        "noticeboard/dashboard/running.html",
        current_notices_of(seat.secretary_body_ids),
        _("Inga anslag är uppe för dina organ just nu."),
    )
