import pytest
from playwright.sync_api import expect

from groups.models import Membership
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.groups.factories import GroupFactory, HealthcareRegionFactory, RegionFactory

pytestmark = pytest.mark.browser

MEMBERS = [
    ("Cecilia", "Provström", "Region Kalmar län", "Sammankallande"),
    ("David", "Testlund", "Region Jönköpings län", "Ledamot"),
    ("Elin", "Mönstergren", "Region Östergötland", "Ledamot"),
]


@pytest.fixture
def sydostra():
    hr = HealthcareRegionFactory(
        name="Sydöstra sjukvårdsregionen", short_name="Sydöstra", slug="sydostra"
    )
    for name, code in [
        ("Region Jönköpings län", "RJL"),
        ("Region Kalmar län", "RKL"),
        ("Region Östergötland", "RÖ"),
    ]:
        RegionFactory(healthcare_region=hr, name=name, code=code)
    GroupFactory(healthcare_region=hr, name="RPO Barn och ungdomars hälsa", kind="rpo")
    return hr


def test_administrator_builds_seed_002_group_with_one_member_per_region(admin_page, sydostra):
    page = admin_page
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Grupper").click()
    page.get_by_role("link", name="Ny grupp").click()
    page.get_by_label("Namn").fill("RAG Barnonkologi och hematologi")
    page.get_by_label("Typ", exact=True).select_option(label="Regional arbetsgrupp (RAG)")
    page.get_by_label("Sjukvårdsregion", exact=True).select_option(
        label="Sydöstra sjukvårdsregionen"
    )
    page.get_by_label("Överordnad grupp").select_option(
        label="RPO Barn och ungdomars hälsa (Sydöstra)"
    )
    page.get_by_label("Status").select_option(label="Aktiv")
    page.get_by_label("Startdatum").fill("2020-01-01")
    page.get_by_label("Slutdatum").fill("2019-01-01")
    page.get_by_role("button", name="Spara").click()
    # Bad input: a clear Swedish message, and what was typed is kept.
    expect(page.get_by_role("alert")).to_contain_text("Slutdatum kan inte vara före startdatum.")
    expect(page.get_by_label("Namn")).to_have_value("RAG Barnonkologi och hematologi")
    assert_accessible(page)
    screenshot(page, "group-form-error-1280", DESKTOP)
    page.get_by_label("Slutdatum").fill("")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("RAG Barnonkologi och hematologi")
    expect(page.locator("#composition-check")).to_contain_text("Region Kalmar län")

    for index, (first, last, region, role) in enumerate(MEMBERS):
        page.get_by_role("link", name="Lägg till medlem").click()
        page.get_by_label("Förnamn").fill(first)
        page.get_by_label("Efternamn").fill(last)
        page.get_by_label("E-post").fill(f"{first.lower()}@exempel.se")
        page.get_by_label("Roll").select_option(label=role)
        page.get_by_label("Företräder region").select_option(label=region)
        page.get_by_label("Från").fill("2024-01-01")
        if index == 0:
            assert_accessible(page)
            screenshot(page, "membership-form-1280", DESKTOP)
        page.get_by_role("button", name="Spara", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(f"{first} {last} är tillagd")

    expect(page.locator("#composition-check")).to_contain_text(
        "alla regioner i sjukvårdsregionen har minst en nuvarande medlem"
    )
    for first, last, region, _role in MEMBERS:
        expect(page.get_by_role("rowheader", name=region)).to_be_visible()
        expect(page.get_by_role("link", name=f"{first} {last}", exact=True)).to_be_visible()
    assert Membership.objects.filter(group__name="RAG Barnonkologi och hematologi").count() == 3
    assert_accessible(page)
    screenshot(page, "group-detail-1280", DESKTOP)
    screenshot(page, "group-detail-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    # End one membership: the composition check shows the gap again, the person keeps history.
    page.get_by_role("link", name="Avsluta David Testlund").click()
    page.get_by_label("Sista dag i uppdraget").fill("2024-06-30")
    page.get_by_role("button", name="Avsluta uppdraget").click()
    expect(page.locator("#composition-check")).to_contain_text("Region Jönköpings län")
    page.get_by_role("link", name="Grupper", exact=True).first.click()
    assert_accessible(page)
    screenshot(page, "group-list-1280", DESKTOP)
    page.get_by_role("link", name="Träd").click()
    expect(page.get_by_role("link", name="RAG Barnonkologi och hematologi")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "group-tree-1280", DESKTOP)
    page.get_by_role("link", name="Täckning per region").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sydöstra sjukvårdsregionen")
    assert_accessible(page)
    screenshot(page, "coverage-1280", DESKTOP)
    screenshot(page, "coverage-390", MOBILE)
    assert_fits_width(page)
