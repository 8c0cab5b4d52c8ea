"""The governance section on a group's page (registered in apps.py; groups imports nothing
of ours): upcoming and recent meetings and the latest decisions, in three queries."""

from django.utils.translation import gettext as _

from governance.selectors.decisions import group_decision_summary
from governance.selectors.meetings import group_meeting_summary
from groups.access import user_can_on_group
from groups.permissions import MANAGE_DECISIONS, MANAGE_MEETINGS, VIEW_INTERNAL


def meetings_section(group, user) -> dict:
    can_read = user_can_on_group(user, VIEW_INTERNAL, group)
    meetings = group_meeting_summary(group) if can_read else {"upcoming": [], "recent": []}
    return {
        "title": _("Möten och beslut"),
        "template": "governance/_group_section.html",
        "group": group,
        "can_read_meetings": can_read,
        "can_manage_meetings": user_can_on_group(user, MANAGE_MEETINGS, group),
        "can_record_decisions": user_can_on_group(user, MANAGE_DECISIONS, group),
        "upcoming": meetings["upcoming"],
        "recent": meetings["recent"],
        "decisions": group_decision_summary(group, user=user),
    }
