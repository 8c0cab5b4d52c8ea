"""Administration in the portal: healthcare regions, regions, populations, administrators."""

import io

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.urls import reverse
from openpyxl import Workbook

from groups import demo, services
from groups.models import AdministratorChange, HealthcareRegion, Region, RegionPopulation
from portal.access import ADMINISTRATORS_GROUP, is_administrator
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    MembershipFactory,
    RegionFactory,
    RegionPopulationFactory,
    UserFactory,
)
from tests.helpers import assert_page_queries

pytestmark = pytest.mark.django_db

PAGES = [
    ("administration:index", []),
    ("administration:healthcare_regions", []),
    ("administration:healthcare_region_create", []),
    ("administration:region_create", []),
    ("administration:populations", []),
    ("administration:population_import", []),
    ("administration:administrators", []),
]


@pytest.fixture
def sydostra():
    hr = HealthcareRegionFactory(name="Sydöstra sjukvårdsregionen", short_name="Sydöstra")
    return hr, [
        RegionFactory(healthcare_region=hr, name="Region Kalmar län", code="RKL", county_code="08"),
        RegionFactory(
            healthcare_region=hr, name="Region Jönköpings län", code="RJL", county_code="06"
        ),
        RegionFactory(
            healthcare_region=hr, name="Region Östergötland", code="RÖ", county_code="05"
        ),
    ]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_pages_are_for_administrators_only(admin_client, user_client, name, args):
    assert admin_client.get(reverse(name, args=args)).status_code == 200
    assert user_client.get(reverse(name, args=args)).status_code == 403


def test_main_navigation_offers_administration_to_administrators_only(admin_client, user_client):
    admin_page = admin_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("administration:index")}">Administration</a>' in admin_page
    assert "Administration</a>" not in user_client.get(reverse("dashboard")).content.decode()


def test_index_links_the_section_templates_and_every_part(admin_client):
    html = admin_client.get(reverse("administration:index")).content.decode()
    for name in (
        "governance:section_template_list",
        "administration:healthcare_regions",
        "administration:populations",
        "administration:administrators",
        "groups:import",
    ):
        assert f'href="{reverse(name)}"' in html


def test_demo_has_the_six_healthcare_regions_with_their_21_regions(db):
    demo.load()
    members = {
        hr.short_name: sorted(hr.regions.values_list("name", flat=True))
        for hr in HealthcareRegion.objects.all()
    }
    assert sorted(members) == sorted(
        ["Norra", "Mellansverige", "Stockholm-Gotland", "Sydöstra", "Västra", "Södra"]
    )
    assert Region.objects.count() == 21
    assert members["Sydöstra"] == [
        "Region Jönköpings län",
        "Region Kalmar län",
        "Region Östergötland",
    ]
    assert members["Södra"] == [
        "Region Blekinge",
        "Region Halland",
        "Region Kronoberg",
        "Region Skåne",
    ]
    assert members["Stockholm-Gotland"] == ["Region Gotland", "Region Stockholm"]
    assert members["Västra"] == ["Västra Götalandsregionen"]
    assert len(members["Mellansverige"]) == 7 and len(members["Norra"]) == 4
    codes = list(Region.objects.values_list("county_code", flat=True))
    assert len(set(codes)) == 21 and all(len(code) == 2 for code in codes)


def test_healthcare_region_list_runs_the_same_queries_for_more_regions(admin_client, sydostra):
    url = reverse("administration:healthcare_regions")
    assert_page_queries(admin_client, url, 5)
    other = HealthcareRegionFactory(name="Södra sjukvårdsregionen", short_name="Södra")
    for n in range(5):
        RegionPopulationFactory(region=RegionFactory(healthcare_region=other), year=2020 + n)
    assert_page_queries(admin_client, url, 5)


def test_healthcare_region_list_shows_regions_with_latest_population(admin_client, sydostra):
    _hr, (kalmar, *_rest) = sydostra
    RegionPopulationFactory(region=kalmar, year=2023, population=245_000)
    RegionPopulationFactory(region=kalmar, year=2024, population=247_175)
    html = admin_client.get(reverse("administration:healthcare_regions")).content.decode()
    assert "Sydöstra sjukvårdsregionen" in html and "(Sydöstra)" in html
    assert "247\xa0175<br>" in html and "(2024)" in html


def test_healthcare_region_is_created_and_changed_with_history(admin_client, admin_user):
    response = admin_client.post(
        reverse("administration:healthcare_region_create"),
        {"name": "Västra sjukvårdsregionen", "short_name": "Västra", "slug": "vastra"},
    )
    assert response.status_code == 302
    hr = HealthcareRegion.objects.get(slug="vastra")
    response = admin_client.post(
        reverse("administration:healthcare_region_edit", args=[hr.pk]),
        {"name": "Västra sjukvårdsregionen", "short_name": "Väst", "slug": "vastra"},
    )
    assert response.status_code == 302
    hr.refresh_from_db()
    assert hr.short_name == "Väst"
    assert [h.history_user for h in hr.history.all()] == [admin_user, admin_user]


