"""Who must sign in with a second factor (issue 14, item 3). One predicate each, used at login.

"Secretary" is what the portal means by it elsewhere: someone holding the secretary role of a
body today (groups.permissions gives that role the minutes and the finances), or anyone holding
the right to manage a body's finances, however it was given.
"""

from django_otp.plugins.otp_totp.models import TOTPDevice

from groups.access import groups_with_permission
from groups.models import Membership, MembershipRole
from groups.permissions import MANAGE_FINANCES
from portal.access import is_administrator


def is_secretary(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if (
        Membership.objects.current()
        .filter(person__user=user, role=MembershipRole.SECRETARY)
        .exists()
    ):
        return True
    return groups_with_permission(user, MANAGE_FINANCES).exists()


def has_second_factor(user) -> bool:
    """A confirmed authenticator app; then the factor is asked at every login, required or not."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_required(user) -> bool:
    """Administrators and secretaries must use the factor; anyone else once they turned it on."""
    return is_administrator(user) or is_secretary(user) or has_second_factor(user)
