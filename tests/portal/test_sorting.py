from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from portal.sorting import Column, sort_from

COLUMNS = (
    Column("titel", "Titel", ("title",)),
    Column("datum", "Datum", ("starts_at",), descending_first=True),
)


def test_the_default_applies_without_a_sort_and_for_an_unknown_value():
    assert sort_from(QueryDict(""), COLUMNS, default="-datum").order_by() == ["-starts_at", "-pk"]
    unknown = sort_from(QueryDict("sortera=losenord"), COLUMNS, default="titel")
    assert unknown.order_by() == ["title", "pk"]


def test_a_requested_column_and_direction_order_the_list_with_a_unique_tie_breaker():
    assert sort_from(QueryDict("sortera=-titel"), COLUMNS, default="titel").order_by() == [
        "-title",
        "-pk",
    ]
    assert sort_from(QueryDict("sortera=datum"), COLUMNS, default="titel").value == "datum"


def test_the_active_header_toggles_and_others_start_in_their_natural_direction():
    sort = sort_from(QueryDict("sortera=titel"), COLUMNS, default="-datum")
    title = sort.header("titel")
    assert title["active"] and title["aria_sort"] == "ascending" and title["value"] == "-titel"
    date = sort.header("datum")
    # The date column's first click is its default (newest first), so the URL drops the sort.
    assert not date["active"] and date["aria_sort"] is None and date["value"] is None


def test_the_header_link_keeps_the_filters_and_returns_to_the_first_page():
    request = RequestFactory().get("/beslut/", {"ar": "2024", "page": "3", "sortera": "titel"})
    sort = sort_from(request.GET, COLUMNS, default="-datum")
    html = Template("{% load portal_tags %}{% sort_header sort 'titel' 'wide' %}").render(
        Context({"request": request, "sort": sort})
    )
    assert 'aria-sort="ascending"' in html and 'class="wide"' in html
    assert 'href="?ar=2024&amp;sortera=-titel"' in html
    other = Template("{% load portal_tags %}{% sort_header sort 'datum' %}").render(
        Context({"request": request, "sort": sort})
    )
    assert 'href="?ar=2024"' in other and "aria-sort" not in other and "(sortera)" in other
