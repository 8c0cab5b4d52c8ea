"""What the second factor's pages show. A fixed number of queries."""

import base64
import binascii
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import is_secretary
from portal.access import is_administrator


@dataclass(frozen=True)
class TwoFactorStatus:
    enabled: bool
    required: bool
    recovery_codes_left: int


def two_factor_status(user) -> TwoFactorStatus:
    return TwoFactorStatus(
        enabled=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        required=is_administrator(user) or is_secretary(user),
        recovery_codes_left=StaticToken.objects.filter(device__user=user).count(),
    )


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class Enrolment:
    secret_parts: list[str]  # base32 in groups of four, for typing into the app
    qr_svg: SafeString
    otpauth_url: str


def enrolment(user, key_hex: str) -> Enrolment:
    device = TOTPDevice(user=user, key=key_hex, name="")
    url = device.config_url
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # The SVG is built here from our own URL (no user input): safe to put in the page.
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-title" class="qr-code" ', 1)
    svg = svg.replace(">", f'><title id="qr-title">{_qr_title()}</title>', 1)
    secret = base64.b32encode(binascii.unhexlify(key_hex)).decode().rstrip("=")
    parts = [secret[i : i + 4] for i in range(0, len(secret), 4)]
    return Enrolment(secret_parts=parts, qr_svg=mark_safe(svg), otpauth_url=url)


def _qr_title() -> str:
    return gettext("QR-kod för %(issuer)s") % {"issuer": settings.OTP_TOTP_ISSUER}
