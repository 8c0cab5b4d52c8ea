"""Group rules: nesting within a healthcare region, national groups, hosting, choice labels."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groups import services
from groups.forms import GroupChoiceField
from groups.models import Group, HostingKind
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    PersonFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def regions():
    sodra = HealthcareRegionFactory(name="Södra sjukvårdsregionen", short_name="Södra")
    sydostra = HealthcareRegionFactory(name="Sydöstra sjukvårdsregionen", short_name="Sydöstra")
    return sodra, sydostra


def group_data(**changes):
    data = {
        "name": "RAG Barnonkologi och hematologi",
        "kind": "rag",
        "status": "active",
        "hosting_kind": "",
    }
    data.update(changes)
    return data


def test_a_group_cannot_nest_under_a_group_of_another_healthcare_region(admin_client, regions):
    sodra, sydostra = regions
    rpo = GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sodra)
    response = admin_client.post(
        reverse("groups:create"), group_data(healthcare_region=sydostra.pk, parent=rpo.pk)
    )
    assert response.status_code == 200
    assert "Den överordnade gruppen hör till Södra sjukvårdsregionen" in response.content.decode()
    assert not Group.objects.filter(name="RAG Barnonkologi och hematologi").exists()


def test_any_group_may_nest_under_a_national_group(admin_client, regions):
    sodra, sydostra = regions
    npo = GroupFactory(
        name="NPO Barn och ungdomars hälsa", healthcare_region=sodra, is_national=True
    )
    response = admin_client.post(
        reverse("groups:create"), group_data(healthcare_region=sydostra.pk, parent=npo.pk)
    )
    assert response.status_code == 302
    assert Group.objects.get(name="RAG Barnonkologi och hematologi").parent == npo


def test_moving_a_group_with_subgroups_to_another_healthcare_region_is_refused(regions):
    sodra, sydostra = regions
    rpo = GroupFactory(name="RPO Akutvård", healthcare_region=sodra)
    GroupFactory(name="RAG Trauma", healthcare_region=sodra, parent=rpo)
    with pytest.raises(ValidationError) as error:
        services.group_update(actor=None, group=rpo, healthcare_region=sydostra)
    assert "”RAG Trauma” hör till en annan sjukvårdsregion" in str(error.value)


def test_a_national_group_has_members_from_every_healthcare_region(regions):
    sodra, sydostra = regions
    npo = GroupFactory(name="NPO Hjärt-kärlsjukdomar", healthcare_region=sodra, is_national=True)
    kalmar = RegionFactory(healthcare_region=sydostra, name="Region Kalmar län")
    membership = services.membership_start(
        actor=None,
        person=PersonFactory(),
        group=npo,
        role="member",
        region=kalmar,
        start_date=D(2024, 1, 1),
    )
    assert membership.region == kalmar
    local = GroupFactory(name="RPO Hjärt-kärlsjukdomar", healthcare_region=sodra)
    with pytest.raises(ValidationError, match="hör inte till gruppens sjukvårdsregion"):
        services.membership_start(
            actor=None,
            person=PersonFactory(),
            group=local,
            role="member",
            region=kalmar,
            start_date=D(2024, 1, 1),
        )


def test_membership_form_offers_every_region_only_for_a_national_group(admin_client, regions):
    sodra, sydostra = regions
    RegionFactory(healthcare_region=sodra, name="Region Skåne")
    RegionFactory(healthcare_region=sydostra, name="Region Kalmar län")
    npo = GroupFactory(healthcare_region=sodra, is_national=True)
    rpo = GroupFactory(healthcare_region=sodra)
    national = admin_client.get(reverse("groups:membership_add", args=[npo.pk])).content.decode()
    local = admin_client.get(reverse("groups:membership_add", args=[rpo.pk])).content.decode()
    assert "Region Kalmar län" in national and "Region Skåne" in national
    assert "Region Kalmar län" not in local and "Region Skåne" in local


def test_duplicate_name_in_a_healthcare_region_reads_as_plain_swedish(admin_client, regions):
    sodra, _sydostra = regions
    GroupFactory(name="RAG Barnonkologi och hematologi", healthcare_region=sodra)
    response = admin_client.post(reverse("groups:create"), group_data(healthcare_region=sodra.pk))
    html = response.content.decode()
    assert "Det finns redan en grupp med det namnet i sjukvårdsregionen." in html
    assert "Sjukvårdsregion och Namn" not in html


def test_group_choices_show_the_healthcare_region_where_names_repeat(regions):
    sodra, sydostra = regions
    GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sodra)
    GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sydostra)
    GroupFactory(name="NPO Barn och ungdomars hälsa", healthcare_region=sodra, is_national=True)
    field = GroupChoiceField(queryset=Group.objects.order_by("name", "healthcare_region__name"))
    labels = sorted(label for value, label in field.choices if value)
    assert labels == [
        "NPO Barn och ungdomars hälsa (nationell)",
        "RPO Barn och ungdomars hälsa (Sydöstra)",
        "RPO Barn och ungdomars hälsa (Södra)",
    ]


@pytest.mark.parametrize(
    "url_name",
    ["groups:create", "governance:decision_create", "governance:commission_create"],
)
def test_every_group_choice_list_names_the_healthcare_region(admin_client, regions, url_name):
    sodra, sydostra = regions
    GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sodra, kind="committee")
    GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sydostra, kind="committee")
    html = admin_client.get(reverse(url_name)).content.decode()
    assert "RPO Barn och ungdomars hälsa (Södra)</option>" in html
    assert "RPO Barn och ungdomars hälsa (Sydöstra)</option>" in html


def test_choice_labels_cost_no_query_per_group(regions, django_assert_num_queries):
    sodra, sydostra = regions
    for n in range(6):
        GroupFactory(healthcare_region=sodra if n % 2 else sydostra)
    field = GroupChoiceField(queryset=Group.objects.all())
    with django_assert_num_queries(1):
        assert len([label for _value, label in field.choices]) == 7


def test_vardskap_is_shown_on_the_group_page(admin_client, regions):
    sodra, _sydostra = regions
    group = GroupFactory(
        name="RPO Tandvård", healthcare_region=sodra, hosting_kind=HostingKind.CARE
    )
    html = admin_client.get(group.get_absolute_url()).content.decode()
    assert "Vårdskap: Södra sjukvårdsregionen" in html
    dormant = GroupFactory(
        name="RPO Primärvårdsråd",
        healthcare_region=sodra,
        hosting_kind=HostingKind.CARE,
        status="dormant",
    )
    assert (
        "Vårdskap: Södra sjukvårdsregionen (vilande)"
        in admin_client.get(dormant.get_absolute_url()).content.decode()
    )


def test_hosting_needs_a_kind_and_a_region_of_the_healthcare_region(regions):
    sodra, sydostra = regions
    skane = RegionFactory(healthcare_region=sodra, name="Region Skåne")
    kalmar = RegionFactory(healthcare_region=sydostra, name="Region Kalmar län")
    cases = [
        ({"hosting_kind": HostingKind.HOSTING}, "Välj regionen som har värdskapet."),
        ({"host_region": skane}, "Välj om regionen har värdskap eller vårdskap."),
        (
            {"host_region": kalmar, "hosting_kind": HostingKind.HOSTING},
            "Värdregionen måste höra till gruppens sjukvårdsregion.",
        ),
    ]
    for fields, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.group_create(
                actor=None, name="RPO Tandvård", kind="rpo", healthcare_region=sodra, **fields
            )
    group = services.group_create(
        actor=None,
        name="RPO Tandvård",
        kind="rpo",
        healthcare_region=sodra,
        host_region=skane,
        hosting_kind=HostingKind.HOSTING,
    )
    assert group.hosting_label == "Värdskap: Region Skåne"


def test_demo_records_the_vardskap_of_seed_004(db):
    from groups import demo

    demo.load()
    care = dict(Group.objects.filter(hosting_kind=HostingKind.CARE).values_list("name", "status"))
    assert care == {
        "RPO Nervsystemets sjukdomar": "active",
        "RPO Njur- och urinvägssjukdomar": "active",
        "RPO Tandvård": "active",
        "RPO Primärvårdsråd": "dormant",
    }


def test_new_commission_from_a_group_page_makes_the_group_the_assignee(admin_client, regions):
    sodra, _sydostra = regions
    rpo = GroupFactory(name="RPO Barn och ungdomars hälsa", healthcare_region=sodra)
    rag = GroupFactory(name="RAG Barnonkologi", healthcare_region=sodra, parent=rpo)
    html = admin_client.get(rag.get_absolute_url()).content.decode()
    link = reverse("governance:commission_create") + f"?assignee={rag.pk}&amp;commissioner={rpo.pk}"
    assert f'href="{link}"' in html
    form = admin_client.get(
        reverse("governance:commission_create"), {"assignee": rag.pk, "commissioner": rpo.pk}
    ).context["form"]
    assert str(form["assignee"].value()) == str(rag.pk)
    assert str(form["commissioner"].value()) == str(rpo.pk)
