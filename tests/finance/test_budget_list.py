"""The budget list: sorted within each owning body by a column (?sortera=), the queries pinned
with a sort, and stacked cards on a phone."""

import re

import pytest
from django.urls import reverse

from tests.finance.factories import CommitteeFactory, seed_budget

pytestmark = pytest.mark.django_db

# Session, user, administrator group, the page (revisions counted for its rows), may import.
BUDGET_LIST_QUERIES = 5


def titles(response) -> list[str]:
    return re.findall(
        r'<td data-label="Budget"><a class="ds-link" href="[^"]+">([^<]+)</a>', response.text
    )


def test_sorting_orders_each_bodys_budgets_with_the_same_queries(
    admin_client, django_assert_num_queries
):
    owner = CommitteeFactory(name="Regionvårdsnämnden")
    for title in ("Budget Beta", "Budget Alfa", "Budget Gamma"):
        seed_budget(owner=owner, title=title)
    url = reverse("finance:budget_list")
    admin_client.get(url)
    with django_assert_num_queries(BUDGET_LIST_QUERIES):
        by_title = admin_client.get(url, {"sortera": "budget"})
    assert titles(by_title) == ["Budget Alfa", "Budget Beta", "Budget Gamma"]
    assert titles(admin_client.get(url, {"sortera": "-budget"})) == [
        "Budget Gamma",
        "Budget Beta",
        "Budget Alfa",
    ]
    # The default (newest years first, then by title) is what the page showed before sorting.
    assert titles(admin_client.get(url)) == ["Budget Alfa", "Budget Beta", "Budget Gamma"]
    assert 'aria-sort="ascending"' in by_title.text
    assert 'class="ds-table stack-table"' in by_title.text
    assert 'data-label="Fastställd genom"' in by_title.text
