"""Django's login signals, turned into session timestamps and audit events.

Signals are the one hook every login form shares (the portal's, Django admin's); what they do
here is bookkeeping, not a business rule.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal import events
from portal.login_protection import log_lockout
from portal.sessions import start_session_clock


@receiver(user_logged_in, dispatch_uid="portal.login")
def on_login(sender, request, user, **kwargs):
    if request is None:
        return
    start_session_clock(request)
    events.record_event(events.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="portal.logout")
def on_logout(sender, request, user, **kwargs):
    if user is None or getattr(request, "session_expired", False):
        return  # an expired session is recorded as such by the timeout middleware
    events.record_event(events.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="portal.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    events.record_event(
        events.LOGIN_FAILED,
        request=request,
        user=None,
        username=str(credentials.get("username") or ""),
    )


@receiver(user_locked_out, dispatch_uid="portal.locked_out")
def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    log_lockout(request=request, username=username, ip_address=ip_address)
