"""Every list of the API runs the same number of queries whatever the size of the data."""

import pytest
from django.test import Client

from tests.oparl.conftest import more_published

pytestmark = pytest.mark.django_db

# Per list: the queries of its first page (the body, a COUNT per queryset it is made of, the rows,
# and the prefetches of what its objects embed).
LISTS = {
    "organization": 6,  # the body; groups and regions: 2 counts, 2 selects; memberships
    "person": 4,
    "membership": 3,
    "meeting": 13,
    "paper": 11,  # decisions (with § and votes) and commissions
    "agendaitem": 11,
    "consultation": 9,
    "file": 9,  # the body; a COUNT and a SELECT each: attachments, minutes, extracts, commissions
    "legislativeterm": 1,
}


@pytest.mark.parametrize("more", [0, 6])
@pytest.mark.parametrize(("name", "queries"), LISTS.items())
def test_a_list_runs_a_fixed_number_of_queries(
    record, django_assert_num_queries, name, queries, more
):
    more_published(record["body"], record["committee"], more)
    client = Client()
    with django_assert_num_queries(queries):
        response = client.get(f"/oparl/v1/body/{record['body'].pk}/{name}/")
    assert response.status_code == 200
    if name not in ("legislativeterm", "consultation"):
        assert response.json()["pagination"]["totalElements"] > more


@pytest.mark.parametrize("more", [0, 6])
def test_the_system_bodies_and_a_meeting_run_a_fixed_number_of_queries(
    record, django_assert_num_queries, more
):
    more_published(record["body"], record["committee"], more)
    client = Client()
    body = record["body"].pk
    for url, queries in (
        ("/oparl/v1/", 1),
        ("/oparl/v1/body/", 2),
        (f"/oparl/v1/body/{body}/", 1),
        (f"/oparl/v1/meeting/{record['meeting'].pk}/", 11),
        # Deleted (unpublished) papers come along with modified_since: two more sources.
        (f"/oparl/v1/body/{body}/paper/?modified_since=2000-01-01T00:00:00Z", 14),
    ):
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
