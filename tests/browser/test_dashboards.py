"""Each demo login's dashboard, on the demo data, as a browser shows it: accessible and
readable at 1280 and 390 px."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    login,
    screenshot,
)
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ROLE_HEADINGS = {
    "admin": "Som administratör",
    "sammankallande": "Som sammankallande",
    "sekreterare": "Som sekreterare",
    "justerare": "Dina möten och justeringar",
}


def test_each_role_sees_its_own_work_on_the_demo(page):
    call_command("sync_group_permissions", stdout=io.StringIO())
    call_command("load_demo", verbosity=0)
    call_command("ensure_demo_admin", stdout=io.StringIO())
    for username, heading in ROLE_HEADINGS.items():
        page.context.clear_cookies()
        login(page, username, DEMO_PASSWORD)
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
        assert_accessible(page)
        screenshot(page, f"dashboard-{username}-1280", DESKTOP)
        screenshot(page, f"dashboard-{username}-390", MOBILE)
        assert_fits_width(page)
        page.set_viewport_size(DESKTOP)
    # The adjuster's dashboard leads straight to the approval.
    page.get_by_role("link", name="Justera: Södra Regionvårdsnämnden, möte 2020-02-14").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Justera")
