"""The past views in a browser: a date chosen on the group, commission and decision pages shows
them as recorded then, with a banner; a day before the history is refused in Swedish. Checked
with axe at 1280 and 390 px (screenshots in var/screenshots/)."""

import datetime

import pytest
from playwright.sync_api import expect

from governance.models import DecisionClause
from groups.models import MembershipRole
from tests.browser.conftest import DESKTOP, MOBILE, assert_accessible, assert_fits_width, screenshot
from tests.governance.factories import CommissionFactory, CommissionSectionFactory, DecisionFactory
from tests.groups.factories import GroupFactory, MembershipFactory, PersonFactory, RegionFactory
from tests.helpers import recorded_on

pytestmark = pytest.mark.browser


@pytest.fixture
def history():
    with recorded_on("2024-01-10"):
        group = GroupFactory(name="RAG Barnonkologi och hematologi")
        region = RegionFactory(name="Region Kalmar län", healthcare_region=group.healthcare_region)
        seat = MembershipFactory(
            person=PersonFactory(first_name="Cecilia", last_name="Provström"),
            group=group,
            region=region,
            start_date=datetime.date(2024, 1, 1),
        )
        commission = CommissionFactory(
            title="Regional arbetsgrupp Barnonkologi", commissioner=group
        )
        CommissionSectionFactory(
            commission=commission, position=1, heading="Syfte", body="Samla kunskap."
        )
        decision = DecisionFactory(title="Processledarstöd", body=group)
        DecisionClause.objects.create(decision=decision, position=1, text="att bevilja stödet")
    with recorded_on("2025-06-01"):
        seat.role = MembershipRole.CONVENER
        seat.save()
        group.name = "RAG Barncancer"
        group.save()
    return group, commission, decision


def choose_day(page, day: str):
    page.get_by_label("Visa som den var den").fill(day)
    page.get_by_role("button", name="Visa", exact=True).click()
    page.wait_for_load_state()


def check_both_widths(page, name: str):
    assert_accessible(page)
    screenshot(page, f"{name}-1280", DESKTOP)
    page.set_viewport_size(MOBILE)
    assert_fits_width(page)
    assert_accessible(page)
    screenshot(page, f"{name}-390", MOBILE)
    page.set_viewport_size(DESKTOP)


def test_a_group_as_it_was(admin_page, history):
    group, _, _ = history
    page = admin_page
    page.goto(f"{page.base_url}{group.get_absolute_url()}")
    choose_day(page, "2024-03-01")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "RAG Barnonkologi och hematologi den 1 mars 2024"
    )
    expect(page.locator("#as-of-banner")).to_contain_text("Så här såg det ut den 1 mars 2024")
    expect(page.get_by_role("table")).to_contain_text("Cecilia Provström")
    expect(page.get_by_role("table")).to_contain_text("Ledamot")
    check_both_widths(page, "time-travel-group")

    choose_day(page, "2023-12-31")
    expect(page.get_by_role("alert")).to_contain_text("historiken börjar 10 januari 2024")
    expect(page.locator("#as-of-banner")).to_have_count(0)
    check_both_widths(page, "time-travel-group-refused")


def test_a_commission_and_a_decision_as_they_were(admin_page, history):
    _, commission, decision = history
    page = admin_page
    for obj, name, text in (
        (commission, "commission", "Samla kunskap."),
        (decision, "decision", "att bevilja stödet"),
    ):
        page.goto(f"{page.base_url}{obj.get_absolute_url()}")
        choose_day(page, "2024-02-01")
        expect(page.locator("#as-of-banner")).to_contain_text("1 februari 2024")
        expect(page.locator("main")).to_contain_text(text)
        check_both_widths(page, f"time-travel-{name}")