def test_healthcare_region_form_asks_for_a_short_name(admin_client):
    response = admin_client.post(
        reverse("administration:healthcare_region_create"),
        {"name": "Västra sjukvårdsregionen", "short_name": "", "slug": "vastra"},
    )
    assert response.status_code == 200
    assert "Kort namn" in response.content.decode()
    assert not HealthcareRegion.objects.exists()


def test_region_is_created_in_a_healthcare_region(admin_client, sydostra):
    hr, _regions = sydostra
    response = admin_client.post(
        reverse("administration:region_create"),
        {"name": "Region Gotland", "code": "RGO", "county_code": "09", "healthcare_region": hr.pk},
    )
    assert response.status_code == 302
    assert Region.objects.get(code="RGO").healthcare_region == hr


def test_county_code_is_two_digits_and_unique(admin_client, sydostra):
    hr, _regions = sydostra
    url = reverse("administration:region_create")
    data = {"name": "Region Gotland", "code": "RGO", "healthcare_region": hr.pk}
    html = admin_client.post(url, {**data, "county_code": "9"}).content.decode()
    assert "Länskoden är två siffror" in html
    html = admin_client.post(url, {**data, "county_code": "08"}).content.decode()
    assert "Det finns redan en region med den länskoden." in html
    assert not Region.objects.filter(code="RGO").exists()


def test_region_with_members_cannot_move_to_another_healthcare_region(admin_client, sydostra):
    hr, (kalmar, *_rest) = sydostra
    other = HealthcareRegionFactory(name="Södra sjukvårdsregionen")
    MembershipFactory(group=GroupFactory(healthcare_region=hr), region=kalmar)
    response = admin_client.post(
        reverse("administration:region_edit", args=[kalmar.pk]),
        {"name": kalmar.name, "code": "RKL", "county_code": "08", "healthcare_region": other.pk},
    )
    assert response.status_code == 200
    assert "kan inte flyttas" in response.content.decode()
    kalmar.refresh_from_db()
    assert kalmar.healthcare_region == hr


# --- populations ------------------------------------------------------------------------

SCB_CSV = (
    '"Folkmängd efter region och år"\r\n'
    "\r\n"
    '"region","2023","2024"\r\n'
    '"00 Riket",10551707,10587710\r\n'
    '"05 Östergötlands län",468339,469000\r\n'
    '"06 Jönköpings län",367064,368000\r\n'
    '"08 Kalmar län",245992,..\r\n'
)


def upload(client, content: bytes, name: str, source: str = "SCB, folkmängd den 31 december"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("administration:population_import"), {"file": file, "source": source}
    )


def test_scb_table_is_imported_with_its_source(admin_client, sydostra, admin_user):
    response = upload(admin_client, SCB_CSV.encode("utf-8"), "BE0101N1.csv")
    assert response.status_code == 302
    figures = {
        (p.region.code, p.year): p.population
        for p in RegionPopulation.objects.select_related("region")
    }
    assert figures == {
        ("RÖ", 2023): 468339,
        ("RÖ", 2024): 469000,
        ("RJL", 2023): 367064,
        ("RJL", 2024): 368000,
        ("RKL", 2023): 245992,
    }
    row = RegionPopulation.objects.get(region__code="RKL")
    assert row.source == "SCB, folkmängd den 31 december"
    assert row.history.get().history_user == admin_user


def test_scb_xlsx_with_title_rows_and_a_long_table_are_read(admin_client, sydostra):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Folkmängd efter region och år"])
    sheet.append([])
    sheet.append(["", "2024"])
    sheet.append(["08 Kalmar län", 247175])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert upload(admin_client, buffer.getvalue(), "folkmangd.xlsx").status_code == 302
    long = "region;år;folkmängd\r\nRegion Östergötland;2024;469 000\r\nRJL;2024;368000\r\n"
    assert upload(admin_client, long.encode("cp1252"), "lang.csv").status_code == 302
    assert dict(
        RegionPopulation.objects.filter(year=2024).values_list("region__code", "population")
    ) == {"RKL": 247175, "RÖ": 469000, "RJL": 368000}


def test_a_new_figure_replaces_the_old_one_and_history_keeps_both(admin_client, sydostra):
    _hr, (kalmar, *_rest) = sydostra
    RegionPopulationFactory(region=kalmar, year=2023, population=240_000, source="Demovärde")
    response = upload(admin_client, SCB_CSV.encode(), "scb.csv")
    assert response.status_code == 302
    page = admin_client.get(response.url).content.decode()
    assert "Importen är klar: 4 nya siffror, 1 ändrad, 0 oförändrade." in page
    row = RegionPopulation.objects.get(region=kalmar, year=2023)
    assert row.population == 245992
    assert [h.population for h in row.history.order_by("history_date")] == [240_000, 245992]


