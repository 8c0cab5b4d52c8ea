"""Swedish full-text search of the decision register (PostgreSQL), its ranking, passages,
indexes and paging."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Decision, DecisionStatus
from governance.selectors import search as search_selectors
from governance.selectors.decisions import REGISTER_ORDER, decision_list
from governance.selectors.search import filter_decisions_by_text
from governance.services import decisions
from portal.search import prefix_query
from tests.groups.factories import GroupFactory, UserFactory
from tests.helpers import assert_page_queries

pytestmark = pytest.mark.django_db


def record(body, title, *, clauses=("att godkänna",), **fields):
    return decisions.decision_record(
        actor=None,
        body=body,
        title=title,
        clauses=list(clauses),
        decision_date=fields.pop("decision_date", datetime.date(2024, 3, 1)),
        **fields,
    )


def test_inflected_form_finds_the_seed_001_decision_on_the_demo_data(admin_client):
    call_command("load_demo", verbosity=0)
    response = admin_client.get("/beslut/", {"q": "arbetsfördelningen"})
    page = response.content.decode()
    assert "Överföring av projekt regional arbetsfördelning" in page
    # The passage is shown with the match marked.
    assert "<mark>arbetsfördelning</mark>" in page
    assert "Processledarstöd" not in page


def test_prefix_finds_compounds_and_every_word_must_match(admin_client):
    body = GroupFactory()
    compound = record(body, "Arbetsfördelningsprojektet i söder")
    other = record(body, "Budget för 2025")
    found = list(filter_decisions_by_text(Decision.objects.all(), "arbetsfördelning"))
    assert found == [compound]
    assert list(filter_decisions_by_text(Decision.objects.all(), "budget söder")) == []
    assert list(filter_decisions_by_text(Decision.objects.all(), "budgeten")) == [other]


def test_clauses_case_text_and_diarienummer_are_searched(admin_client):
    body = GroupFactory()
    by_clause = record(body, "Ärende ett", clauses=["att inrätta en samordningsgrupp"])
    by_case = record(body, "Ärende två", case_description="Vården av barn med diabetes.")
    by_number = record(body, "Ärende tre", registry_number="RS/1009/2017")
    search = lambda text: list(filter_decisions_by_text(Decision.objects.all(), text))  # noqa: E731
    assert search("samordningsgrupperna") == [by_clause]
    assert search("diabetesvården") == []  # a word's end is no prefix
    assert search("diabetes") == [by_case]
    assert search("1009/2017") == [by_number]
    assert search("rs/1009") == [by_number]


def test_title_matches_rank_above_clause_matches(admin_client):
    body = GroupFactory()
    in_clause = record(body, "Ärende A", clauses=["att utreda patologin"])
    in_title = record(body, "Patologi i norr")
    found = list(filter_decisions_by_text(Decision.objects.order_by(*REGISTER_ORDER), "patologi"))
    assert found == [in_title, in_clause]


def test_the_passage_is_escaped_html_with_marks(admin_client):
    body = GroupFactory()
    record(body, "Ärende", case_description="Texten <script>alert(1)</script> om läkemedel & mer.")
    response = admin_client.get("/beslut/", {"q": "läkemedel"})
    page = response.content.decode()
    assert "<mark>läkemedel</mark>" in page
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page


def test_search_keeps_proposals_of_other_bodies_hidden(client):
    body = GroupFactory()
    record(body, "Hemlig plan för cancervården", status=DecisionStatus.PROPOSED, clauses=[])
    record(body, "Öppet beslut om cancervården")
    outsider = UserFactory()
    found = [d.title for d in decision_list(user=outsider, search="cancervård")]
    assert found == ["Öppet beslut om cancervården"]


def test_register_search_and_filters_run_pinned_queries_without_a_count(admin_client):
    body = GroupFactory()
    for n in range(3):
        record(body, f"Ärende om vårdförlopp {n}")
    admin_client.get("/beslut/")  # the shared filter choices are cached from here on
    with CaptureQueriesContext(connection) as context:
        admin_client.get("/beslut/", {"q": "vårdförloppen", "year": 2024})
    assert not [q for q in context.captured_queries if "COUNT(" in q["sql"].upper()]
    assert_page_queries(admin_client, "/beslut/?q=v%C3%A5rdf%C3%B6rloppen&year=2024", 6)
    for n in range(3, 60):
        record(body, f"Ärende om vårdförlopp {n}")
    admin_client.get("/beslut/")
    assert_page_queries(admin_client, "/beslut/?q=v%C3%A5rdf%C3%B6rloppen&year=2024", 6)
    page = admin_client.get("/beslut/", {"q": "vårdförloppen"}).content.decode()
    assert "Beslut 1–50" in page
    assert 'href="?q=v%C3%A5rdf%C3%B6rloppen&amp;page=2"' in page
    second = admin_client.get("/beslut/", {"q": "vårdförloppen", "page": 2}).content.decode()
    assert "Beslut 51–60" in second
    assert admin_client.get("/beslut/", {"page": 9}).status_code == 404


def test_a_new_year_reaches_the_cached_year_filter(admin_client):
    body = GroupFactory()
    record(body, "Ärende", decision_date=datetime.date(2024, 3, 1))
    assert 'value="2023"' not in admin_client.get("/beslut/").content.decode()
    record(body, "Äldre ärende", decision_date=datetime.date(2023, 3, 1))
    assert 'value="2023"' in admin_client.get("/beslut/").content.decode()


def plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_and_register_order_are_served_by_indexes(admin_client):
    body = GroupFactory()
    record(body, "Regional arbetsfördelning", registry_number="RS/1/2024")
    # A decision's own match (vector, title, diarienummer) and its clauses' matches, as the
    # ranked search and a search sorted by a column read them.
    own = Decision.objects.order_by().filter(search_selectors._own_match("arbete"))
    own_plan = plan(*own.query.sql_with_params())
    assert "decision_search_vector" in own_plan and "decision_title_trgm" in own_plan
    clause_plan = plan(search_selectors._CLAUSE_MATCH, [prefix_query("arbete")])
    assert "decision_clause_search_vector" in clause_plan
    searched = filter_decisions_by_text(Decision.objects.order_by(*REGISTER_ORDER), "arbete")
    assert "decision_clause_search_vector" in plan(*searched.query.sql_with_params())
    register = Decision.objects.order_by(*REGISTER_ORDER)[:50]
    assert "decision_register_order" in plan(*register.query.sql_with_params())
