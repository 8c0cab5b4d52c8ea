"""The meeting, commission, budget and coverage lists: pinned query counts at two sizes, pages
without a COUNT over everything, and paging links that keep the filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.services import meetings
from tests.finance.factories import sized_budget
from tests.governance.factories import TZ, CommissionFactory, DeliverableFactory
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    MembershipFactory,
    RegionFactory,
)
from tests.helpers import assert_page_queries

pytestmark = pytest.mark.django_db


def add_meetings(group, count, *, items=2):
    for n in range(count):
        start = datetime.datetime(2025, 1, 1, 9, tzinfo=TZ) + datetime.timedelta(days=n)
        meeting = meetings.meeting_create(
            actor=None,
            group=group,
            title=f"Möte {n}",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place="Lund",
        )
        for i in range(items):
            meetings.agenda_item_add(actor=None, meeting=meeting, title=f"Punkt {i}")


def no_count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return not [q for q in context.captured_queries if "COUNT(*)" in q["sql"].upper()]


MEETING_LIST_QUERIES = 4


def test_meeting_list_pages_without_counting_every_meeting(admin_client):
    group = GroupFactory()
    add_meetings(group, 2)
    assert_page_queries(admin_client, "/moten/", MEETING_LIST_QUERIES)
    add_meetings(group, 53, items=3)
    assert_page_queries(admin_client, "/moten/", MEETING_LIST_QUERIES)
    assert_page_queries(admin_client, "/moten/?nar=past&q=m%C3%B6te", MEETING_LIST_QUERIES)
    assert no_count(admin_client, "/moten/")
    page = admin_client.get("/moten/", {"nar": "past"}).content.decode()
    assert "Möten i dina grupper, 1–50" in page
    assert 'href="?nar=past&amp;page=2"' in page
    second = admin_client.get("/moten/", {"nar": "past", "page": 2}).content.decode()
    assert "Möten i dina grupper, 51–55" in second
    assert (
        '<td class="number" data-label="Punkter">3</td>' in second
    )  # agenda items counted per meeting shown


COMMISSION_LIST_QUERIES = 6


def test_commission_list_pages_without_counting_every_commission(admin_client):
    CommissionFactory()
    assert_page_queries(admin_client, "/uppdrag/", COMMISSION_LIST_QUERIES)
    for _ in range(30):
        commission = CommissionFactory()
        DeliverableFactory(commission=commission, due_date=datetime.date(2020, 1, 1))
    assert_page_queries(admin_client, "/uppdrag/", COMMISSION_LIST_QUERIES)
    assert no_count(admin_client, "/uppdrag/")
    page = admin_client.get("/uppdrag/").content.decode()
    assert "Uppdrag 1–25" in page and "1 försenad" in page
    assert "Uppdrag 26–31" in admin_client.get("/uppdrag/", {"page": 2}).content.decode()


BUDGET_LIST_QUERIES = 5


def test_budget_list_is_paged(admin_client):
    sized_budget(lines=1, years=1)
    assert_page_queries(admin_client, reverse("finance:budget_list"), BUDGET_LIST_QUERIES)
    owner = GroupFactory()
    for _ in range(50):
        sized_budget(lines=1, years=1, owner=owner, with_regions=False)
    assert_page_queries(admin_client, reverse("finance:budget_list"), BUDGET_LIST_QUERIES)
    page = admin_client.get(reverse("finance:budget_list")).content.decode()
    assert 'href="?page=2"' in page
    second = admin_client.get(reverse("finance:budget_list"), {"page": 2}).content.decode()
    assert "Sida 2 (51–51)" in second


COVERAGE_QUERIES = 7


def test_coverage_matrix_is_counted_in_sql(admin_client):
    hr = HealthcareRegionFactory(slug="norra")
    regions = [RegionFactory(healthcare_region=hr) for _ in range(3)]
    group = GroupFactory(healthcare_region=hr)
    MembershipFactory(group=group, region=regions[0])
    url = reverse("groups:coverage", args=[hr.slug])
    assert_page_queries(admin_client, url, COVERAGE_QUERIES)
    for _ in range(6):
        other = GroupFactory(healthcare_region=hr)
        for region in regions[:2]:
            MembershipFactory(group=other, region=region)
            MembershipFactory(group=other, region=region)
    assert_page_queries(admin_client, url, COVERAGE_QUERIES)
    page = admin_client.get(url).content.decode()
    assert page.count('class="gap"') == 2 + 6
    assert '2 <span class="visually-hidden">medlemmar</span>' in page
