"""Sections governance adds to the group page (through groups.registry)."""

from django.utils.translation import gettext as _

from governance.selectors.commissions import group_commissions
from portal.access import is_administrator


def commissions_section(group, user) -> dict:
    """The group's commissions, as commissioner and as assignee. One query."""
    commissions = group_commissions(group, user=user)
    return {
        "title": _("Uppdrag"),
        "template": "governance/_group_commissions.html",
        "given": commissions["given"],
        "received": commissions["received"],
        "can_create": is_administrator(user),
        "group": group,
    }
