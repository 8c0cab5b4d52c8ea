"""The calendar page: a member creates their feed address, sees it, and revokes it."""

import pytest
from playwright.sync_api import expect

from calendars.models import CalendarToken
from groups.models import MembershipRole
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    login,
    screenshot,
)
from tests.governance.conftest import member
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.browser


def test_a_member_creates_sees_and_revokes_the_feed_address(page):
    rag = GroupFactory(name="RAG Barnonkologi och hematologi")
    person = member(rag, MembershipRole.CONVENER, username="sammankallande")
    login(page, person.user.username)

    page.get_by_role("link", name="Kalender").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prenumerera på dina möten")
    page.get_by_role("button", name="Skapa kalenderlänk").click()
    token = CalendarToken.objects.get(user=person.user, revoked_at__isnull=True)
    address = page.get_by_label("Adress att lägga till i kalendern")
    expect(address).to_have_value(f"{page.base_url}/kalender/flode/{token.token}.ics")
    expect(page.get_by_role("link", name="webcal RAG Barnonkologi och hematologi")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "calendar-1280", DESKTOP)
    screenshot(page, "calendar-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="Återkalla länken").click()
    expect(page.get_by_text("Kalenderlänken är återkallad")).to_be_visible()
    expect(page.get_by_text("Du har ingen kalenderlänk i bruk.")).to_be_visible()
    assert page.request.get(f"{page.base_url}/kalender/flode/{token.token}.ics").status == 404
