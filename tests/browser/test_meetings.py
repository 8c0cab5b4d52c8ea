"""The two journeys of the meetings issue, in a real browser."""

import datetime
import subprocess

import pytest
from playwright.sync_api import expect

from governance.models import Decision, MinutesStatus
from groups import services as group_services
from groups.models import GroupKind, MembershipRole
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    login,
    screenshot,
)
from tests.groups.factories import GroupFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.browser


def seat(group, role, username, first, last):
    user = UserFactory(username=username, first_name=first, last_name=last)
    person = PersonFactory(user=user, first_name=first, last_name=last)
    group_services.membership_start(
        actor=None, person=person, group=group, role=role, start_date=datetime.date(2020, 1, 1)
    )
    return person


# Every body cell of a table at phone width: inside the viewport, with its column's name shown
# before it (data-label), and nothing in the table scrolling sideways in its wrapper.
STACKED_CELLS = """(table) => {
    const width = document.documentElement.clientWidth;
    const wrapper = table.closest('.table-wrapper') || table;
    const cells = [...table.querySelectorAll('tbody td, tbody th')];
    const controls = [...table.querySelectorAll('tbody :is(select, input, button, a)')];
    const outside = [...cells, ...controls].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > width + 0.5);
    }).map((el) => el.outerHTML.slice(0, 80));
    const unlabelled = cells.filter((cell) => {
        const label = getComputedStyle(cell, '::before').content;
        return !label || label === 'none' || label === '""';
    }).map((el) => el.outerHTML.slice(0, 80));
    return {
        cells: cells.length,
        scroll: wrapper.scrollWidth - wrapper.clientWidth,
        outside: outside,
        unlabelled: unlabelled,
    };
}"""


def assert_stacked(table) -> None:
    """At 390 px the table is stacked cards: every field and control visible, none hidden
    behind a sideways scroll (issue 15: the agenda was 637 px, the attendance 795 px)."""
    found = table.evaluate(STACKED_CELLS)
    assert found["cells"] > 0
    assert found["scroll"] <= 0, f"the table scrolls {found['scroll']} px sideways"
    assert not found["outside"], found["outside"]
    assert not found["unlabelled"], found["unlabelled"]


