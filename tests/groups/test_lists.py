"""The group and people lists: sortable columns (?sortera=), the sort kept with the filters and
across pages, stacked cards on a phone, and the queries pinned with a sort."""

import re

import pytest
from django.urls import reverse

from groups.models import GroupKind
from tests.groups.factories import GroupFactory, MembershipFactory, PersonFactory, RegionFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(
        r'<td data-label="Namn"><a class="ds-link" href="[^"]+">([^<]+)</a>', response.text
    )


def build():
    alfa = GroupFactory(name="Alfa", kind=GroupKind.WORKING_GROUP)
    hr = alfa.healthcare_region
    beta = GroupFactory(name="Beta", kind=GroupKind.RAG, healthcare_region=hr)
    gamma = GroupFactory(name="Gamma", kind=GroupKind.COUNCIL, healthcare_region=hr)
    region = RegionFactory(healthcare_region=hr)
    for _ in range(3):
        MembershipFactory(group=beta, region=region)
    MembershipFactory(group=gamma, region=region)
    return alfa, beta, gamma


# Session, user, administrator group, the filter form's two region lists, the COUNT, the page
# (member counts as a subquery per shown row) and the groups the user leads.
GROUP_LIST_QUERIES = 8


@pytest.mark.parametrize("sort", ["", "-medlemmar", "typ", "overordnad"])
def test_the_group_list_runs_the_same_queries_with_any_sort_at_any_size(
    admin_client, django_assert_num_queries, sort
):
    build()
    url = reverse("groups:list")
    admin_client.get(url)
    with django_assert_num_queries(GROUP_LIST_QUERIES):
        assert admin_client.get(url, {"sortera": sort}).status_code == 200
    for _ in range(12):
        MembershipFactory(group=GroupFactory())
    with django_assert_num_queries(GROUP_LIST_QUERIES):
        assert admin_client.get(url, {"sortera": sort}).status_code == 200


def test_sorting_the_group_list_changes_the_order_a_user_sees(admin_client):
    build()
    url = reverse("groups:list")
    assert names(admin_client.get(url)) == ["Alfa", "Beta", "Gamma"]
    most = admin_client.get(url, {"sortera": "-medlemmar"})
    assert names(most) == ["Beta", "Gamma", "Alfa"]
    assert names(admin_client.get(url, {"sortera": "medlemmar"})) == ["Alfa", "Gamma", "Beta"]
    assert names(admin_client.get(url, {"sortera": "-namn"})) == ["Gamma", "Beta", "Alfa"]
    # Kinds in the order of their Swedish names (Arbetsgrupp, Regional arbetsgrupp, Råd), not
    # of the stored keys (council, rag, working_group).
    assert names(admin_client.get(url, {"sortera": "typ"})) == ["Alfa", "Beta", "Gamma"]
    assert names(admin_client.get(url, {"sortera": "-typ"})) == ["Gamma", "Beta", "Alfa"]
    # The active header says its direction and links to the other one.
    assert 'aria-sort="descending"><a class="sort-link" href="?sortera=medlemmar"' in most.text
    # An unknown sort (an old bookmark) falls back to the default order.
    assert names(admin_client.get(url, {"sortera": "losenord"})) == ["Alfa", "Beta", "Gamma"]


def test_the_sort_is_kept_with_the_filters_and_across_pages(admin_client):
    alfa = build()[0]
    for n in range(50):
        GroupFactory(name=f"Zeta {n:02}", healthcare_region=alfa.healthcare_region)
    url = reverse("groups:list")
    page = admin_client.get(url, {"sortera": "-namn", "status": "active"})
    assert names(page)[0] == "Zeta 49"
    assert 'href="?sortera=-namn&amp;status=active&amp;page=2"' in page.text
    assert '<input type="hidden" name="sortera" value="-namn">' in page.text
    assert 'href="?status=active&amp;sortera=typ"' in page.text  # a header keeps the filter
    second = admin_client.get(url, {"sortera": "-namn", "status": "active", "page": 2})
    assert names(second) == ["Gamma", "Beta", "Alfa"]


def test_the_group_list_is_a_stack_of_cards_on_a_phone(admin_client):
    build()
    page = admin_client.get(reverse("groups:list")).text
    assert 'class="ds-table stack-table"' in page
    for label in ("Typ", "Status", "Överordnad", "Sjukvårdsregion", "Värdskap", "Medlemmar"):
        assert f'data-label="{label}"' in page


PEOPLE_QUERIES = 5  # session, user, administrator group, the COUNT, the page


@pytest.mark.parametrize("sort", ["", "titel", "-arbetsgivare"])
def test_the_people_list_sorts_with_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, sort
):
    PersonFactory(last_name="Ek", title="Överläkare")
    url = reverse("groups:person_list")
    admin_client.get(url)
    with django_assert_num_queries(PEOPLE_QUERIES):
        admin_client.get(url, {"sortera": sort})
    for _ in range(60):
        PersonFactory(employer=RegionFactory())
    with django_assert_num_queries(PEOPLE_QUERIES):
        admin_client.get(url, {"sortera": sort})


def test_sorting_the_people_changes_the_order_a_user_sees(admin_client):
    PersonFactory(first_name="Ada", last_name="Berg", title="Chef")
    PersonFactory(first_name="Bo", last_name="Ahl", title="Utvecklare")
    PersonFactory(first_name="Cilla", last_name="Cedersund", title="Administratör")
    url = reverse("groups:person_list")

    def people(**params):
        text = admin_client.get(url, params).text
        return re.findall(
            r'<td data-label="Namn"><a class="ds-link" href="[^"]+">([^<]+)</a>', text
        )

    assert people() == ["Ahl, Bo", "Berg, Ada", "Cedersund, Cilla"]
    assert people(sortera="titel") == ["Cedersund, Cilla", "Berg, Ada", "Ahl, Bo"]
    assert people(sortera="-namn") == ["Cedersund, Cilla", "Berg, Ada", "Ahl, Bo"]
    # The search keeps the sort.
    assert people(sortera="-titel", q="e") == ["Ahl, Bo", "Berg, Ada", "Cedersund, Cilla"]
    page = admin_client.get(url, {"sortera": "titel", "q": "e"}).text
    assert '<input type="hidden" name="sortera" value="titel">' in page
