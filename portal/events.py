"""Events worth an audit trail that are not changes to a model: logins, lockouts, documents
and exports issued.

Apps call `record_event(...)`; whoever keeps the audit log (the `audit` app) registers a sink
in its `ready()`. So no app imports `audit`, and the portal works (recording nothing) without
it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.network import client_ip

logger = logging.getLogger("portal.events")

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCKOUT = "lockout"
UNLOCK = "unlock"
LOGOUT = "logout"
SESSION_EXPIRED = "session_expired"
EXPORT = "export"
DOCUMENT = "document"
SECOND_FACTOR_ENROLLED = "second_factor_enrolled"
SECOND_FACTOR_VERIFIED = "second_factor_verified"
SECOND_FACTOR_FAILED = "second_factor_failed"
SECOND_FACTOR_RESET = "second_factor_reset"
PERSON_ERASED = "person_erased"

KINDS = {
    LOGIN: _("Inloggning"),
    LOGIN_FAILED: _("Misslyckad inloggning"),
    LOCKOUT: _("Inloggning spärrad"),
    UNLOCK: _("Spärr hävd"),
    LOGOUT: _("Utloggning"),
    SESSION_EXPIRED: _("Sessionen gick ut"),
    EXPORT: _("Export"),
    DOCUMENT: _("Dokument (PDF)"),
    SECOND_FACTOR_ENROLLED: _("Tvåfaktorsinloggning påslagen"),
    SECOND_FACTOR_VERIFIED: _("Andra faktorn godkänd"),
    SECOND_FACTOR_FAILED: _("Fel kod för andra faktorn"),
    SECOND_FACTOR_RESET: _("Tvåfaktorsinloggning återställd"),
    PERSON_ERASED: _("Personuppgifter raderade"),
}


@dataclass(frozen=True)
class Event:
    kind: str
    user: object | None  # the acting user, if known
    username: str  # as typed at a failed login, or the user's username
    ip_address: str | None
    path: str
    object_type: str  # "app_label.model_name", or ""
    object_id: str
    object_label: str
    detail: str


_sinks: list[Callable[[Event], None]] = []


def register_sink(sink: Callable[[Event], None]) -> None:
    if sink not in _sinks:
        _sinks.append(sink)


def object_reference(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:255]


def record_event(
    kind: str,
    *,
    request=None,
    user=None,
    username: str = "",
    obj: models.Model | None = None,
    detail: str = "",
) -> None:
    """Record an event. `user` defaults to the request's user when logged in."""
    if kind not in KINDS:
        raise ValueError(f"Unknown audit event kind {kind!r}")
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if not username and user is not None:
        username = user.get_username()
    object_type, object_id, object_label = object_reference(obj)
    event = Event(
        kind=kind,
        user=user,
        username=username[:150],
        ip_address=_client_ip(request),
        path=getattr(request, "path", "")[:255] if request is not None else "",
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        detail=str(detail)[:500],
    )
    logger.info("%s user=%r object=%s:%s %s", kind, username, object_type, object_id, detail)
    for sink in _sinks:
        sink(event)


def _client_ip(request) -> str | None:
    if request is None or not hasattr(request, "META"):
        return None
    return client_ip(request)
