import datetime
import re

import pytest
from playwright.sync_api import expect

from finance import services
from finance.models import Budget
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.finance.factories import CommitteeFactory, DecisionFactory, seed_budget
from tests.governance.factories import CommissionFactory
from tests.groups.factories import HealthcareRegionFactory, RegionFactory, RegionPopulationFactory

pytestmark = pytest.mark.browser

GOOD = """label;kind;2020;2021;2022
Solidarisk finansiering kansli och nämnd;income;8441;8 441;8\u00a0441
Statliga ersättningar 2019+2020;income;15000;;
Löpande utgifter (inklusive pensionsavgångar);cost;-6617;\u22125 537;-5537
Ej inräknade befintliga processledare;cost;-840;-1680;-1680
Tillkommande beslutade kostnader;cost;-7785;-5285;-5285
Handläggartjänst till kansliet (enligt ärende 1);cost;-540;-1080;-1080
Tidsbegränsade processledare (enligt ärende 2);cost;-1050;-2100;-2100
Akkumulerat överskott;opening_balance;11827;;
Slutlig balans;closing_check;18436;16221;9945
"""
BAD = GOOD.replace("-840;-1680", "-840;-16,80,0")


@pytest.fixture
def sodra():
    hr = HealthcareRegionFactory(name="Södra sjukvårdsregionen", short_name="Södra", slug="sodra")
    for name, code, population in [
        ("Region Skåne", "SKA", 1_390_000),
        ("Region Blekinge", "BLE", 159_000),
        ("Region Kronoberg", "KRO", 202_000),
        ("Region Halland", "HAL", 336_000),
    ]:
        region = RegionFactory(healthcare_region=hr, name=name, code=code)
        for year in (2020, 2021, 2022):
            RegionPopulationFactory(region=region, year=year, population=population)
    return CommitteeFactory(healthcare_region=hr, name="Södra Regionvårdsnämnden")


@pytest.fixture
def decisions(sodra):
    earlier = seed_budget(owner=sodra, title="Tidigare budget")
    services.budget_adopt(actor=None, budget=earlier, decision=None)
    return DecisionFactory(
        body=sodra,
        year=2020,
        number=12,
        registry_number="RS/1009/2017",
        title="Processledarstöd som en del i användningen av den statliga satsningen",
        decision_date=datetime.date(2020, 2, 14),
    )


@pytest.fixture
def commission(sodra):
    return CommissionFactory(
        commissioner=sodra, title="Processledarstöd inom den statliga satsningen"
    )


def upload(page, name: str, content: str, *, fill: bool = True) -> None:
    page.get_by_label("Fil med budgeten (CSV eller XLSX)").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    if fill:
        page.get_by_label("Ägare (beslutande organ)").select_option(
            label="Södra Regionvårdsnämnden (Södra)"
        )
        page.get_by_label("Rubrik").fill("Ekonomisk sammanställning 2020–2022")
    page.get_by_role("button", name="Importera").click()


