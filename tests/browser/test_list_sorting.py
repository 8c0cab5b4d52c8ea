"""Sorting the decision register in a browser: a header click sorts and says so (aria-sort),
a second click reverses, and at 390 px every row is a card with each field named."""

import datetime

import pytest
from playwright.sync_api import expect

from governance.services import decisions
from tests.browser.conftest import DESKTOP, MOBILE, assert_accessible, assert_fits_width, screenshot
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.browser

TITLES = ["Budget för 2025", "Cancervård i samverkan", "Avveckling av nätverket"]


def _record_register():
    body = GroupFactory(name="Regionala cancercentrum i samverkan")
    for n, title in enumerate(TITLES):
        decisions.decision_record(
            actor=None,
            body=body,
            title=title,
            clauses=["att godkänna förslaget enligt bilaga"],
            registry_number=f"RS 2024/{10 + n}",
            decision_date=datetime.date(2024, 3, 1 + n),
        )


def _titles(page) -> list[str]:
    return page.locator("tbody tr td:nth-child(3) a").all_inner_texts()


def test_a_header_click_sorts_the_register_and_phones_see_cards(admin_page):
    page = admin_page
    _record_register()
    page.goto(f"{page.base_url}/beslut/")
    header = page.get_by_role("columnheader", name="Ärende")
    expect(header).not_to_have_attribute("aria-sort", "ascending")
    header.get_by_role("link").click()
    expect(page).to_have_url(f"{page.base_url}/beslut/?sortera=arende")
    expect(page.get_by_role("columnheader", name="Ärende")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert _titles(page) == sorted(TITLES)
    page.get_by_role("columnheader", name="Ärende").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Ärende")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert _titles(page) == sorted(TITLES, reverse=True)
    assert_accessible(page)
    screenshot(page, "register-sorted-1280", DESKTOP)

    screenshot(page, "register-sorted-390", MOBILE)
    assert_fits_width(page)
    # A card: each cell shows its column's name before its value; the sortable headers stay
    # above the cards as a row of sort links.
    cell = page.locator("tbody tr").first.locator("td").nth(3)
    assert cell.evaluate("td => getComputedStyle(td).display") == "grid"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Diarienummer"'
    sort_link = page.locator("thead").get_by_role("link", name="Ärende")
    expect(sort_link).to_be_visible()
    box = sort_link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    expect(page.get_by_text("RS 2024/12")).to_be_visible()
    assert_accessible(page)
