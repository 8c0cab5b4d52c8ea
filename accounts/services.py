"""Writes of the second factor: enrolment, recovery codes, verification and an administrator's
reset. The devices are django-otp's (TOTP for the authenticator app, static for the recovery
codes; docs/decisions/0023)."""

import django_otp
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import events

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Autentiseringsapp"
RECOVERY_DEVICE_NAME = "Reservkoder"


def normalise_token(token: str) -> str:
    """People type codes with spaces or dashes ("123 456", "abcd-efgh")."""
    return "".join(token.split()).replace("-", "").lower()


def _matching_step(device: TOTPDevice, token: str) -> int | None:
    """The time step at which the app showed `token`, or None (no device row is written)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if token.isascii() and token.isdigit() and totp.verify(int(token), tolerance=device.tolerance):
        return totp.t()
    return None


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_enrol(*, actor, request, key_hex: str, token: str) -> list[str]:
    """Confirms the authenticator app set up with `key_hex` by one of its codes, replaces any
    earlier devices, verifies this session and returns ten new recovery codes (shown once)."""
    device = TOTPDevice(user=actor, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True)
    step = _matching_step(device, normalise_token(token))
    if step is None:
        raise ValidationError(
            {"token": _("Koden stämmer inte. Skriv in den sexsiffriga kod som appen visar nu.")}
        )
    device.last_t = step  # the same code cannot verify a second time
    device.full_clean()
    TOTPDevice.objects.filter(user=actor).delete()
    device.save()
    codes = _new_recovery_codes(actor)
    django_otp.login(request, device)
    request.session.pop("two_factor_enrolment_key", None)
    events.record_event(events.SECOND_FACTOR_ENROLLED, request=request, user=actor)
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, actor, request) -> list[str]:
    """Ten new recovery codes; the earlier ones stop working."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ValidationError(_("Slå på tvåfaktorsinloggning först."))
    codes = _new_recovery_codes(actor)
    events.record_event(
        events.SECOND_FACTOR_ENROLLED, request=request, user=actor, detail="reservkoder"
    )
    return codes


def second_factor_verify(*, request, token: str) -> bool:
    """Checks a code from the app or a recovery code (used up by this) against the user's
    devices; on success the session is verified. Every try is in the audit log."""
    user = request.user
    token = normalise_token(token)
    device = django_otp.match_token(user, token) if token else None
    if device is None:
        events.record_event(events.SECOND_FACTOR_FAILED, request=request, user=user)
        return False
    django_otp.login(request, device)
    detail = "reservkod" if isinstance(device, StaticDevice) else ""
    events.record_event(events.SECOND_FACTOR_VERIFIED, request=request, user=user, detail=detail)
    return True


@transaction.atomic
def two_factor_reset(*, actor, user, request=None) -> None:
    """An administrator removes another user's app and recovery codes (a lost phone). Where
    the factor is required, the user sets up a new app at the next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    events.record_event(
        events.SECOND_FACTOR_RESET,
        request=request,
        user=actor,
        obj=user,
        detail=f"för {user.get_username()}",
    )


def remove_devices_of_erased(person, actor) -> None:
    """portal.gdpr erasure step: an erased person's account keeps no authenticator key."""
    if person.user_id:
        TOTPDevice.objects.filter(user_id=person.user_id).delete()
        StaticDevice.objects.filter(user_id=person.user_id).delete()
