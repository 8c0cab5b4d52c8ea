"""The computed table: totals, results and a carried balance counted exactly once."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finance.calculations import LineData, compute_table

D = Decimal
YEARS = [2020, 2021, 2022]


def per_year(*amounts):
    return dict(zip(YEARS, map(D, amounts), strict=True))


def seed_lines():
    return [
        LineData("Solidarisk finansiering", "income", per_year(8441, 8441, 8441)),
        LineData("Statliga ersättningar", "income", {2020: D(15000)}),
        LineData("Löpande utgifter", "cost", per_year(6617, 5537, 5537)),
        LineData("Ej inräknade processledare", "cost", per_year(840, 1680, 1680)),
        LineData("Tillkommande beslutade", "cost", per_year(7785, 5285, 5285)),
        LineData("Handläggartjänst", "cost", per_year(540, 1080, 1080)),
        LineData("Tidsbegränsade processledare", "cost", per_year(1050, 2100, 2100)),
    ]


def test_seed_004_closing_balances_carry_once_and_the_sheets_differences_show():
    table = compute_table(
        years=YEARS,
        opening_balance=D(11827),
        lines=seed_lines(),
        closing_checks={2020: D(18436), 2021: D(16221), 2022: D(9945)},
    )
    assert [f.total_income for f in table.figures] == [D(23441), D(8441), D(8441)]
    assert [f.total_cost for f in table.figures] == [D(16832), D(15682), D(15682)]
    assert [f.result for f in table.figures] == [D(6609), D(-7241), D(-7241)]
    assert [f.opening_balance for f in table.figures] == [D(11827), D(18436), D(11195)]
    assert [f.closing_balance for f in table.figures] == [D(18436), D(11195), D(3954)]
    # The sheet adds the carried surplus a second time from 2021 on.
    assert [(c.year, c.difference) for c in table.checks] == [
        (2020, D(0)),
        (2021, D(-5026)),
        (2022, D(-5991)),
    ]
    assert [c.year for c in table.differences] == [2021, 2022]


amounts = st.decimals(
    min_value=D("-99999999.99"), max_value=D("99999999.99"), places=2, allow_nan=False
)


@st.composite
def budgets(draw):
    first = draw(st.integers(min_value=1990, max_value=2100))
    years = list(range(first, first + draw(st.integers(min_value=1, max_value=12))))
    line_count = draw(st.integers(min_value=0, max_value=15))
    lines = [
        LineData(
            label=f"rad {index}",
            kind=draw(st.sampled_from(["income", "cost"])),
            amounts=draw(st.dictionaries(st.sampled_from(years), amounts, max_size=len(years))),
        )
        for index in range(line_count)
    ]
    return years, draw(amounts), lines


@given(budgets())
def test_last_closing_is_first_opening_plus_all_results(budget):
    years, opening, lines = budget
    table = compute_table(years=years, opening_balance=opening, lines=lines)
    assert table.figures[0].opening_balance == opening
    assert table.figures[-1].closing_balance == opening + sum(f.result for f in table.figures)


@given(budgets())
def test_each_opening_is_the_previous_closing(budget):
    years, opening, lines = budget
    table = compute_table(years=years, opening_balance=opening, lines=lines)
    for previous, current in zip(table.figures, table.figures[1:], strict=False):
        assert current.opening_balance == previous.closing_balance
    for figures in table.figures:
        assert figures.closing_balance == figures.opening_balance + figures.result


@given(budgets())
def test_totals_are_the_sums_of_the_lines(budget):
    years, opening, lines = budget
    table = compute_table(years=years, opening_balance=opening, lines=lines)
    for figures in table.figures:
        year = figures.year
        assert figures.total_income == sum(
            (line.amount(year) for line in lines if line.kind == "income"), D(0)
        )
        assert figures.result == sum((line.signed(year) for line in lines), D(0))


@given(budgets(), amounts)
def test_a_carried_balance_shifts_every_closing_by_exactly_itself(budget, extra):
    """Counted once: more money carried in raises each year's closing by that amount, not a
    multiple of it."""
    years, opening, lines = budget
    base = compute_table(years=years, opening_balance=opening, lines=lines)
    more = compute_table(years=years, opening_balance=opening + extra, lines=lines)
    for a, b in zip(base.figures, more.figures, strict=True):
        assert b.closing_balance - a.closing_balance == extra
        assert b.result == a.result


def test_checks_outside_the_years_are_ignored_and_matching_checks_are_not_differences():
    table = compute_table(
        years=[2020],
        opening_balance=D(10),
        lines=[LineData("x", "income", {2020: D("1.5")})],
        closing_checks={2020: D("11.5"), 2030: D(1)},
    )
    assert [c.year for c in table.checks] == [2020]
    assert table.differences == []