def test_convener_runs_a_meeting_and_adjuster_approves(page):
    page.on("dialog", lambda dialog: dialog.accept())
    rag = GroupFactory(name="RAG Barnonkologi och hematologi")
    seat(rag, MembershipRole.CONVENER, "sammankallande", "Karin", "Sammankallande")
    seat(rag, MembershipRole.MEMBER, "justerare", "Jonas", "Justerare")
    seat(rag, MembershipRole.MEMBER, "ledamot", "Lena", "Ledamot")
    base = page.base_url

    login(page, "sammankallande")
    page.goto(f"{base}/grupper/{rag.pk}/")
    page.get_by_role("link", name="Planera möte").click()
    page.get_by_label("Rubrik").fill("Nätverksmöte")
    page.get_by_label("Börjar").fill("2025-11-05T13:00")
    page.get_by_label("Slutar").fill("2025-11-05T12:00")
    page.get_by_label("Plats").fill("Videomöte")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Mötet kan inte sluta innan det börjar.").first).to_be_visible()
    expect(page.get_by_label("Rubrik")).to_have_value("Nätverksmöte")
    page.get_by_label("Slutar").fill("2025-11-05T15:00")
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Dagordning 2025-11-05")
    for title in ("Mötets öppnande", "Regional rutin för uppföljning"):
        page.get_by_label("Rubrik").fill(title)
        page.get_by_role("button", name="Lägg till punkt").click()
        expect(page.get_by_role("row", name=title)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "meeting-agenda-1280", DESKTOP)
    screenshot(page, "meeting-agenda-390", MOBILE)
    assert_fits_width(page)
    assert_stacked(page.locator("table", has_text="Regional rutin för uppföljning"))
    # On the phone the row's buttons are there to press.
    page.get_by_role("button", name="Flytta ned punkt 1").click()
    expect(page.get_by_text("”Mötets öppnande” är nu punkt 2.")).to_be_visible()
    page.get_by_role("button", name="Flytta upp punkt 2").click()
    expect(page.get_by_text("”Mötets öppnande” är nu punkt 1.")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Klar – till mötet").click()

    page.get_by_role("link", name="Närvaro", exact=True).click()
    # Recorded on a phone: every select and field of the sheet is visible and usable.
    page.set_viewport_size(MOBILE)
    assert_fits_width(page)
    assert_stacked(page.locator("table", has_text="Lena Ledamot"))
    page.get_by_label("Närvaro för Karin Sammankallande").select_option("present")
    page.get_by_label("Närvaro för Jonas Justerare").select_option("present")
    page.get_by_label("Närvaro för Lena Ledamot").select_option("substituted")
    page.get_by_label("Ersättare för Lena Ledamot").fill("Erik Ersättare")
    screenshot(page, "meeting-attendance-390")
    page.get_by_role("button", name="Spara närvaro").click()
    attendance = page.get_by_role("region", name="Närvaro")
    expect(attendance.get_by_role("row", name="Lena Ledamot")).to_contain_text(
        "Ersatt av Erik Ersättare"
    )
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Protokollets uppgifter och justerare").click()
    page.get_by_label("Jonas Justerare").check()
    page.get_by_label("Plats för justering").fill("Digitalt")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Skriv anteckning till punkt 2").click()
    page.get_by_label("Anteckning").fill("Utkastet till rutin presenterades och diskuterades.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_role("link", name="Registrera beslut under punkt 2").click()
    expect(page.get_by_label("Ärende", exact=True)).to_have_value("Regional rutin för uppföljning")
    page.get_by_label("Beslutssatser").fill("fastställa den regionala rutinen")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("att fastställa den regionala rutinen").first).to_be_visible()
    page.get_by_role("link", name="Nätverksmöte 2025-11-05").click()
    page.get_by_role("button", name="Lämna för justering").click()
    expect(page.get_by_text("Protokollet är lämnat för justering.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "meeting-submitted-1280", DESKTOP)
    screenshot(page, "meeting-submitted-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)
    meeting_url = page.url

    page.get_by_role("button", name="Logga ut").click()
    login(page, "justerare")
    page.goto(meeting_url)
    page.get_by_role("link", name="Justera protokollet").click()
    assert_accessible(page)
    screenshot(page, "minutes-approve-1280", DESKTOP)
    page.get_by_role("button", name="Jag justerar protokollet").click()
    expect(page.get_by_text("väntar på fler justerare")).to_be_visible()

    page.get_by_role("button", name="Logga ut").click()
    login(page, "sammankallande")
    page.goto(meeting_url)
    page.get_by_role("link", name="Justera protokollet").click()
    page.get_by_role("button", name="Jag justerar protokollet").click()
    expect(page.get_by_text("Protokollet är justerat och därmed låst.")).to_be_visible()
    expect(page.get_by_role("link", name="Skriv anteckning till punkt 2")).to_have_count(0)
    decision = Decision.objects.get()
    assert decision.meeting.minutes.status == MinutesStatus.APPROVED

    # Editing is refused, and what was typed stays.
    item = decision.agenda_item
    page.goto(f"{base}/moten/{decision.meeting_id}/protokoll/punkt/{item.pk}/")
    page.get_by_label("Anteckning").fill("En tyst ändring")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Protokollet är justerat och kan inte ändras")
    expect(page.get_by_label("Anteckning")).to_have_value("En tyst ändring")
    page.goto(meeting_url)
    expect(page.get_by_text("Utkastet till rutin presenterades")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "meeting-approved-1280", DESKTOP)
    screenshot(page, "meeting-approved-390", MOBILE)
    assert_fits_width(page)
    tables = page.locator("table.stack-table")
    expect(tables).to_have_count(3)  # attendance, approvals, history
    for table in tables.all():
        assert_stacked(table)


def test_secretary_records_decision_and_downloads_extract(page, tmp_path):
    board = GroupFactory(
        name="Regionstyrelsen Region Jämtland Härjedalen", kind=GroupKind.COMMITTEE
    )
    seat(board, MembershipRole.SECRETARY, "sekreterare", "Ingela", "Sekreterare")
    login(page, "sekreterare")
    page.goto(f"{page.base_url}/beslut/")
    page.get_by_role("link", name="Registrera beslut").click()
    page.get_by_label("Beslutande organ").select_option(label=board.choice_label)
    page.get_by_label("Ärende", exact=True).fill(
        "Resultatförbättrande åtgärder 2018-2020 – laboratoriemedicin"
    )
    page.get_by_label("Diarienummer").fill("RS-1009")
    page.get_by_label("Beslutsdatum").fill("2018-10-09")
    page.get_by_label("Ärendebeskrivning").fill("Samverkan inom laboratorieområdet startade 2011.")
    page.get_by_label("Beslutssatser").fill("godkänna rapporten\natt uppdraget fortsätter")
    page.get_by_label("Utdrag till").fill("Chef Område teknik, diagnostik och service")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("fyrsiffrigt år").first).to_be_visible()
    expect(page.get_by_label("Beslutssatser")).to_have_value(
        "godkänna rapporten\natt uppdraget fortsätter"
    )
    page.get_by_label("Diarienummer").fill("RS/1009/2017")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Beslutet är registrerat som § 1.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "decision-detail-1280", DESKTOP)
    screenshot(page, "decision-detail-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Protokollsutdrag (PDF)").click()
    path = tmp_path / "utdrag.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "§ 1",
        "RS/1009/2017",
        "att godkänna rapporten",
        "att uppdraget fortsätter",
        "Utdrag till",
        "Chef Område teknik, diagnostik och service",
    ):
        assert expected in text, expected

    page.goto(f"{page.base_url}/beslut/")
    expect(page.get_by_role("link", name="Resultatförbättrande åtgärder")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "decision-register-1280", DESKTOP)


def test_agenda_items_are_dragged_or_moved_with_buttons_into_a_new_order(page):
    from governance.services import meetings as meeting_services
    from tests.governance.factories import MeetingFactory

    rag = GroupFactory(name="RAG Ordning")
    seat(rag, MembershipRole.CONVENER, "sammankallande", "Karin", "Sammankallande")
    meeting = MeetingFactory(group=rag)
    for title in ("Öppnande", "Rapport", "Övriga frågor"):
        meeting_services.agenda_item_add(actor=None, meeting=meeting, title=title)
    login(page, "sammankallande")
    page.goto(f"{page.base_url}/moten/{meeting.pk}/dagordning/")
    rows = page.locator("tbody[data-agenda-reorder] tr")
    expect(rows.first).to_have_attribute("draggable", "true")  # the script is running

    rows.nth(2).drag_to(rows.nth(0))
    expect(page.get_by_text("”Övriga frågor” är nu punkt 1.")).to_be_visible()
    expect(rows.nth(0)).to_contain_text("Övriga frågor")
    expect(rows.nth(1)).to_contain_text("Öppnande")

    # The keyboard way: the buttons, which work without the script too.
    page.get_by_role("button", name="Flytta ned punkt 2").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("”Öppnande” är nu punkt 3.")).to_be_visible()
    expect(rows.nth(2)).to_contain_text("Öppnande")
    assert_accessible(page)


