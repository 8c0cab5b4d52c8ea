"""The public register in a browser, logged out: search, filter, follow a decision, see the
withheld attachment's ground and the masked personnummer; accessible at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.public.records import MASK, PERSONNUMMER, SECRET_TITLE, WITHHELD, public_record

pytestmark = pytest.mark.browser


def _check(page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, f"{name}-1280", DESKTOP)
    screenshot(page, f"{name}-390", MOBILE)
    assert_fits_width(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)


def test_public_register_logged_out(page):
    record = public_record()
    page.goto(f"{page.base_url}/konto/logga-in/")
    page.get_by_role("link", name="Offentliga handlingar").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offentliga handlingar")
    _check(page, "public-register")

    page.get_by_role("textbox", name="Sök").fill("laboratorie")
    page.get_by_role("button", name="Sök").click()
    page.get_by_role("link", name="Rapport om laboratoriesamverkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport om laboratoriesamverkan")
    body = page.locator("main")
    expect(body).to_contain_text(WITHHELD)
    expect(body).to_contain_text(MASK)
    expect(body).not_to_contain_text(SECRET_TITLE)
    expect(body).not_to_contain_text(PERSONNUMMER)
    _check(page, "public-decision")

    page.get_by_role("link", name="Protokoll från sammanträdet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protokoll 2025-03-04")
    expect(page.locator("main")).to_contain_text("Sekretessbelagd enligt OSL 21 kap. 1 §")
    _check(page, "public-minutes")

    page.goto(f"{page.base_url}/offentligt/uppdrag/{record['commission'].pk}/")
    _check(page, "public-commission")

    page.goto(f"{page.base_url}/offentligt/?year=tjugo&kind=uppdrag")
    expect(page.locator("main")).to_contain_text("Välj ett år i listan.")
    _check(page, "public-register-error")
