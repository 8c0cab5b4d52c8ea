"""The organisation lists in a browser: the group list sorted by a header and read as cards on
a phone, and the budget table's row labels staying in view while its years scroll."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.finance.factories import sized_budget
from tests.groups.factories import GroupFactory, MembershipFactory, RegionFactory

pytestmark = pytest.mark.browser


def test_the_group_list_sorts_by_a_header_and_is_cards_on_a_phone(admin_page):
    page = admin_page
    small = GroupFactory(name="Arbetsgrupp Liten")
    large = GroupFactory(name="Arbetsgrupp Stor", healthcare_region=small.healthcare_region)
    region = RegionFactory(healthcare_region=small.healthcare_region)
    for _ in range(3):
        MembershipFactory(group=large, region=region)
    page.goto(f"{page.base_url}/grupper/")
    first = page.locator("table.stack-table tbody tr").first
    expect(first).to_contain_text("Arbetsgrupp Liten")
    page.get_by_role("link", name="Medlemmar (sortera)").click()
    expect(page).to_have_url(f"{page.base_url}/grupper/?sortera=-medlemmar")
    expect(first).to_contain_text("Arbetsgrupp Stor")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Medlemmar")
    assert_accessible(page)
    screenshot(page, "group-list-sorted-1280", DESKTOP)
    page.set_viewport_size(MOBILE)
    # A card per group: every field on its own line under its column's name, nothing hidden
    # to the right.
    members = first.locator('td[data-label="Medlemmar"]')
    label = members.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Medlemmar"'
    box = members.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    # The sortable headers stay above the cards as sort links; the others are named per card.
    expect(page.locator("table.stack-table thead").get_by_role("link", name="Namn")).to_be_visible()
    assert_fits_width(page)
    screenshot(page, "group-list-sorted-390", MOBILE)


def test_the_budget_tables_row_labels_stay_in_view_while_the_years_scroll(admin_page):
    page = admin_page
    budget = sized_budget(lines=4, years=10)
    page.goto(f"{page.base_url}{budget.get_absolute_url()}")
    for viewport, name in ((MOBILE, "budget-sticky-390"), (DESKTOP, "budget-sticky-1280")):
        page.set_viewport_size(viewport)
        wrapper = page.locator(".table-wrapper").filter(has=page.locator("#budget-table"))
        label = page.locator("#budget-table tbody th[scope=row]").first
        expect(label).to_be_visible()
        label.scroll_into_view_if_needed()
        wrapper.evaluate("element => { element.scrollLeft = 0; }")
        before = label.bounding_box()
        wrapper.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
        scrolled = wrapper.evaluate("element => element.scrollLeft")
        after = label.bounding_box()
        edge = wrapper.bounding_box()
        if viewport is MOBILE:
            assert scrolled > 0, "ten years should not fit on a phone"
        # The label has not moved with the figures: it is still at the wrapper's left edge.
        assert after["x"] == pytest.approx(before["x"], abs=1)
        assert after["x"] >= edge["x"] - 1
        # And it is on top: the element at its centre is the label, not a figure beneath.
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('th')?.scope",
            [after["x"] + after["width"] / 2, after["y"] + 10],
        )
        assert on_top == "row"
        screenshot(page, name, viewport)
    assert_fits_width(page)
