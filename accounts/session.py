"""What the session knows about the second factor, so that a request asks no database.

At login (accounts.receivers) the session notes whether this user needs the factor; the
verification (django_otp.login) stores the device that verified it. The middleware reads
only these two keys. A change of role or a reset of the devices takes effect at the next login.
"""

from django_otp import DEVICE_ID_SESSION_KEY

REQUIRED_KEY = "second_factor_required"


def note_requirement(request, *, required: bool) -> None:
    request.session[REQUIRED_KEY] = required


def needs_verification(request) -> bool:
    session = request.session
    return bool(session.get(REQUIRED_KEY)) and not session.get(DEVICE_ID_SESSION_KEY)


def is_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))
