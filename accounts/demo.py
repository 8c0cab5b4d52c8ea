"""The demo logins' authenticator app: one known key, printed with the logins, so a tester can
add it to an app and sign in. Only where the settings name the key (local and test settings);
production settings have none."""

import base64

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import TOTP_DEVICE_NAME


def demo_key_hex() -> str | None:
    secret = getattr(settings, "DEMO_TOTP_SECRET", "")
    return base64.b32decode(secret).hex() if secret else None


def ensure_demo_devices(usernames) -> list[str]:
    """A confirmed TOTP device with the demo key for each of these logins; lines to print."""
    key_hex = demo_key_hex()
    if key_hex is None:
        return ["Tvåfaktorsinloggning: ingen demonyckel i den här miljön."]
    users = get_user_model().objects.filter(username__in=usernames)
    existing = set(
        TOTPDevice.objects.filter(user__in=users, key=key_hex).values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk not in existing:
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key_hex)
    return [
        "Tvåfaktorsinloggning för demoinloggningarna (bara demo): lägg till nyckeln "
        f"{settings.DEMO_TOTP_SECRET} i en autentiseringsapp (TOTP, 6 siffror, 30 sekunder)."
    ]
