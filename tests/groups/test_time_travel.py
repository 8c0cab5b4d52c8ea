"""A group's composition as of a chosen day, from the history: members, roles and regions as
recorded then, a banner on the past view, Swedish refusals for days before the group was
recorded or in the future, and the same number of queries however long the history is."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import MembershipRole
from tests.groups.factories import GroupFactory, MembershipFactory, PersonFactory, RegionFactory
from tests.helpers import recorded_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline():
    """2024-01-10 the group is recorded with Anna (Region Skåne) as a member; 2024-06-01 she
    becomes convener; 2025-02-01 the group is renamed, her term has ended and Bertil (Region
    Blekinge) has joined."""
    with recorded_on("2024-01-10"):
        shift_history_ids()
        group = GroupFactory(name="Arbetsgrupp Cancer")
        skane = RegionFactory(name="Region Skåne", healthcare_region=group.healthcare_region)
        blekinge = RegionFactory(name="Region Blekinge", healthcare_region=group.healthcare_region)
        anna = PersonFactory(first_name="Anna", last_name="Andersson")
        seat = MembershipFactory(
            person=anna, group=group, region=skane, start_date=datetime.date(2024, 1, 1)
        )
    with recorded_on("2024-06-01"):
        seat.role = MembershipRole.CONVENER
        seat.save()
    with recorded_on("2025-02-01"):
        group.name = "RAG Cancer"
        group.save()
        seat.end_date = datetime.date(2025, 1, 31)
        seat.save()
        MembershipFactory(
            person=PersonFactory(first_name="Bertil", last_name="Berg"),
            group=group,
            region=blekinge,
            start_date=datetime.date(2025, 2, 1),
        )
    return group


def shift_history_ids(*extra):
    """Rows saved twice first, so no history row's id equals its object's (a lookup by the
    wrong key would find another object)."""
    for row in (GroupFactory(), PersonFactory(), MembershipFactory(), RegionFactory(), *extra):
        row.save()
        row.save()


def as_of(client, group, day):
    return client.get(reverse("groups:as_of", args=[group.pk]), {"datum": day})


def test_the_group_as_it_was_recorded_on_each_day(user_client, timeline):
    first = as_of(user_client, timeline, "2024-03-01").content.decode()
    assert "Arbetsgrupp Cancer den 1 mars 2024" in first
    assert 'id="as-of-banner"' in first and "Så här såg det ut den 1 mars 2024" in first
    assert "Anna Andersson" in first and "Region Skåne" in first and "Ledamot" in first
    assert "Bertil" not in first

    later = as_of(user_client, timeline, "2024-07-01").content.decode()
    assert "Anna Andersson" in later and "Sammankallande" in later

    last = as_of(user_client, timeline, "2025-03-01").content.decode()
    assert "RAG Cancer den 1 mars 2025" in last
    assert "Bertil Berg" in last and "Region Blekinge" in last
    assert "Anna Andersson" not in last


def test_days_before_the_group_or_in_the_future_are_refused_in_swedish(user_client, timeline):
    before = as_of(user_client, timeline, "2023-12-31")
    assert before.status_code == 200
    text = before.content.decode()
    assert "Det fanns inget om detta i portalen den 31 december 2023" in text
    assert "historiken börjar 10 januari 2024" in text
    assert 'id="as-of-banner"' not in text and 'value="2023-12-31"' in text

    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    text = as_of(user_client, timeline, future).content.decode()
    assert "har inte inträffat än" in text and 'id="as-of-banner"' not in text

    text = as_of(user_client, timeline, "igår").content.decode()
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in text


def test_the_group_page_has_the_date_field(user_client, timeline):
    page = user_client.get(timeline.get_absolute_url()).content.decode()
    assert f'action="{reverse("groups:as_of", args=[timeline.pk])}"' in page
    assert "Visa som den var den" in page


def test_an_unknown_group_is_404(user_client):
    assert user_client.get(reverse("groups:as_of", args=[999999])).status_code == 404


@pytest.mark.parametrize("extra_changes", [0, 40])
def test_the_past_view_runs_the_same_queries_however_long_the_history(
    user_client, timeline, django_assert_num_queries, extra_changes
):
    with recorded_on("2024-02-01"):
        for n in range(extra_changes):
            timeline.description = f"Version {n}"
            timeline.save()
    # The page around it (session, user, navigation: 3), the group and its first history
    # day (2), then the group, memberships, people, regions and healthcare region as of the
    # day (5).
    with django_assert_num_queries(10):
        response = as_of(user_client, timeline, "2024-03-01")
    assert response.status_code == 200
