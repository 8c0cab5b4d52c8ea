"""The notifications' panels on the portal's dashboard (registered in apps.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from governance.models import Decision
from governance.services import rules
from portal.dashboard import Panel, Seat
from portal.shortlist import shortlist


def failed_mail_panel(seat: Seat) -> Panel:
    from notifications.selectors import failed_message_count

    return Panel(
        _("E-post som inte kunde skickas"),
        "notifications/dashboard/failed_mail.html",
        failed_message_count() or None,
        _("All e-post har gått fram."),
    )


def decisions_to_dispatch(body_ids, *, limit: int = 6):
    """Approved decisions of the user's bodies that name recipients and are not dispatched
    yet (rules.approved_decision_q: what rules.dispatch_refusal lets through). One query."""
    decisions = (
        Decision.objects.filter(rules.approved_decision_q(), body_id__in=body_ids)
        .filter(recipients__isnull=False, dispatches__isnull=True)
        .select_related("body")
        .distinct()
        .order_by("-decision_date", "-number")
    )
    return shortlist(decisions, limit=limit)


def dispatch_panel(seat: Seat) -> Panel:
    return Panel(
        _("Beslut att expediera"),
        "notifications/dashboard/to_dispatch.html",
        decisions_to_dispatch(seat.secretary_body_ids),
        _("Alla justerade beslut med mottagare är expedierade."),
    )
