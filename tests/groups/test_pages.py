import datetime

import pytest
from django.urls import reverse

from groups import selectors
from groups.models import Group, Membership, Person
from groups.services import membership_start
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    PersonFactory,
    RegionFactory,
)
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db
D = datetime.date


def build_organisation(hr, regions, *, groups: int, members_per_group: int) -> Group:
    parent = GroupFactory(healthcare_region=hr, name=f"RPO {groups}")
    last = parent
    for _ in range(groups):
        last = GroupFactory(healthcare_region=hr, parent=parent, host_region=regions[0])
        for m in range(members_per_group):
            membership_start(
                actor=None,
                person=PersonFactory(employer=regions[m % len(regions)]),
                group=last,
                role="convener" if m == 0 else "member",
                region=regions[m % len(regions)],
                start_date=D(2020, 1, 1),
                end_date=D(2021, 1, 1) if m % 3 == 2 else None,
            )
    return last


@pytest.fixture
def healthcare_region():
    hr = HealthcareRegionFactory(name="Sydöstra sjukvårdsregionen", slug="sydostra")
    regions = [RegionFactory(healthcare_region=hr) for _ in range(3)]
    return hr, regions


def test_group_list_and_page_run_constant_queries(admin_client, healthcare_region):
    hr, regions = healthcare_region
    small = build_organisation(hr, regions, groups=2, members_per_group=2)
    counts_small = (
        page_queries(admin_client, reverse("groups:list")),
        page_queries(admin_client, reverse("groups:detail", args=[small.pk])),
        page_queries(admin_client, reverse("groups:tree")),
        page_queries(admin_client, reverse("groups:coverage", args=[hr.slug])),
    )
    large = build_organisation(hr, regions, groups=12, members_per_group=9)
    counts_large = (
        page_queries(admin_client, reverse("groups:list")),
        page_queries(admin_client, reverse("groups:detail", args=[large.pk])),
        page_queries(admin_client, reverse("groups:tree")),
        page_queries(admin_client, reverse("groups:coverage", args=[hr.slug])),
    )
    assert counts_small == counts_large
    assert max(counts_large) <= 16  # the group page includes commission and meeting sections


def test_group_page_shows_members_by_region_and_composition_gap(admin_client, healthcare_region):
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr, name="RAG Barnonkologi och hematologi")
    person = PersonFactory(first_name="Greta", last_name="Demosson")
    membership_start(
        actor=None,
        person=person,
        group=group,
        role="convener",
        region=regions[0],
        start_date=D(2020, 1, 1),
    )
    content = admin_client.get(group.get_absolute_url()).content.decode()
    assert "Greta Demosson" in content
    assert "Sammankallande" in content
    assert "Utan nuvarande medlem" in content
    assert regions[1].name in content and regions[2].name in content


def test_group_list_filters(admin_client, healthcare_region):
    hr, _ = healthcare_region
    GroupFactory(healthcare_region=hr, name="RSG Patientsäkerhet", kind="rsg", status="active")
    GroupFactory(healthcare_region=hr, name="RPO Primärvårdsråd", kind="rpo", status="dormant")
    content = admin_client.get(reverse("groups:list"), {"status": "dormant"}).content.decode()
    assert "RPO Primärvårdsråd" in content and "RSG Patientsäkerhet" not in content
    content = admin_client.get(reverse("groups:list"), {"q": "patient"}).content.decode()
    assert "RSG Patientsäkerhet" in content and "RPO Primärvårdsråd" not in content
    content = admin_client.get(reverse("groups:list"), {"kind": "rpo"}).content.decode()
    assert "RPO Primärvårdsråd" in content and "RSG Patientsäkerhet" not in content


