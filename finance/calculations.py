"""The computed budget table: the one place where totals, results and balances are worked out.

Pure functions on plain data (no ORM), so the rules can be tested for any lines and years.

For each year:  result = total income − total cost;  closing = opening + result;
opening = the previous year's closing (the first year's comes from the budget).
The carried balance enters only as the opening balance, never as a line: it is counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal(0)
INCOME = "income"
COST = "cost"


@dataclass(frozen=True)
class LineData:
    """One budget line as plain data. Costs are positive amounts spent."""

    label: str
    kind: str
    amounts: Mapping[int, Decimal]

    def amount(self, year: int) -> Decimal:
        return self.amounts.get(year, ZERO)

    def signed(self, year: int) -> Decimal:
        """The amount as it affects the balance (costs negative), as the sheets write it."""
        return -self.amount(year) if self.kind == COST else self.amount(year)


@dataclass(frozen=True)
class YearFigures:
    year: int
    total_income: Decimal
    total_cost: Decimal
    opening_balance: Decimal

    @property
    def result(self) -> Decimal:
        return self.total_income - self.total_cost

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.result


@dataclass(frozen=True)
class CheckDifference:
    year: int
    stated: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        """Computed minus stated: negative when the sheet claims more than there is."""
        return self.computed - self.stated

    @property
    def matches(self) -> bool:
        return self.difference == ZERO


@dataclass(frozen=True)
class BudgetTable:
    years: tuple[int, ...]
    figures: tuple[YearFigures, ...]
    checks: tuple[CheckDifference, ...] = field(default=())

    def for_year(self, year: int) -> YearFigures:
        return self.figures[self.years.index(year)]

    @property
    def closing_balances(self) -> list[tuple[int, Decimal]]:
        return [(f.year, f.closing_balance) for f in self.figures]

    @property
    def differences(self) -> list[CheckDifference]:
        return [check for check in self.checks if not check.matches]


def compute_table(
    *,
    years: Sequence[int],
    opening_balance: Decimal,
    lines: Iterable[LineData],
    closing_checks: Mapping[int, Decimal] | None = None,
) -> BudgetTable:
    """Totals and balances per year, and each stated closing balance against the computed one."""
    lines = list(lines)
    figures = []
    opening = Decimal(opening_balance)
    for year in years:
        income = sum((line.amount(year) for line in lines if line.kind == INCOME), ZERO)
        cost = sum((line.amount(year) for line in lines if line.kind == COST), ZERO)
        year_figures = YearFigures(
            year=year, total_income=income, total_cost=cost, opening_balance=opening
        )
        figures.append(year_figures)
        opening = year_figures.closing_balance
    by_year = {f.year: f for f in figures}
    checks = tuple(
        CheckDifference(year=year, stated=stated, computed=by_year[year].closing_balance)
        for year, stated in sorted((closing_checks or {}).items())
        if year in by_year
    )
    return BudgetTable(years=tuple(years), figures=tuple(figures), checks=checks)
