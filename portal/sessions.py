"""Idle and absolute session limits (docs/decisions/0011).

The login time and the last activity are kept in the session itself (epoch seconds), so the
limits hold whichever session backend is used and whatever the browser does with its cookie.
"""

import time

from django.conf import settings

STARTED = "portal_session_started"
LAST_ACTIVITY = "portal_last_activity"

IDLE = "idle"
ABSOLUTE = "absolute"


def start_session_clock(request) -> None:
    now = int(time.time())
    request.session[STARTED] = now
    request.session[LAST_ACTIVITY] = now


def session_expiry(session, now: int) -> str | None:
    """IDLE or ABSOLUTE if the session has run out, else None; notes the activity."""
    started = session.get(STARTED)
    last = session.get(LAST_ACTIVITY)
    if started is None or last is None:
        # A session from before these limits: its clock starts now.
        session[STARTED] = started or now
        session[LAST_ACTIVITY] = now
        return None
    if now - started >= settings.SESSION_ABSOLUTE_TIMEOUT:
        return ABSOLUTE
    if now - last >= settings.SESSION_IDLE_TIMEOUT:
        return IDLE
    # Written at most once a resolution period: not a session save on every request.
    if now - last >= settings.SESSION_ACTIVITY_RESOLUTION:
        session[LAST_ACTIVITY] = now
    return None