def test_bad_rows_are_all_listed_and_nothing_is_imported(admin_client, sydostra):
    bad = (
        '"region","2023","2024"\r\n'
        '"05 Östergötlands län",468339,469000\r\n'
        '"14 Västra Götalands län",1744859,1750000\r\n'
        '"0880 Kalmar",71000,71500\r\n'
        '"08 Kalmar län",245992,tvåhundra\r\n'
    )
    response = upload(admin_client, bad.encode(), "scb.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "Regionen ”14 Västra Götalands län” finns inte i portalen" in html
    assert "är en kommun (kod 0880)" in html
    assert "Folkmängden ”tvåhundra” är inget positivt heltal." in html
    assert not RegionPopulation.objects.exists()


def test_a_file_without_a_year_header_is_refused_with_an_explanation(admin_client, sydostra):
    response = upload(admin_client, b"namn;antal\r\nKalmar;3\r\n", "fel.csv")
    assert "Hittar ingen rubrikrad" in response.content.decode()


def test_population_list_runs_the_same_queries_for_more_data(admin_client, sydostra):
    url = reverse("administration:populations")
    _hr, regions = sydostra
    RegionPopulationFactory(region=regions[0], year=2024)
    assert_page_queries(admin_client, url, 6)
    for region in regions:
        for year in range(2016, 2025):
            RegionPopulation.objects.get_or_create(
                region=region, year=year, defaults={"population": 1000 + year}
            )
    assert_page_queries(admin_client, url, 6)
    html = admin_client.get(url).content.decode()
    assert "2019</th>" in html and "2018</th>" not in html  # the latest six years


# --- administrators ---------------------------------------------------------------------


def test_an_administrator_makes_someone_administrator_and_it_is_logged(admin_client, admin_user):
    colleague = UserFactory(first_name="Bo", last_name="Berg")
    response = admin_client.post(
        reverse("administration:administrators"),
        {"user": colleague.pk, "reason": "Ny handläggare på kansliet"},
    )
    assert response.status_code == 302
    assert is_administrator(type(colleague).objects.get(pk=colleague.pk))
    change = AdministratorChange.objects.get()
    assert (change.user, change.actor, change.action, change.reason) == (
        colleague,
        admin_user,
        "granted",
        "Ny handläggare på kansliet",
    )
    html = admin_client.get(reverse("administration:administrators")).content.decode()
    assert "Bo Berg" in html and "Ny handläggare på kansliet" in html


def test_revoking_takes_the_rights_away_and_is_logged(admin_client, admin_user):
    colleague = UserFactory(first_name="Bo", last_name="Berg")
    services.administrator_grant(actor=admin_user, user=colleague)
    response = admin_client.post(
        reverse("administration:administrator_revoke", args=[colleague.pk]),
        {"reason": "Slutat"},
    )
    assert response.status_code == 302
    assert not is_administrator(type(colleague).objects.get(pk=colleague.pk))
    assert list(AdministratorChange.objects.values_list("action", "actor", "reason")) == [
        ("revoked", admin_user.pk, "Slutat"),
        ("granted", admin_user.pk, ""),
    ]


def test_the_last_administrator_cannot_be_removed(admin_client, admin_user):
    response = admin_client.post(
        reverse("administration:administrator_revoke", args=[admin_user.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("administration:administrators")
    assert "är den enda administratören" in response.content.decode()
    assert admin_user.groups.filter(name=ADMINISTRATORS_GROUP).exists()
    assert not AdministratorChange.objects.exists()


def test_an_administrator_may_step_down_while_another_remains(admin_client, admin_user):
    services.administrator_grant(actor=admin_user, user=UserFactory())
    response = admin_client.post(
        reverse("administration:administrator_revoke", args=[admin_user.pk])
    )
    assert response.url == reverse("dashboard")
    assert not admin_user.groups.filter(name=ADMINISTRATORS_GROUP).exists()


def test_inactive_users_and_existing_administrators_are_not_offered(admin_client, admin_user):
    UserFactory(username="slutat", is_active=False)
    html = admin_client.get(reverse("administration:administrators")).content.decode()
    assert "(slutat)" not in html
    assert f'<option value="{admin_user.pk}"' not in html
    response = admin_client.post(reverse("administration:administrators"), {"user": ""})
    assert "Välj vem som ska bli administratör." in response.content.decode()


def test_non_administrators_cannot_change_administrators(user_client, admin_user):
    url = reverse("administration:administrator_revoke", args=[admin_user.pk])
    assert user_client.post(url).status_code == 403
    assert AuthGroup.objects.get(name=ADMINISTRATORS_GROUP).user_set.count() == 1


def test_administrators_page_runs_the_same_queries_for_more_people(admin_client, admin_user):
    url = reverse("administration:administrators")
    assert_page_queries(admin_client, url, 6)
    for _ in range(4):
        user = UserFactory()
        services.administrator_grant(actor=admin_user, user=user)
        UserFactory()
    assert_page_queries(admin_client, url, 6)
