"""An administrator writes seed 000's commission from scratch, decides it and exports the PDF."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from governance.demo.commissions import SEED_000_SECTIONS
from groups.models import GroupKind
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.groups.factories import GroupFactory, HealthcareRegionFactory

pytestmark = pytest.mark.browser


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_administrator_writes_decides_and_exports_seed_000(admin_page, tmp_path):
    page = admin_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sydostra = HealthcareRegionFactory(name="Sydöstra sjukvårdsregionen", slug="sydostra")
    council = GroupFactory(
        name="Centrumrådet Hjärtsjukvård", kind=GroupKind.COUNCIL, healthcare_region=sydostra
    )
    team = GroupFactory(name="Team Genetik Kalmar", kind=GroupKind.TEAM, healthcare_region=sydostra)

    page.goto(f"{page.base_url}/uppdrag/")
    page.get_by_role("link", name="Nytt uppdrag").click()
    page.get_by_label("Projektuppdrag").check()
    page.get_by_label("Titel (projektnamn)").fill("Test av arbetssätt med team och länsamordnare")
    page.get_by_label("Uppdragsgivare").select_option(str(council.pk))
    page.get_by_label("Grupp/enhet", exact=True).select_option(str(team.pk))
    page.get_by_label("Beskrivning av grupp/enhet").fill(
        "RMPG Medicinsk diagnostik via Klinisk genetik på US tillsammans med utsedda "
        "representanter för Landstinget i Kalmar län."
    )
    page.get_by_label("Diarienummer").fill("CRH 2016/7")
    page.get_by_label("Period från").fill("2016-10-01")
    page.get_by_label("Period till").fill("2017-05-31")
    page.get_by_label("Undertecknare", exact=False).first.fill("Jan-Erik Karlsson")
    page.get_by_label("Undertecknarens titel").fill("Ordf. Centrumrådet Hjärtsjukvård")
    page.get_by_label("Datum för underskrift").fill("2016-09-30")
    page.get_by_role("button", name="Skapa utkast").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ändra Test av arbetssätt")
    for number, (heading, body) in enumerate(SEED_000_SECTIONS, start=1):
        section = page.get_by_role("group", name=f"Avsnitt {number}: {heading}")
        section.get_by_label("Text").fill(body)

    # Reorder without saving, in one step on the page (no reload): what was typed moves along.
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Flytta ned – avsnitt 1").click()
    assert page.evaluate("window.notReloaded === true")
    expect(page.locator("[data-section-announce]")).to_contain_text("flyttat till plats 2")
    expect(page.get_by_role("group", name="Avsnitt 2: Bakgrund")).to_be_visible()
    expect(
        page.get_by_role("group", name="Avsnitt 2: Bakgrund").get_by_label("Text")
    ).to_have_value(SEED_000_SECTIONS[0][1])
    page.get_by_role("button", name="Flytta upp – avsnitt 2").click()
    expect(page.get_by_role("group", name="Avsnitt 1: Bakgrund")).to_be_visible()
    # Dragging by the handle: the second section above the first, position fields renumbered.
    second = SEED_000_SECTIONS[1][0]
    page.set_viewport_size({"width": 1280, "height": 2400})  # both sections on screen
    page.locator("#avsnitt-1 legend").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.locator("#avsnitt-2 .section-form__handle").drag_to(
        page.locator("#avsnitt-1 legend"), target_position={"x": 5, "y": 2}
    )
    expect(page.get_by_role("group", name=f"Avsnitt 1: {second}")).to_be_visible()
    expect(page.locator("#avsnitt-1 input[name$='-position']")).to_have_value("1")
    expect(page.locator("#avsnitt-2 input[name$='-position']")).to_have_value("2")
    page.locator("#avsnitt-1 [data-section-move=down]").click()
    expect(page.get_by_role("group", name="Avsnitt 1: Bakgrund")).to_be_visible()
    assert page.evaluate("window.notReloaded === true")
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
    screenshot(page, "commission-edit-1280", DESKTOP)
    screenshot(page, "commission-edit-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Spara", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Test av arbetssätt med team och länsamordnare"
    )
    expect(page.get_by_role("heading", name="Avrapportering och beslutspunkter")).to_be_visible()
    page.get_by_role("link", name="Besluta uppdraget").click()
    page.get_by_label("Datum").fill("2016-09-30")
    page.get_by_role("button", name=re.compile("Bekräfta")).click()
    expect(page.get_by_text("Uppdraget har nu status ”Beslutat (pågår)”.")).to_be_visible()
    assert dialogs == []  # the status page is the one confirmation
    assert_accessible(page)
    screenshot(page, "commission-detail-1280", DESKTOP)
    screenshot(page, "commission-detail-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    path = tmp_path / "uppdrag.pdf"
    download_info.value.save_as(path)

    text = _flat(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    )
    position = 0
    for heading, body in SEED_000_SECTIONS:
        position = text.index(heading, position)
        for paragraph in body.split("\n"):
            words = _flat(paragraph.lstrip("- "))
            if words:
                position = text.index(words, position)
    assert "Jan-Erik Karlsson" in text[position:]
    assert "CRH 2016/7" in text and "å" in text and "ä" in text and "ö" in text
    xmp = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True).stdout
    assert 'pdfaid:part="3"' in xmp

    # Once decided, a text change needs a reason, and the history shows what changed.
    page.get_by_role("link", name="Ändra uppdrag").click()
    timeline = page.get_by_role("group", name="Avsnitt 4: Tidplan").get_by_label("Text")
    timeline.fill("Oktober 2016 – juni 2017")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#id_reason_error")).to_contain_text("Ange varför texten ändras")
    expect(page.get_by_role("group", name="Avsnitt 4: Tidplan").get_by_label("Text")).to_have_value(
        "Oktober 2016 – juni 2017"
    )
    page.get_by_label("Anledning till ändringen").fill("Tidplanen förlängd en månad")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_role("link", name="Alla versioner och skillnader i texten").click()
    expect(page.get_by_role("cell", name="Tidplanen förlängd en månad")).to_be_visible()
    expect(page.locator(".diff del")).to_have_text("maj")
    expect(page.locator(".diff ins")).to_have_text("juni")
    assert_accessible(page)
    screenshot(page, "commission-history-1280", DESKTOP)

    page.goto(f"{page.base_url}/uppdrag/")
    expect(
        page.get_by_role("link", name="Test av arbetssätt med team och länsamordnare")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "commission-list-1280", DESKTOP)
    screenshot(page, "commission-list-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)
