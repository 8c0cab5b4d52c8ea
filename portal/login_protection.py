"""Login throttling around django-axes: the refusal page, the lockout's log line, the list of
current lockouts and unlocking them (docs/decisions/0011)."""

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import events
from portal.access import is_administrator
from portal.forms import LOGIN_REFUSED

logger = logging.getLogger("portal.security")


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, noting on the request that it refused a login already locked
    out (so the lockout is recorded once, when it begins, not at every later attempt)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except AxesBackendPermissionDenied:
            request.portal_already_locked = True
            raise


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The login form again with its one message (the same for an unknown user, a wrong
    password and a lockout, so it tells nobody which accounts exist), status 429."""
    if original_response is None:
        original_response = HttpResponse(str(LOGIN_REFUSED))
    original_response.status_code = 429
    return original_response


def log_lockout(*, request, username: str | None, ip_address: str | None) -> None:
    if getattr(request, "portal_already_locked", False):
        logger.info("Login refused during a lockout: username=%r ip=%s", username, ip_address)
        return
    logger.warning(
        "Login locked out after repeated failures: username=%r ip=%s path=%s",
        username,
        ip_address,
        getattr(request, "path", ""),
    )
    events.record_event(
        events.LOCKOUT,
        request=request,
        user=None,
        username=username or "",
        detail=_("Inloggningen spärrad efter upprepade misslyckade försök"),
    )


@dataclass(frozen=True)
class Lockout:
    """A username, an address, or the pair that may not log in until `until`."""

    username: str | None
    ip_address: str | None
    failures: int
    last_attempt: datetime
    until: datetime

    @property
    def key(self) -> str:
        return f"{self.username or ''}|{self.ip_address or ''}"


@dataclass(frozen=True)
class Policy:
    failure_limit: int
    cooloff_minutes: int | None
    parameters: list[str]


PARAMETER_LABELS = {
    ("username",): gettext_lazy("användarnamn"),
    ("ip_address",): gettext_lazy("IP-adress"),
    ("username", "ip_address"): gettext_lazy("par av användarnamn och IP-adress"),
    ("ip_address", "username"): gettext_lazy("par av användarnamn och IP-adress"),
}


def policy() -> Policy:
    """The lockout rule in force, as the administrators' page explains it."""
    cool_off = get_cool_off()
    return Policy(
        failure_limit=get_failure_limit(None, None),
        cooloff_minutes=int(cool_off.total_seconds() // 60) if cool_off else None,
        parameters=[
            str(PARAMETER_LABELS[tuple(_parameter_fields(parameter))])
            for parameter in get_lockout_parameters(None)
        ],
    )


def _parameter_fields(parameter) -> list[str]:
    return [parameter] if isinstance(parameter, str) else list(parameter)


def current_lockouts() -> list[Lockout]:
    """Every lockout in force, one query per lockout parameter (username, address, pair)."""
    cool_off = get_cool_off()
    limit = get_failure_limit(None, None)
    now = timezone.now()
    attempts = AccessAttempt.objects.all()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=now - cool_off)
    lockouts = []
    for parameter in get_lockout_parameters(None):
        fields = _parameter_fields(parameter)
        rows = (
            attempts.exclude(**{f"{field}__isnull": True for field in fields})
            .values(*fields)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        for row in rows:
            lockouts.append(
                Lockout(
                    username=row.get("username"),
                    ip_address=row.get("ip_address"),
                    failures=row["failures"],
                    last_attempt=row["last"],
                    until=row["last"] + cool_off if cool_off else None,
                )
            )
    return sorted(lockouts, key=lambda lockout: lockout.last_attempt, reverse=True)


@transaction.atomic
def lockout_release(*, actor, request=None, username: str | None, ip_address: str | None) -> int:
    """Let a locked-out username, address or pair log in again. Administrators only."""
    if not is_administrator(actor):
        raise PermissionDenied
    if not username and not ip_address:
        return 0
    count = reset(ip=ip_address or None, username=username or None)
    logger.warning(
        "Login lockout released by %s: username=%r ip=%s (%d attempts removed)",
        actor.get_username(),
        username,
        ip_address,
        count,
    )
    target = ", ".join(part for part in (username, ip_address) if part)
    events.record_event(
        events.UNLOCK,
        request=request,
        user=actor,
        username=username or "",
        detail=_("Spärr hävd för %(target)s") % {"target": target},
    )
    return count
