"""A clean way through the second factor for tests, doing what a person does.

`token_for(device)` is the code an authenticator app shows (computed from the device's key
with django_otp.oath, at a time step the device has not accepted yet). `login_through_form`
signs in with the password and then the code, like a person. `verify_session` is what a real
verification does (django_otp.login into the session); tests/conftest.py applies it after
every `Client.force_login` of a user who needs the factor.
"""

from types import SimpleNamespace

import django_otp
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.session import REQUIRED_KEY


def totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)


def token_for(device: TOTPDevice) -> str:
    """The app's code at the earliest time step within the tolerance not yet used (a second
    login within 30 seconds would otherwise replay the same code and be refused)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    for offset in range(-device.tolerance, device.tolerance + 1):
        if now + offset > device.last_t:
            totp.drift = device.drift + offset
            return f"{totp.token():0{device.digits}d}"
    raise AssertionError("every code within the tolerance is used; wait for the next step")


def token_for_key(key_hex: str) -> str:
    """What an app set up with this key shows now (enrolment, before any device exists)."""
    device = TOTPDevice(key=key_hex)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify_session(client, user) -> None:
    session = client.session
    if not session.get(REQUIRED_KEY):
        return
    django_otp.login(SimpleNamespace(user=user, session=session), totp_device(user))
    session.save()


def login_through_form(client, username: str, password: str):
    """Password, then (when the user needs it) the code from the app; the last response."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    if response.status_code != 302 or not client.session.get(REQUIRED_KEY):
        return response
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return client.post(reverse("accounts:verify"), {"token": token_for(device)})
