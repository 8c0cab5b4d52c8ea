"""Sorting the governance lists by a column header: the order a user sees changes, the sort
stays in the URL with the filters, across pages and into the register's export, the tables
stack on a phone (data-label on every cell), and a sorted page runs the same pinned number of
queries as the default one."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from governance.models import CommissionStatus, MeetingStatus, SectionTemplate
from governance.services import decisions
from tests.governance.factories import TZ, CommissionFactory, DeliverableFactory, MeetingFactory
from tests.groups.factories import GroupFactory
from tests.helpers import assert_page_queries

pytestmark = pytest.mark.django_db


def order_of(page: str, *names: str) -> list[str]:
    """The names in the order they first appear in the page."""
    found = {name: page.find(name) for name in names}
    missing = [name for name, at in found.items() if at < 0]
    assert not missing, f"not on the page: {missing}"
    return sorted(names, key=found.__getitem__)


def body_cells_have_labels(page: str) -> bool:
    """Every cell of the table's body names its column (the stacked cards show it)."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    cells = re.findall(r"<t[dh]\b[^>]*>", body)
    return bool(cells) and all("data-label=" in cell for cell in cells)


@pytest.fixture
def register(committee):
    other = GroupFactory(name="Arbetsutskott")
    for body, title, registry, day in (
        (committee, "Budget för 2025", "RS 2024/3", datetime.date(2024, 3, 1)),
        (committee, "Cancervård i samverkan", "RS 2024/1", datetime.date(2024, 9, 1)),
        (other, "Avveckling av nätverket", "RS 2024/2", datetime.date(2024, 5, 1)),
    ):
        decisions.decision_record(
            actor=None,
            body=body,
            title=title,
            clauses=["att besluta"],
            registry_number=registry,
            decision_date=day,
        )


SORTED_REGISTER_QUERIES = 6


def test_the_register_sorts_by_each_column_and_keeps_the_filters(admin_client, register):
    url = reverse("governance:decision_list")
    titles = ("Budget för 2025", "Cancervård i samverkan", "Avveckling av nätverket")
    by_title = admin_client.get(url, {"sortera": "arende"}).content.decode()
    assert order_of(by_title, *titles) == [titles[2], titles[0], titles[1]]
    reverse_title = admin_client.get(url, {"sortera": "-arende"}).content.decode()
    assert order_of(reverse_title, *titles) == [titles[1], titles[0], titles[2]]
    by_registry = admin_client.get(url, {"sortera": "diarienummer"}).content.decode()
    assert order_of(by_registry, *titles) == [titles[1], titles[2], titles[0]]
    newest = admin_client.get(url, {"sortera": "-datum"}).content.decode()
    assert order_of(newest, *titles) == [titles[1], titles[2], titles[0]]
    by_body = admin_client.get(url, {"sortera": "organ"}).content.decode()
    assert order_of(by_body, *titles)[0] == titles[2]  # Arbetsutskott before the committee
    # The active header says its direction; the others link with the filters kept.
    assert 'aria-sort="ascending"' in by_title
    filtered = admin_client.get(url, {"year": 2024, "sortera": "arende"}).content.decode()
    assert 'href="?year=2024&amp;sortera=-arende"' in filtered
    assert '<input type="hidden" name="sortera" value="arende">' in filtered
    assert body_cells_have_labels(by_title) and "stack-table" in by_title
    for query in ("", "?sortera=arende", "?sortera=-datum", "?sortera=organ&year=2024"):
        assert_page_queries(admin_client, url + query, SORTED_REGISTER_QUERIES)


