"""The three users' days on the demo data, end to end: the administrator sets up a RAG and its
commission, the convener runs a meeting that the adjuster approves, the secretary records a
committee decision and finds it again. Each journey runs twice: with the mouse at 1280 px and
with the keyboard alone at 390 px; axe checks every page on the way, error states included."""

import datetime
import io
import re
import subprocess
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils.text import slugify
from playwright.sync_api import expect

from governance.demo.commissions import SEED_002_SECTIONS
from portal.views.pages import HELP_PAGES
from tests.browser.journeys import Hands, help_screenshot, look, viewport_for
from tests.conftest import DEMO_PASSWORD
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.browser

MODES = [pytest.param(False, id="mouse"), pytest.param(True, id="keyboard")]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def demo(page):
    call_command("sync_group_permissions", stdout=io.StringIO())
    call_command("load_demo", verbosity=0)
    call_command("ensure_demo_admin", stdout=io.StringIO())
    page.on("dialog", lambda dialog: dialog.accept())  # "Lämna för justering?" and the like
    return page


def start(page, keyboard: bool) -> Hands:
    page.set_viewport_size(viewport_for(keyboard))
    return Hands(page, keyboard=keyboard)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.:])\s|\n", text.strip(), maxsplit=1)[0]


def main_menu(page, name: str):
    return page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name=name)


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def download(page, hands: Hands, link, tmp_path, name: str):
    with page.expect_download() as info:
        hands.press(link, navigates=False)
    path = tmp_path / name
    info.value.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    return info.value.suggested_filename, path


