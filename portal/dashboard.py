"""The dashboard: the one place in portal/ that reads from the apps, through their selectors."""

from governance.selectors import dashboard as governance_dashboard
from groups import selectors as group_selectors


def dashboard_for(user) -> dict:
    return {
        "my_memberships": group_selectors.current_memberships_for_user(user),
        "organisation_counts": group_selectors.organisation_counts(),
        "minutes_to_approve": governance_dashboard.minutes_awaiting_approval_by(user),
        "upcoming_meetings": governance_dashboard.upcoming_meetings(user),
        "deliverables_due": list(governance_dashboard.deliverables_due(user)),
        "recent_decisions": governance_dashboard.recent_decisions(),
    }
