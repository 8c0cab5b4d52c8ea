"""The notice board as a visitor who is not logged in: from the login page to the notices,
their dates (three weeks from the posting day, to the next weekday), the archive, axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups import services as group_services
from groups.models import GroupKind
from noticeboard.appeal import appeal_last_day
from tests.browser.conftest import DESKTOP, MOBILE, assert_accessible, assert_fits_width, screenshot
from tests.groups.factories import GroupFactory
from tests.noticeboard.conftest import approved_protocol
from tests.noticeboard.test_board import long_date

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_notice_board_and_its_archive(page):
    committee = GroupFactory(name="Södra Regionvårdsnämnden", kind=GroupKind.COMMITTEE)
    group_services.group_update(
        actor=None, group=committee, minutes_kept_at="Södra Regionvårdsnämndens kansli, Lund"
    )
    today = timezone.localdate()
    # Posted on the latest Saturday: three weeks on is a Saturday too, so the notice stays up
    # to the Monday after (or later, past a holiday).
    saturday = today - datetime.timedelta(days=(today.weekday() - 5) % 7)
    posted_days_ago = (today - saturday).days
    approved_protocol(
        committee, held=posted_days_ago + 5, approved=posted_days_ago, announced=posted_days_ago
    )
    approved_protocol(committee, held=70, approved=64, announced=63)
    down_on = appeal_last_day(saturday)
    assert (saturday + datetime.timedelta(weeks=3)).weekday() == 5 and down_on.weekday() < 5

    page.goto(f"{page.base_url}/konto/logga-in/")
    page.get_by_role("link", name="Anslagstavla med justerade protokoll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anslagstavla")
    notices = page.locator("article.notice")
    expect(notices).to_have_count(1)
    notice = notices.first
    expect(notice.get_by_role("heading")).to_have_text(
        "Justerat protokoll: Södra Regionvårdsnämnden"
    )
    facts = notice.locator("dl")
    expect(facts).to_contain_text(
        f"Sammanträdesdatum{long_date(saturday - datetime.timedelta(days=5))}"
    )
    expect(facts).to_contain_text(f"Datum för justering{long_date(saturday)}")
    expect(facts).to_contain_text(f"Anslaget{long_date(saturday)}")
    expect(facts).to_contain_text(f"Tas ned{long_date(down_on)} (sista dag att överklaga)")
    expect(facts).to_contain_text("Protokollet förvarasSödra Regionvårdsnämndens kansli, Lund")
    assert_accessible(page)
    screenshot(page, "noticeboard-1280", DESKTOP)
    screenshot(page, "noticeboard-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Arkiv").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anslagstavlans arkiv")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    posted = today - datetime.timedelta(days=63)
    expect(rows.first).to_contain_text(posted.isoformat())
    expect(rows.first).to_contain_text(appeal_last_day(posted).isoformat())
    assert_accessible(page)
    screenshot(page, "noticeboard-archive-1280", DESKTOP)
    screenshot(page, "noticeboard-archive-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    rows.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tillkännagivande om justerat protokoll"
    )
    assert_accessible(page)
    expect(page.get_by_role("contentinfo").get_by_role("link", name="Anslagstavla")).to_be_visible()
