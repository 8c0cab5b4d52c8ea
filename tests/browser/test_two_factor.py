"""The second factor in a browser: an administrator without an app is taken to set one up
after the password, types the code, keeps the recovery codes; the next login asks for it."""

import base64

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.groups.factories import PASSWORD
from tests.two_factor import token_for, token_for_key, totp_device

pytestmark = pytest.mark.browser


def password_step(page, username: str) -> None:
    page.goto(f"{page.base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def look(page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, f"{name}-1280", DESKTOP)
    screenshot(page, f"{name}-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)


def test_enrolment_then_verification(page, admin_user):
    password_step(page, admin_user.username)
    expect(page).to_have_url(f"{page.base_url}/konto/tvafaktor/aktivera/?next=%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Slå på tvåfaktorsinloggning")
    expect(page.get_by_role("img", name="QR-kod för Samverkansportalen")).to_be_visible()
    look(page, "two-factor-enrol")

    page.get_by_label("Kod från appen").fill("000000")
    page.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_role("alert")).to_contain_text("Koden stämmer inte")
    assert_accessible(page)

    secret = page.locator("code.secret").inner_text().replace(" ", "")
    key_hex = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    page.get_by_label("Kod från appen").fill(token_for_key(key_hex))
    page.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina reservkoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    look(page, "two-factor-recovery-codes")

    page.get_by_role("link", name="Jag har sparat koderna – fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    page.get_by_role("button", name="Logga ut").click()

    password_step(page, admin_user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Andra steget i inloggningen")
    look(page, "two-factor-verify")
    page.get_by_label("Kod").fill(token_for(totp_device(admin_user)))
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    page.get_by_role("link", name="Mitt konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt konto")
    look(page, "two-factor-account")