@pytest.mark.parametrize("keyboard", MODES)
def test_administrator_sets_up_a_rag_with_members_and_its_commission(demo, keyboard, tmp_path):
    page = demo
    hands = start(page, keyboard)
    name = "RAG Barnkirurgi" + (" (tangentbord)" if keyboard else "")
    hands.login("admin", DEMO_PASSWORD)

    hands.press(main_menu(page, "Grupper"))
    hands.press(page.get_by_role("link", name="Ny grupp"))
    hands.press(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("alert")).to_contain_text("Namn: Detta fält måste fyllas i.")
    look(page, "admin-group-form-errors", keyboard=keyboard)
    hands.fill(page.get_by_label("Namn"), name)
    hands.select(page.get_by_label("Typ", exact=True), "Regional arbetsgrupp (RAG)")
    hands.select(page.get_by_label("Sjukvårdsregion", exact=True), "Sydöstra sjukvårdsregionen")
    hands.select(page.get_by_label("Överordnad grupp"), "RPO Barn och ungdomars hälsa (Sydöstra)")
    hands.select(page.get_by_label("Status"), "Aktiv")
    hands.fill_date(page.get_by_label("Startdatum"), "2026-12-01")
    hands.press(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    hands.press(page.get_by_role("link", name="Lägg till medlem"))
    hands.press(page.get_by_role("button", name="Spara", exact=True))
    expect(page.get_by_role("alert")).to_be_visible()
    look(page, "admin-member-form-errors", keyboard=keyboard)
    members = [
        ("Region Jönköpings län", "Sammankallande", "Hanna", "Lind"),
        ("Region Kalmar län", "Ledamot", "Omar", "Nilsson"),
        ("Region Östergötland", "Ledamot", "Maja", "Ek"),
    ]
    for position, (region, role, first, last) in enumerate(members):
        hands.fill(page.get_by_label("Förnamn"), first)
        hands.fill(page.get_by_label("Efternamn"), last + ("k" if keyboard else ""))
        hands.fill(page.get_by_label("E-post"), f"{first}.{last}.{int(keyboard)}@exempel.se")
        hands.select(page.get_by_label("Roll"), role)
        hands.select(page.get_by_label("Företräder region"), region)
        hands.fill_date(page.get_by_label("Från", exact=True), "2026-12-01")
        last_one = position == len(members) - 1
        button = "Spara" if last_one else "Spara och lägg till fler"
        hands.press(page.get_by_role("button", name=button, exact=True))
        if not last_one:
            expect(page.get_by_label("Förnamn")).to_have_value("")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    for region, role, first, last in members:
        expect(page.get_by_role("rowheader", name=region)).to_be_visible()
        expect(page.get_by_role("row", name=re.compile(f"^{first} {last}"))).to_contain_text(role)
    look(page, "admin-group", keyboard=keyboard)
    if not keyboard:
        help_screenshot(
            page,
            "administrator-grupp",
            page.get_by_role("heading", level=1),
            until=page.get_by_role("link", name="Nytt uppdrag till gruppen"),
        )

    hands.press(page.get_by_role("link", name="Nytt uppdrag till gruppen"))
    hands.check(page.get_by_label("Permanent grupp (RAG)"))
    hands.press(page.get_by_role("button", name="Skapa utkast"))
    expect(page.locator("#id_title_error")).to_contain_text("Detta fält måste fyllas i.")
    look(page, "admin-commission-new-errors", keyboard=keyboard)
    title = f"Regional arbetsgrupp Barnkirurgi i Sydöstra sjukvårdsregionen{' (tb)' * keyboard}"
    hands.fill(page.get_by_label("Titel (projektnamn)"), title)
    hands.select(page.get_by_label("Typ av uppdrag"), "Permanent grupp")
    hands.fill(page.get_by_label("Diarienummer"), "SN 2026/41")
    hands.fill_date(page.get_by_label("Period från"), "2027-01-01")
    hands.press(page.get_by_role("button", name="Skapa utkast"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ändra")

    # The seed's texts go under the template's headings (the keyboard types the first
    # sentence of each, to keep the run short; the mouse pastes it whole).
    texts = dict(SEED_002_SECTIONS)
    written = []
    for number in range(1, page.locator("li.section-form").count() + 1):
        section = page.locator(f"#avsnitt-{number}")
        heading = section.get_by_label("Rubrik").input_value()
        if heading not in texts:
            continue
        body = first_sentence(texts[heading]) if keyboard else texts[heading]
        hands.fill(section.get_by_label("Text"), body)
        written.append((heading, body))
    assert len(written) >= 8
    look(page, "admin-commission-edit", keyboard=keyboard)
    if not keyboard:
        help_screenshot(page, "administrator-uppdrag-avsnitt", page.locator("#avsnitt-2"))
    hands.press(page.get_by_role("button", name="Spara", exact=True).last)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    hands.press(page.get_by_role("link", name="Besluta uppdraget"))
    look(page, "admin-commission-decide", keyboard=keyboard)
    hands.fill_date(page.get_by_label("Datum"), "2026-12-01")
    hands.press(page.get_by_role("button", name=re.compile("Bekräfta")))
    expect(page.get_by_text("Uppdraget har nu status ”Beslutat (pågår)”.")).to_be_visible()
    look(page, "admin-commission-decided", keyboard=keyboard)
    if not keyboard:
        help_screenshot(page, "administrator-uppdrag-beslutat")

    filename, path = download(
        page, hands, page.get_by_role("link", name="Ladda ner PDF"), tmp_path, "uppdrag.pdf"
    )
    assert re.fullmatch(r"uppdrag-\d+-regional-arbetsgrupp-barnkirurgi[a-z-]*\.pdf", filename)
    text = pdf_text(path)
    assert title in text and "SN 2026/41" in text
    for heading, body in written:
        assert heading in text
        first_line = re.sub(r"[*#_]|^- ", "", body.split("\n")[0])
        assert re.sub(r"\s+", " ", first_line).strip()[:60] in text

    # The help, with its pictures, for each role.
    hands.press(page.get_by_role("banner").get_by_role("link", name="Hjälp"))
    for role in HELP_PAGES.values():
        hands.press(page.get_by_role("main").get_by_role("link", name=str(role), exact=True))
        expect(page.locator("figure.help-figure img").first).to_be_visible()
        look(page, f"help-{slugify(str(role))}", keyboard=keyboard)


@pytest.mark.parametrize("keyboard", MODES)
def test_convener_runs_the_coming_meeting_and_the_adjuster_approves(demo, keyboard):
    page = demo
    hands = start(page, keyboard)
    # The demo's coming meeting of RAG Barnonkologi och hematologi is 2027-02-10 13:00: the
    # convener prepares it that morning and writes the notes during the meeting.
    morning = datetime.datetime(2027, 2, 10, 12, 30, tzinfo=STOCKHOLM)
    with time_machine.travel(morning, tick=True) as traveller:
        hands.login("sammankallande", DEMO_PASSWORD)
        prepare = page.get_by_role("region", name="Möten att förbereda")
        expect(prepare).to_contain_text("2027-02-10 13:00 · Videomöte")
        look(page, "convener-dashboard", keyboard=keyboard)
        if not keyboard:
            help_screenshot(page, "sammankallande-startsida", prepare)
        hands.press(prepare.get_by_role("link", name="RAG Barnonkologi och hematologi"))

        expect(page.get_by_role("heading", level=1)).to_contain_text("Dagordning 2027-02-10")
        hands.press(page.get_by_role("button", name="Lägg till punkt"))
        expect(page.get_by_role("alert")).to_be_visible()
        look(page, "convener-agenda-errors", keyboard=keyboard)
        item = "Vårdprogram för barn med leukemi" + (" (tb)" if keyboard else "")
        hands.fill(page.get_by_label("Rubrik"), item)
        hands.press(page.get_by_role("button", name="Lägg till punkt"))
        expect(page.get_by_role("row", name=item)).to_be_visible()
        look(page, "convener-agenda", keyboard=keyboard)
        if not keyboard:
            help_screenshot(page, "sammankallande-dagordning", page.locator("main"))
        hands.press(page.get_by_role("link", name="Klar – till mötet"))

        hands.press(page.get_by_role("link", name="Närvaro", exact=True))
        look(page, "convener-attendance", keyboard=keyboard)
        for person in ("Per Demosson", "Rut Demosson", "Sven Demosson"):
            hands.select(page.get_by_label(f"Närvaro för {person}"), "Närvarande")
        hands.press(page.get_by_role("button", name="Spara närvaro"))
        attendance = page.get_by_role("region", name="Närvaro")
        expect(attendance.get_by_role("row", name="Sven Demosson")).to_contain_text("Närvarande")

        # 13:15: the meeting has begun; the notes are written as it goes on.
        traveller.move_to(morning + datetime.timedelta(minutes=45))
        hands.press(page.get_by_role("link", name="Protokollets uppgifter och justerare"))
        hands.check(page.get_by_label("Sven Demosson"))
        hands.fill(page.get_by_label("Plats för justering"), "Digitalt")
        hands.press(page.get_by_role("button", name="Spara", exact=True))
        hands.press(page.get_by_role("link", name="Skriv anteckning till punkt 4"))
        note = "Utkastet till vårdprogram presenterades och diskuterades."
        hands.fill(page.get_by_label("Anteckning"), note)
        hands.press(page.get_by_role("button", name="Spara", exact=True))
        hands.press(page.get_by_role("link", name="Registrera beslut under punkt 4"))
        expect(page.get_by_label("Ärende", exact=True)).to_have_value(item)
        hands.fill(page.get_by_label("Beslutssatser"), "remittera utkastet till regionerna")
        hands.press(page.get_by_role("button", name="Spara", exact=True))
        expect(page.get_by_text("att remittera utkastet till regionerna").first).to_be_visible()
        look(page, "convener-decision", keyboard=keyboard)
        hands.press(page.get_by_role("link", name="Nätverksmöte 2027-02-10"))
        hands.press(page.get_by_role("button", name="Lämna för justering"))
        expect(page.get_by_text("Protokollet är lämnat för justering.")).to_be_visible()
        look(page, "convener-submitted", keyboard=keyboard)
        if not keyboard:
            help_screenshot(page, "sammankallande-lamnat-for-justering")
        hands.logout()

        # The adjuster the convener chose (the demo's `ledamot`, Sven Demosson) approves
        # from the link on their dashboard.
        hands.login("ledamot", DEMO_PASSWORD)
        to_approve = page.get_by_role("link", name="Justera: RAG Barnonkologi och hematologi")
        look(page, "adjuster-dashboard", keyboard=keyboard)
        if not keyboard:
            waiting = page.get_by_role("region", name="Att justera")
            help_screenshot(page, "ledamot-startsida", waiting)
        hands.press(to_approve)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Justera")
        look(page, "adjuster-approve", keyboard=keyboard)
        if not keyboard:
            help_screenshot(page, "ledamot-justera", page.locator("main"))
        hands.press(page.get_by_role("button", name="Jag justerar protokollet"))
        expect(page.get_by_text("Protokollet väntar på fler justerare.")).to_be_visible()
        hands.logout()

        # The convener, chair of the notes, approves last: the notes are locked.
        hands.login("sammankallande", DEMO_PASSWORD)
        hands.press(page.get_by_role("link", name="Justera: RAG Barnonkologi och hematologi"))
        hands.press(page.get_by_role("button", name="Jag justerar protokollet"))
        expect(page.get_by_text("Protokollet är justerat och därmed låst.")).to_be_visible()
        expect(page.get_by_text(note)).to_be_visible()
        look(page, "minutes-approved", keyboard=keyboard)
        hands.logout()

        # The demo's `justerare` approves the committee's waiting minutes the same way.
        hands.login("justerare", DEMO_PASSWORD)
        committee = "Justera: Södra Regionvårdsnämnden, möte 2020-02-14"
        hands.press(page.get_by_role("link", name=committee))
        hands.press(page.get_by_role("button", name="Jag justerar protokollet"))
        expect(page.get_by_text("väntar på fler justerare")).to_be_visible()
        look(page, "committee-adjuster-approved", keyboard=keyboard)


@pytest.mark.parametrize("keyboard", MODES)
def test_secretary_records_a_decision_attaches_a_file_and_finds_it(demo, keyboard, tmp_path):
    page = demo
    hands = start(page, keyboard)
    hands.login("sekreterare", DEMO_PASSWORD)

    hands.press(main_menu(page, "Beslut"))
    hands.press(page.get_by_role("link", name="Registrera beslut"))
    title = "Gemensam upphandling av laboratorietjänster" + (" (tb)" if keyboard else "")
    hands.select(page.get_by_label("Beslutande organ"), "Södra Regionvårdsnämnden (Södra)")
    hands.fill(page.get_by_label("Ärende", exact=True), title)
    hands.fill(page.get_by_label("Diarienummer"), "RVN 118")
    hands.select(page.get_by_label("Utfall"), "Beslutat")
    hands.fill_date(page.get_by_label("Beslutsdatum"), "2026-11-25")
    hands.fill(page.get_by_label("Beslutssatser"), "godkänna förslaget\natt uppdra åt kansliet")
    hands.fill(page.get_by_label("Utdrag till"), "Regionernas hälso- och sjukvårdsdirektörer")
    hands.press(page.get_by_role("button", name="Spara"))
    expect(page.get_by_text("fyrsiffrigt år").first).to_be_visible()
    expect(page.get_by_label("Ärende", exact=True)).to_have_value(title)
    look(page, "secretary-decision-errors", keyboard=keyboard)
    if not keyboard:
        help_screenshot(
            page,
            "sekreterare-diarienummer",
            page.get_by_role("heading", level=1),
            until=page.get_by_label("Beslutsdatum"),
        )
    hands.fill(page.get_by_label("Diarienummer"), "RVN 2026/118")
    hands.press(page.get_by_role("button", name="Spara"))
    registered = page.get_by_text(re.compile(r"Beslutet är registrerat som § \d+\."))
    expect(registered).to_be_visible()
    paragraph = re.search(r"§ \d+", registered.inner_text()).group(0)
    look(page, "secretary-decision", keyboard=keyboard)
    decision_url = page.url

    hands.press(page.get_by_role("link", name="Lägg till bilaga"))
    hands.press(page.get_by_role("button", name="Spara"))
    expect(page.get_by_text("Ange bilagans benämning.").first).to_be_visible()
    look(page, "secretary-attachment-errors", keyboard=keyboard)
    attachment = tmp_path / "kalkyl.pdf"
    attachment.write_bytes(pdf_bytes())
    hands.fill(page.get_by_label("Benämning"), "Bilaga 1 – Kalkyl")
    hands.upload(page.get_by_label("Fil (valfritt)"), attachment)
    hands.press(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("link", name=re.compile("Bilaga 1 – Kalkyl"))).to_be_visible()
    look(page, "secretary-decision-attachment", keyboard=keyboard)
    if not keyboard:
        help_screenshot(
            page,
            "sekreterare-beslut",
            page.get_by_text("Bilagan är tillagd."),
            until=page.get_by_role("link", name="Lägg till bilaga"),
        )

    filename, path = download(
        page, hands, page.get_by_role("link", name="Protokollsutdrag (PDF)"), tmp_path, "u.pdf"
    )
    assert filename.startswith("protokollsutdrag") and filename.endswith(".pdf"), filename
    text = pdf_text(path)
    for expected in (paragraph, "RVN 2026/118", "att godkänna förslaget", "Utdrag till"):
        assert expected in text, expected

    # The header's search finds it again, by a word of its title.
    search = page.get_by_role("searchbox", name="Sök i portalen")
    hands.submit_search(search, "laboratorietjänster")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sök")
    look(page, "secretary-search", keyboard=keyboard)
    if not keyboard:
        help_screenshot(page, "sekreterare-sok", page.locator("main"))
    hands.press(page.get_by_role("link", name=re.compile(re.escape(title))).first)
    expect(page).to_have_url(decision_url)