def test_create_group_with_bad_dates_keeps_input(admin_client, healthcare_region):
    hr, _ = healthcare_region
    response = admin_client.post(
        reverse("groups:create"),
        {
            "name": "Ny arbetsgrupp",
            "kind": "rag",
            "healthcare_region": hr.pk,
            "status": "planned",
            "start_date": "2026-05-01",
            "end_date": "2026-01-01",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Slutdatum kan inte vara före startdatum." in content
    assert 'value="Ny arbetsgrupp"' in content
    assert not Group.objects.filter(name="Ny arbetsgrupp").exists()


def test_add_member_as_new_person_and_end_the_membership(admin_client, healthcare_region):
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr)
    response = admin_client.post(
        reverse("groups:membership_add", args=[group.pk]),
        {
            "new_first_name": "Elin",
            "new_last_name": "Exempelberg",
            "new_email": "elin@exempel.se",
            "role": "member",
            "region": regions[1].pk,
            "start_date": "2024-01-01",
            "voting_right": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(group=group)
    assert membership.person.full_name == "Elin Exempelberg"
    assert membership.person.employer == regions[1]

    response = admin_client.post(
        reverse("groups:membership_end", args=[membership.pk]),
        {"end_date": "2023-12-01"},
    )
    assert "Slutdatum kan inte vara före startdatum" in response.content.decode()
    response = admin_client.post(
        reverse("groups:membership_end", args=[membership.pk]),
        {"end_date": "2025-06-30", "reason": "Bytt tjänst"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == D(2025, 6, 30)
    assert membership.history.latest().history_change_reason == "Bytt tjänst"
    person_page = admin_client.get(membership.person.get_absolute_url()).content.decode()
    assert group.name in person_page and "2025-06-30" in person_page


def test_a_refused_membership_leaves_no_new_person_behind(admin_client, healthcare_region):
    """membership_add creates the person and the membership in one transaction."""
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr)
    membership_start(
        actor=None, person=PersonFactory(), group=group, role="chair", start_date=D(2024, 1, 1)
    )
    people = Person.objects.count()
    response = admin_client.post(
        reverse("groups:membership_add", args=[group.pk]),
        {
            "new_first_name": "Andra",
            "new_last_name": "Ordföranden",
            "role": "chair",
            "region": regions[0].pk,
            "start_date": "2024-06-01",
            "voting_right": "on",
        },
    )
    assert response.status_code == 200
    assert "ordförande" in response.content.decode().lower()
    assert 'value="Ordföranden"' in response.content.decode()  # what was typed stays
    assert Person.objects.count() == people
    assert Membership.objects.filter(group=group).count() == 1


def test_add_member_without_person_gives_swedish_errors(admin_client, healthcare_region):
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr)
    response = admin_client.post(
        reverse("groups:membership_add", args=[group.pk]),
        {
            "role": "member",
            "region": regions[0].pk,
            "start_date": "2024-01-01",
            "note": "Behåll mig",
        },
    )
    content = response.content.decode()
    assert "Ange förnamn för en ny person" in content
    assert "Behåll mig" in content
    assert not Person.objects.exists()


def test_coverage_matrix_shows_gaps(admin_client, healthcare_region):
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr, name="Chefsamråd Kirurgi")
    membership_start(
        actor=None,
        person=PersonFactory(),
        group=group,
        role="member",
        region=regions[0],
        start_date=D(2020, 1, 1),
    )
    response = admin_client.get(reverse("groups:coverage", args=[hr.slug]))
    content = response.content.decode()
    assert "Chefsamråd Kirurgi" in content
    assert content.count('class="gap"') == 2


def test_unknown_group_is_404(admin_client):
    assert admin_client.get("/grupper/999999/").status_code == 404


def test_group_history_includes_membership_changes(admin_client, admin_user, healthcare_region):
    hr, regions = healthcare_region
    group = GroupFactory(healthcare_region=hr)
    person = PersonFactory(first_name="Tove", last_name="Skissberg")
    membership_start(
        actor=admin_user,
        person=person,
        group=group,
        role="secretary",
        region=regions[0],
        start_date=D(2024, 1, 1),
    )
    content = admin_client.get(group.get_absolute_url()).content.decode()
    assert "Tove Skissberg (sekreterare)" in content
    assert "Medlemskap påbörjat" in content


def test_group_list_marks_the_groups_the_user_leads(client, healthcare_region):
    from tests.groups.factories import UserFactory

    hr, regions = healthcare_region
    led, other = GroupFactory(healthcare_region=hr), GroupFactory(healthcare_region=hr)
    user = UserFactory()
    membership_start(
        actor=None,
        person=PersonFactory(user=user),
        group=led,
        role="convener",
        region=regions[0],
        start_date=D(2020, 1, 1),
    )
    client.force_login(user)
    content = client.get(reverse("groups:list")).content.decode()
    assert content.count("Du leder") == 1
    row = content[content.index(led.name) : content.index(led.name) + 300]
    assert "Du leder" in row and other.name not in row


def test_coverage_matrix_pages_its_groups_and_names_each_region_on_each_cell(
    admin_client, healthcare_region
):
    hr, regions = healthcare_region
    for name in ("Arbetsgrupp A", "Arbetsgrupp B", "Arbetsgrupp C"):
        GroupFactory(healthcare_region=hr, name=name, kind="working_group")
    second = selectors.coverage_matrix(hr.slug, page_number=2, per_page=2)
    assert [row.group.name for row in second.rows] == ["Arbetsgrupp C"]
    assert not second.page.has_next() and second.page.number == 2
    assert [cell.region for cell in second.rows[0].cells] == sorted(regions, key=lambda r: r.name)
    content = admin_client.get(reverse("groups:coverage", args=[hr.slug])).content.decode()
    # On a phone each cell is a line of the group's card, named after its region.
    assert f'<td class="gap" data-label="{regions[0].name}">' in content