def test_secretariat_imports_seed_004_sees_the_table_chart_and_the_sheets_errors(
    admin_page, sodra, decisions, commission
):
    page = admin_page
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ekonomi").click()
    page.get_by_role("link", name="Importera budget").click()

    upload(page, "bilaga2.csv", BAD)
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Inget importerades.")
    row = errors.get_by_role("row").filter(has_text="inget belopp")
    expect(row).to_contain_text("5")  # line 5 of the file
    expect(row).to_contain_text("D (2021)")
    expect(row).to_contain_text("”-16,80,0” är inget belopp.")
    assert Budget.objects.filter(title__startswith="Ekonomisk").count() == 0
    # Owner and title are kept; the file must be chosen again, and the page says so.
    expect(page.get_by_label("Rubrik")).to_have_value("Ekonomisk sammanställning 2020–2022")
    expect(page.get_by_label("Ägare (beslutande organ)")).to_have_value(str(sodra.pk))
    expect(page.get_by_text("Välj filen igen efter att du rättat den.").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "finance-import-error-1280", DESKTOP)
    screenshot(page, "finance-import-error-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    upload(page, "bilaga2.csv", GOOD, fill=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ekonomisk sammanställning 2020–2022")
    table = page.locator("#budget-table")
    closing = table.get_by_role("row").filter(has_text="Utgående balans")
    expect(closing).to_contain_text("18\u00a0436")
    expect(closing).to_contain_text("3\u00a0954")
    expect(table.locator("td.negative").first).to_contain_text("\u2212")
    checks = page.locator("#check-differences")
    expect(checks).to_contain_text("annan utgående balans än portalens beräkning för 2 år")
    expect(checks.get_by_role("row").filter(has_text="2021")).to_contain_text("5\u00a0026")
    chart = page.get_by_role("img", name="Utgående balans per år (tkr)")
    expect(chart).to_be_visible()
    assert chart.evaluate("node => node.tagName") == "svg"
    sharing = page.get_by_role("table").filter(has_text="Region Skåne")
    expect(sharing.get_by_role("row").filter(has_text="Summa")).to_contain_text("8\u00a0441")
    assert_accessible(page)
    screenshot(page, "finance-budget-1280", DESKTOP)
    screenshot(page, "finance-budget-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    # Edit a line in a new revision: the table and the checks follow, revision 1 stays.
    page.get_by_label("Vad gäller revisionen?").fill("Statliga medel även 2021")
    page.get_by_role("button", name="Skapa ny revision").click()
    expect(page.get_by_role("status")).to_contain_text("Revision 2 är skapad")
    page.get_by_role("link", name="Ändra Statliga ersättningar 2019+2020").click()
    page.get_by_label("2021 (tkr)").fill("fem")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv ett belopp i tkr")
    assert_accessible(page)
    page.get_by_label("2021 (tkr)").fill("5 026")
    page.get_by_role("combobox", name=re.compile(r"^Uppdrag")).select_option(label=commission.title)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("är sparad")
    statliga = page.locator("#budget-table").get_by_role("row").filter(has_text="Statliga")
    expect(statliga.get_by_role("link", name=commission.title)).to_have_attribute(
        "href", commission.get_absolute_url()
    )
    screenshot(page, "finance-line-commission-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)
    expect(
        page.locator("#check-differences").get_by_role("row").filter(has_text="2021")
    ).to_contain_text("16\u00a0221")
    expect(page.locator("#check-differences")).to_contain_text("för 1 år")

    page.get_by_role("button", name="Jämför").click()
    changed = page.get_by_role("row").filter(has_text="Statliga ersättningar")
    expect(changed).to_contain_text("Ändrad")
    expect(changed).to_contain_text("5\u00a0026")
    assert_accessible(page)
    screenshot(page, "finance-compare-1280", DESKTOP)
    screenshot(page, "finance-compare-390", MOBILE)
    assert_fits_width(page)

    # Revision 2's opening balance changes with a reason; revision 1 keeps its own.
    page.get_by_role("link", name="Ekonomisk sammanställning 2020–2022").click()
    page.get_by_role("link", name="Ändra ingående balans").click()
    page.get_by_label("Ingående balans (tkr)").fill("12 000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv varför den ingående balansen ändras.")
    expect(page.get_by_label("Ingående balans (tkr)")).to_have_value("12 000")
    assert_accessible(page)
    screenshot(page, "finance-opening-balance-390", MOBILE)
    page.set_viewport_size(DESKTOP)
    page.get_by_label("Skäl till ändringen").fill("Bokslut 2019 fastställt")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Den ingående balansen i revision 2")
    closing = page.locator("#budget-table").get_by_role("row").filter(has_text="Utgående balans")
    expect(closing).to_contain_text("18\u00a0609")
    page.get_by_role("link", name="Revision 1", exact=True).click()
    expect(closing).to_contain_text("18\u00a0436")
    page.get_by_role("link", name="Visa den senaste revisionen").click()

    # Adopt revision 2 by the committee's decision; it replaces the earlier adopted budget.
    page.get_by_role("link", name="Fastställ revision 2").click()
    page.get_by_label("Beslut som fastställer budgeten").select_option(
        label="§ 12/2020 (2020-02-14) · RS/1009/2017 · Processledarstöd som en del i "
        "användningen av den statliga satsningen"
    )
    page.get_by_label("Tidigare budget (2020–2022)").check()
    assert_accessible(page)
    screenshot(page, "finance-adopt-1280", DESKTOP)
    screenshot(page, "finance-adopt-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fastställ revision 2").click()
    # A decision more than a year old is adopted only once the user confirms the date.
    expect(page.locator("#old-date-warning")).to_be_visible()
    expect(page.get_by_label("Tidigare budget (2020–2022)")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Datumet stämmer, fastställ ändå").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fastställ revision 2").click()
    expect(page.get_by_role("status")).to_contain_text("Revision 2 är fastställd")
    expect(page.get_by_role("status")).to_contain_text("Ersatta budgetar: ”Tidigare budget”.")
    adopted = page.locator("#adopted-by")
    expect(adopted).to_contain_text("§ 12 Processledarstöd")
    expect(adopted).to_contain_text("den 2020-02-14, revision 2")
    expect(page.get_by_role("link", name="Lägg till rad")).to_have_count(0)
    earlier = Budget.objects.get(title="Tidigare budget")
    assert earlier.status == "superseded"
    assert earlier.superseded_by.title == "Ekonomisk sammanställning 2020–2022"
    assert_accessible(page)
    screenshot(page, "finance-adopted-1280", DESKTOP)
