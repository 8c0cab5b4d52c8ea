"""Creating and revoking calendar feed addresses."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.models import CalendarToken
from portal.history import save_with_history


def _revoke(token: CalendarToken, *, actor, reason: str) -> None:
    token.revoked_at = timezone.now()
    save_with_history(token, actor=actor, reason=reason)


@transaction.atomic
def calendar_token_create(*, actor) -> CalendarToken:
    """A new secret address for the actor's feeds; the one in use, if any, stops working."""
    for token in CalendarToken.objects.select_for_update().filter(
        user=actor, revoked_at__isnull=True
    ):
        _revoke(token, actor=actor, reason=_("Kalenderlänken ersatt av en ny"))
    token = CalendarToken(user=actor, token=secrets.token_urlsafe(32))
    return save_with_history(token, actor=actor, reason=_("Kalenderlänk skapad"))


@transaction.atomic
def calendar_token_revoke(*, actor) -> bool:
    """Revoke the actor's address in use; False when there was none."""
    tokens = list(
        CalendarToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
    )
    for token in tokens:
        _revoke(token, actor=actor, reason=_("Kalenderlänk återkallad"))
    return bool(tokens)
