"""Playwright against Debian's Chromium (never `playwright install`: it downloads browsers)."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django must allow ORM calls here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright

from accounts.access import second_factor_required
from tests.groups.factories import PASSWORD
from tests.two_factor import token_for, totp_device

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Chromium saknas: kör `make test`, som installerar Debians chromium.")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()
    # Playwright's thread held its own connection; close it so the test database can be dropped.
    connections.close_all()


def screenshot(page, name: str, viewport: dict | None = None) -> Path:
    """Save a full-page screenshot under var/screenshots/ (looked at by people, not asserted)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    if viewport:
        page.set_viewport_size(viewport)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, username: str, password: str = PASSWORD) -> None:
    """Password, then the code from the user's authenticator app when the factor is needed
    (a user who must use it gets an app set up first, as if enrolled earlier)."""
    user = get_user_model().objects.filter(username=username).first()
    if user is not None and second_factor_required(user):
        totp_device(user)
    page.goto(f"{page.base_url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    if "/konto/tvafaktor/verifiera/" in page.url:
        page.get_by_label("Kod").fill(token_for(totp_device(user)))
        page.get_by_role("button", name="Fortsätt").click()
        page.wait_for_load_state()


@pytest.fixture
def admin_page(page, admin_user):
    login(page, admin_user.username)
    return page


def assert_fits_width(page) -> None:
    """Nothing makes the page scroll sideways (wide tables scroll inside their wrapper)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the viewport"


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )
    assert not violations, f"{page.url} has WCAG violations:\n{report}"