def test_a_roll_call_and_its_meeting_read_as_cards_on_a_phone(page):
    """Issue 15 on the pages of a decided committee meeting: the meeting's tables, the
    decision's roll call and the proceedings' propositionsordning are stacked cards at 390 px,
    every field and control visible, nothing scrolling sideways."""
    from tests.governance.test_queries import voted_meeting

    meeting, (decision,) = voted_meeting(members=3, items=1)
    seat(meeting.group, MembershipRole.CONVENER, "sammankallande", "Karin", "Sammankallande")
    login(page, "sammankallande")
    page.set_viewport_size(MOBILE)
    for url, name, count in (
        (meeting.get_absolute_url(), "meeting-voted-390", 2),  # attendance, history
        (decision.get_absolute_url(), "decision-voted-390", 2),  # the roll call, history
        (f"{decision.get_absolute_url()}handlaggning/", "decision-proceedings-390", 1),
    ):
        page.goto(f"{page.base_url}{url}")
        tables = page.locator("table.stack-table")
        expect(tables.first).to_be_visible()
        assert tables.count() >= count, (url, tables.count())
        assert_fits_width(page)
        for table in tables.all():
            assert_stacked(table)
        screenshot(page, name)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{page.base_url}{decision.get_absolute_url()}")
    expect(page.get_by_role("table", name="Röster i voteringen")).to_be_visible()
    screenshot(page, "decision-voted-1280")
