"""The dashboard: the one place in portal/ that reads from the apps, through their selectors."""

from groups import selectors as group_selectors


def dashboard_for(user) -> dict:
    return {
        "my_memberships": group_selectors.current_memberships_for_user(user),
        "organisation_counts": group_selectors.organisation_counts(),
    }
