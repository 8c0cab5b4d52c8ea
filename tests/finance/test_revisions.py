"""Each revision keeps its own opening balance; the comparison page runs few, fixed queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import selectors, services
from tests.finance.factories import DecisionFactory, seed_budget, sized_budget
from tests.helpers import assert_page_queries, page_queries

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(committee):
    return seed_budget(owner=committee)


def opening_url(budget):
    return reverse("finance:revision_opening_balance", args=[budget.pk])


def closing(view):
    return [balance for _, balance in view.table.closing_balances]


def test_a_new_revision_copies_the_opening_balance(budget):
    revision = services.revision_create(actor=None, budget=budget)
    assert revision.opening_balance == D(11827)
    assert revision.history.first().opening_balance == D(11827)


def test_secretary_changes_the_opening_balance_with_a_reason_older_revisions_keep_theirs(
    client, budget, secretary
):
    services.budget_adopt(actor=None, budget=budget, decision=DecisionFactory(body=budget.owner))
    client.force_login(secretary)
    # The adopted revision is frozen: the page says so instead of showing the form.
    refused = client.get(opening_url(budget), follow=True).content.decode()
    assert "Revisionen är fastställd och kan inte ändras." in refused

    services.revision_create(actor=None, budget=budget, note="Bokslut 2019")
    page = client.get(opening_url(budget)).content.decode()
    assert 'value="11 827"' in page
    response = client.post(
        opening_url(budget), {"opening_balance": "12 000", "reason": "Bokslut 2019 fastställt"}
    )
    assert response.status_code == 302

    latest = selectors.budget_view(budget.pk)
    first = selectors.budget_view(budget.pk, revision_number=1)
    assert latest.revision.opening_balance == D(12000)
    assert closing(latest) == [D(18609), D(11368), D(4127)]
    assert first.revision.opening_balance == D(11827)
    assert closing(first) == [D(18436), D(11195), D(3954)]
    record = latest.revision.history.first()
    assert record.history_user == secretary
    assert record.history_change_reason == (
        "Ingående balans i revision 2 ändrad från 11 827 till 12 000 tkr: Bokslut 2019 fastställt"
    )
    html = client.get(budget.get_absolute_url()).content.decode()
    assert "Revision 2" in html and "Bokslut 2019 fastställt" in html  # history row
    assert "12\u00a0000 tkr" in html
    older = client.get(budget.get_absolute_url() + "?revision=1").content.decode()
    assert "11\u00a0827 tkr" in older

    compare = client.get(
        reverse("finance:revision_compare", args=[budget.pk]) + "?old=1&new=2"
    ).content.decode()
    assert "Ingående balans 2020" in compare
    assert '<td class="number">173</td>' in compare


def test_bad_opening_balance_input_is_explained_and_kept(client, budget, secretary):
    client.force_login(secretary)
    cases = [
        ({"opening_balance": "", "reason": "X"}, "Skriv den ingående balansen i tkr"),
        ({"opening_balance": "tolv", "reason": "X"}, "Skriv ett belopp i tkr"),
        ({"opening_balance": "1,255", "reason": "X"}, "Högst två decimaler."),
        ({"opening_balance": "12 000", "reason": ""}, "Skriv varför den ingående balansen ändras."),
        (
            {"opening_balance": "11 827", "reason": "X"},
            "Den ingående balansen är redan 11 827 tkr.",
        ),
    ]
    for data, message in cases:
        response = client.post(opening_url(budget), data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    assert 'value="tolv"' in client.post(opening_url(budget), cases[1][0]).content.decode()
    assert budget.revisions.get().opening_balance == D(11827)


def test_only_those_who_manage_the_budget_may_change_the_opening_balance(user_client, budget):
    assert user_client.get(opening_url(budget)).status_code == 403
    assert user_client.post(opening_url(budget), {"opening_balance": "1"}).status_code == 403
    with pytest.raises(ValidationError):
        services.revision_set_opening_balance(
            actor=None, revision=budget.revisions.get(), opening_balance=D(1), reason=" "
        )


def test_comparison_page_runs_a_small_constant_number_of_queries(admin_client):
    small = sized_budget(lines=3, years=3)
    large = sized_budget(lines=30, years=12)
    for budget in (small, large, large):
        services.revision_create(actor=None, budget=budget)
    small_url = reverse("finance:revision_compare", args=[small.pk]) + "?old=1&new=2"
    large_url = reverse("finance:revision_compare", args=[large.pk]) + "?old=1&new=3"
    page_queries(admin_client, small_url)  # warm caches (content types, site)
    # Session, user; budget, revisions; both revisions' lines, their amounts; closing checks;
    # the administrator check of the menu.
    assert_page_queries(admin_client, small_url, 8)
    assert_page_queries(admin_client, large_url, 8)