def test_the_export_is_in_the_order_of_the_page(admin_client, register):
    response = admin_client.get(
        reverse("governance:decision_export", args=["csv"]), {"sortera": "arende"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[4] for row in rows[1:]] == [
        "Avveckling av nätverket",
        "Budget för 2025",
        "Cancervård i samverkan",
    ]
    page = admin_client.get(reverse("governance:decision_list"), {"sortera": "arende"})
    assert "export.csv?sortera=arende" in page.content.decode()


def test_a_searched_register_ranks_until_a_column_is_chosen(admin_client, register):
    url = reverse("governance:decision_list")
    ranked = admin_client.get(url, {"q": "besluta"}).content.decode()
    assert "Sorterat efter relevans" in ranked and "aria-sort" not in ranked
    sorted_page = admin_client.get(url, {"q": "besluta", "sortera": "-arende"}).content.decode()
    assert "Sorterat efter relevans" not in sorted_page
    assert order_of(sorted_page, "Cancervård i samverkan", "Budget för 2025") == [
        "Cancervård i samverkan",
        "Budget för 2025",
    ]


MEETING_LIST_QUERIES = 4


def test_the_meeting_list_sorts_and_keeps_the_sort_across_pages(admin_client):
    first = GroupFactory(name="Beredningsgrupp")
    second = GroupFactory(name="Arbetsgrupp")
    start = datetime.datetime(2025, 3, 1, 9, tzinfo=TZ)
    MeetingFactory(group=first, title="Vårmöte", starts_at=start, place="Umeå")
    MeetingFactory(
        group=second,
        title="Höstmöte",
        starts_at=start + datetime.timedelta(days=200),
        place="Lund",
        status=MeetingStatus.CANCELLED,
    )
    url = reverse("governance:meeting_list")
    newest = admin_client.get(url).content.decode()
    assert order_of(newest, "Vårmöte", "Höstmöte") == ["Höstmöte", "Vårmöte"]
    by_group = admin_client.get(url, {"sortera": "-grupp"}).content.decode()
    assert order_of(by_group, "Vårmöte", "Höstmöte") == ["Vårmöte", "Höstmöte"]
    by_place = admin_client.get(url, {"sortera": "plats"}).content.decode()
    assert order_of(by_place, "Vårmöte", "Höstmöte") == ["Höstmöte", "Vårmöte"]
    by_title = admin_client.get(url, {"sortera": "-mote"}).content.decode()
    assert order_of(by_title, "Vårmöte", "Höstmöte") == ["Vårmöte", "Höstmöte"]
    assert body_cells_have_labels(by_title)
    for query in ("?sortera=grupp", "?sortera=-mote", "?sortera=status&nar=past&q=m%C3%B6te"):
        assert_page_queries(admin_client, url + query, MEETING_LIST_QUERIES)
    for n in range(55):
        MeetingFactory(group=first, title=f"Möte {n:02}", starts_at=start)
    page = admin_client.get(url, {"sortera": "mote", "q": "möte"}).content.decode()
    assert 'href="?sortera=mote&amp;q=m%C3%B6te&amp;page=2"' in page
    assert '<input type="hidden" name="sortera" value="mote">' in page
    assert_page_queries(admin_client, url + "?sortera=mote", MEETING_LIST_QUERIES)


COMMISSION_LIST_QUERIES = 6


def test_the_commission_list_sorts_by_title_and_next_delivery(admin_client):
    late = CommissionFactory(title="Bemanning", start_date=datetime.date(2024, 1, 1))
    soon = CommissionFactory(title="Akutflöden", start_date=datetime.date(2023, 1, 1))
    DeliverableFactory(commission=late, due_date=datetime.date(2027, 6, 1))
    DeliverableFactory(commission=soon, due_date=datetime.date(2026, 1, 1))
    CommissionFactory(title="Cancerplan", status=CommissionStatus.COMPLETED)
    url = reverse("governance:commission_list")
    default = admin_client.get(url).content.decode()
    assert order_of(default, "Bemanning", "Akutflöden") == ["Bemanning", "Akutflöden"]
    by_title = admin_client.get(url, {"sortera": "titel"}).content.decode()
    assert order_of(by_title, "Bemanning", "Akutflöden", "Cancerplan") == [
        "Akutflöden",
        "Bemanning",
        "Cancerplan",
    ]
    by_delivery = admin_client.get(url, {"sortera": "leverans"}).content.decode()
    assert order_of(by_delivery, "Bemanning", "Akutflöden") == ["Akutflöden", "Bemanning"]
    assert body_cells_have_labels(by_title)
    filtered = admin_client.get(url, {"assignee": late.assignee_id, "sortera": "-titel"})
    assert "Bemanning" in filtered.content.decode()
    assert "Akutflöden" not in filtered.content.decode()
    for query in ("?sortera=titel", "?sortera=leverans", "?sortera=-grupp&status=decided"):
        assert_page_queries(admin_client, url + query, COMMISSION_LIST_QUERIES)


def test_the_section_templates_sort_by_name_or_kind(admin_client):
    url = reverse("governance:section_template_list")
    admin_client.get(url)  # the standard templates are made on the first visit
    names = list(SectionTemplate.objects.order_by("name").values_list("name", flat=True))
    by_name = admin_client.get(url).content.decode()
    assert order_of(by_name, *names) == names
    by_name_reversed = admin_client.get(url, {"sortera": "-mall"}).content.decode()
    assert order_of(by_name_reversed, *names) == names[::-1]
    assert body_cells_have_labels(by_name)
    assert 'aria-sort="descending"' in by_name_reversed


GROUP_MEETINGS_QUERIES = 5


def test_a_groups_meeting_calendar_shows_the_latest_month_first_when_asked(admin_client):
    group = GroupFactory()
    start = datetime.datetime(2025, 3, 1, 9, tzinfo=TZ)
    MeetingFactory(group=group, title="Vårmöte", starts_at=start)
    MeetingFactory(group=group, title="Höstmöte", starts_at=start + datetime.timedelta(days=200))
    url = reverse("governance:meeting_group_list", args=[group.pk])
    oldest = admin_client.get(url).content.decode()
    assert order_of(oldest, "Vårmöte", "Höstmöte") == ["Vårmöte", "Höstmöte"]
    latest = admin_client.get(url, {"sortera": "-datum"}).content.decode()
    assert order_of(latest, "Vårmöte", "Höstmöte") == ["Höstmöte", "Vårmöte"]
    assert 'href="?sortera=-datum" aria-current="true"' in latest
    assert_page_queries(admin_client, url, GROUP_MEETINGS_QUERIES)
    assert_page_queries(admin_client, url + "?sortera=-datum", GROUP_MEETINGS_QUERIES)
