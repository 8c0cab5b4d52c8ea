"""The global search in the header: every kind, only what the user may read, pinned queries."""

import datetime

import pytest

from governance.models import CommissionStatus, DecisionStatus
from governance.services import decisions, meetings, minutes
from tests.governance.conftest import member
from tests.governance.factories import TZ, CommissionFactory
from tests.groups.factories import GroupFactory, PersonFactory
from tests.helpers import assert_page_queries

pytestmark = pytest.mark.django_db


def meeting_with_note(group, text, *, day=6):
    meeting = meetings.meeting_create(
        actor=None,
        group=group,
        title="Nätverksmöte",
        starts_at=datetime.datetime(2025, 5, day, 13, tzinfo=TZ),
        ends_at=datetime.datetime(2025, 5, day, 15, tzinfo=TZ),
        place="Videomöte",
    )
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapporter")
    minutes.minutes_item_note_save(actor=None, meeting=meeting, agenda_item=item, text=text)
    return meeting


def world(n: int, body, other):
    """n of every kind matching "cancer", some in a group the searcher does not belong to."""
    for i in range(n):
        GroupFactory(name=f"Cancergrupp {body.pk}-{i}")
        PersonFactory(first_name="Cancer", last_name=f"Forskare{i}")
        CommissionFactory(title=f"Cancervårdens uppdrag {i}", commissioner=body, assignee=body)
        decisions.decision_record(
            actor=None,
            body=body,
            title=f"Cancerplan {i}",
            clauses=["att fastställa planen"],
            decision_date=datetime.date(2024, 1, 1),
        )
        meeting_with_note(body, "Rapport om cancervården i regionen.", day=1 + i % 27)
    decisions.decision_record(
        actor=None,
        body=other,
        title="Hemligt cancerförslag",
        clauses=[],
        status=DecisionStatus.PROPOSED,
    )
    CommissionFactory(
        title="Cancerutkast", status=CommissionStatus.DRAFT, commissioner=other, assignee=other
    )
    meeting_with_note(other, "Annan grupps cancerprotokoll.")


def test_every_kind_is_searched_and_only_what_the_user_may_read(client):
    body, other = GroupFactory(name="Cancerrådet"), GroupFactory(name="Annan grupp")
    reader = member(body)
    client.force_login(reader.user)
    world(1, body, other)
    page = client.get("/sok/", {"q": "cancervården"}).content.decode()
    assert "Cancervårdens uppdrag 0" in page
    assert "Rapport om <mark>cancervården</mark> i regionen" in page
    page = client.get("/sok/", {"q": "cancer"}).content.decode()
    for shown in ("Cancergrupp", "Cancer Forskare0", "Cancerplan 0", "Cancerrådet"):
        assert shown in page
    for hidden in ("Hemligt cancerförslag", "Cancerutkast", "Annan grupps"):
        assert hidden not in page


def test_a_kind_alone_is_paged_and_keeps_the_search_in_its_links(admin_client):
    body = GroupFactory()
    for i in range(30):
        PersonFactory(first_name="Karin", last_name=f"Söderlund{i:02d}")
    page = admin_client.get("/sok/", {"q": "söderlund", "typ": "personer"}).content.decode()
    assert "Söderlund24" in page and "Söderlund25" not in page
    assert 'href="?q=s%C3%B6derlund&amp;typ=personer&amp;page=2"' in page
    second = admin_client.get("/sok/", {"q": "söderlund", "typ": "personer", "page": 2})
    assert "Söderlund29" in second.content.decode()
    everything = admin_client.get("/sok/", {"q": "söderlund"}).content.decode()
    assert 'href="?q=s%C3%B6derlund&amp;typ=personer&amp;page=1"' in everything
    assert body.name not in everything


# One query per kind, on top of the session, the user and the administrator check.
ALL_KINDS_QUERIES = 8
ONE_KIND_QUERIES = 4


def test_search_runs_the_same_queries_whatever_the_data(client):
    body, other = GroupFactory(name="Cancerrådet"), GroupFactory(name="Annan grupp")
    reader = member(body)
    client.force_login(reader.user)
    world(1, body, other)
    assert_page_queries(client, "/sok/?q=cancer", ALL_KINDS_QUERIES)
    assert_page_queries(client, "/sok/?q=cancer&typ=protokoll", ONE_KIND_QUERIES)
    world(7, body, other)
    assert_page_queries(client, "/sok/?q=cancer", ALL_KINDS_QUERIES)
    assert_page_queries(client, "/sok/?q=cancer&typ=protokoll", ONE_KIND_QUERIES)
    assert_page_queries(client, "/sok/?q=cancer&typ=beslut", ONE_KIND_QUERIES)


def test_the_header_offers_the_search_and_an_empty_search_says_what_to_do(admin_client):
    dashboard = admin_client.get("/").content.decode()
    assert 'action="/sok/"' in dashboard and 'role="search"' in dashboard
    page = admin_client.get("/sok/").content.decode()
    assert "Skriv vad du söker efter." in page
