"""The closing-balance check says what went wrong, and which way the difference runs."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.calculations import LineData, compute_table
from finance.checks import check_explanation, explained_checks
from finance.models import BudgetLine

D = Decimal


def table(checks, *, opening=1000):
    lines = [
        LineData("Finansiering", "income", {2020: D(800), 2021: D(800), 2022: D(800)}),
        LineData("Kostnader", "cost", {2020: D(300), 2021: D(900), 2022: D(900)}),
    ]
    return compute_table(
        years=[2020, 2021, 2022], opening_balance=D(opening), lines=lines, closing_checks=checks
    )


def explanation(checks, year, **kwargs):
    computed = table(checks, **kwargs)
    return check_explanation(computed, next(c for c in computed.checks if c.year == year))


def test_a_surplus_counted_again_is_named_with_its_year():
    # 2020: result 500, closing 1 500; 2021: result −100, closing 1 400.
    text = explanation({2021: D(1900)}, 2021)
    assert text == (
        "Utgående balans enligt underlaget är 1\u00a0900, beräknat 1\u00a0400: skillnaden "
        "\u2212500 (beräknat minus underlag). Troligen har överskottet från 2020 räknats två "
        "gånger."
    )


def test_a_closing_balance_carried_twice_and_the_opening_balance_counted_twice():
    assert "den utgående balansen från 2020 förts över två gånger" in explanation(
        {2021: D(2900)}, 2021
    )
    assert "den ingående balansen 1\u00a0000 från före 2020 räknats två gånger" in explanation(
        {2020: D(2500)}, 2020
    )


def test_a_difference_that_carries_on_says_where_it_comes_from():
    text = explanation({2021: D(1470), 2022: D(1370)}, 2022)
    assert "skillnaden \u221270 (beräknat minus underlag)" in text
    assert "Skillnaden är densamma som 2021 och följer troligen med därifrån." in text


def test_otherwise_a_plain_explanation_in_the_right_direction():
    more = explanation({2020: D(1537)}, 2020)
    assert "skillnaden \u221237" in more and "Underlaget anger 37 tkr mer än" in more
    less = explanation({2020: D(1463)}, 2020)
    assert "skillnaden 37 " in less and "Underlaget anger 37 tkr mindre än" in less


def test_matching_checks_need_no_explanation():
    computed = table({2020: D(1500)})
    assert [row.explanation for row in explained_checks(computed)] == [""]


@pytest.mark.django_db
def test_the_line_form_shows_a_cost_negative_as_the_page_does(admin_client, committee):
    from tests.finance.factories import seed_budget

    budget = seed_budget(owner=committee)
    line = BudgetLine.objects.get(label__startswith="Löpande")
    url = reverse("finance:budget_line_edit", args=[budget.pk, line.pk])
    html = admin_client.get(url).content.decode()
    assert 'value="\u22126 617"' in html
    assert "Kostnader skrivs och visas med minustecken, som i budgettabellen" in html
    page = admin_client.get(budget.get_absolute_url()).content.decode()
    assert '<td class="number negative">\u22126\u00a0617</td>' in page
    income = BudgetLine.objects.get(label__startswith="Solidarisk")
    form = admin_client.get(reverse("finance:budget_line_edit", args=[budget.pk, income.pk]))
    assert 'value="8 441"' in form.content.decode()
