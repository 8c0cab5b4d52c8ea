"""The demo's known authenticator key exists only where the settings name it."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import ensure_demo_devices
from tests.groups.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_without_a_demo_key_no_device_with_a_known_key_is_made(settings):
    UserFactory(username="admin")
    settings.DEMO_TOTP_SECRET = ""
    assert ensure_demo_devices(["admin"]) == [
        "Tvåfaktorsinloggning: ingen demonyckel i den här miljön."
    ]
    assert not TOTPDevice.objects.exists()


def test_production_settings_name_no_demo_key():
    from pathlib import Path

    from portal.settings import base

    assert not hasattr(base, "DEMO_TOTP_SECRET")  # production starts from base
    production = Path(base.__file__).with_name("production.py").read_text(encoding="utf-8")
    assert "DEMO_TOTP_SECRET" not in production


def test_the_demo_key_is_given_once(settings):
    user = UserFactory(username="admin")
    ensure_demo_devices(["admin"])
    first = TOTPDevice.objects.get(user=user)
    ensure_demo_devices(["admin"])
    assert TOTPDevice.objects.get(user=user).pk == first.pk
