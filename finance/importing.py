"""Budgets from spreadsheets (CSV or XLSX): validate every row, then save all or nothing.

Format (docs/finance-import.md): a header row `label,kind,<year>,<year>,…` with consecutive
four-digit years, then one row per line. `kind` is `income`, `cost`, `opening_balance` (only
the first year's value is used) or `closing_check` (the closing balances the sheet states).
The computed rows of our own export (`total_income`, `result`, …) are accepted and skipped, so
an exported file imports again unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finance.models import AMOUNT_DECIMALS, AMOUNT_DIGITS, MAX_YEARS, Budget, LineKind
from finance.numbers import NumberError, parse_amount
from groups.models import Group
from portal.spreadsheets import (
    FORMULA_PREFIXES,
    Row,
    RowError,
    SpreadsheetError,
    column_letter,
    read_table,
)

INCOME, COST = LineKind.INCOME.value, LineKind.COST.value
OPENING_BALANCE = "opening_balance"
CLOSING_CHECK = "closing_check"
INPUT_KINDS = (INCOME, COST, OPENING_BALANCE, CLOSING_CHECK)
# Rows our export adds after the lines; they are recomputed, never read.
COMPUTED_KINDS = (
    "total_income",
    "total_cost",
    "result",
    "closing_balance",
    "closing_check_difference",
)
LARGEST = Decimal(10) ** (AMOUNT_DIGITS - AMOUNT_DECIMALS)
_YEAR = re.compile(r"^\d{4}$")


@dataclass
class ParsedLine:
    line: int
    label: str
    kind: str
    amounts: dict[int, Decimal]  # costs as positive amounts spent, once the file is read


@dataclass
class ParsedBudget:
    years: list[int]
    opening_balance: Decimal = Decimal(0)
    lines: list[ParsedLine] = field(default_factory=list)
    closing_checks: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class ImportResult:
    budget: Budget | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_budget(data: bytes, filename: str, *, owner: Group, title: str, actor) -> ImportResult:
    """Read the file and, only if every row is valid, create the budget with revision 1."""
    from finance import services

    result = ImportResult()
    parsed, result.errors = parse_budget_file(data, filename)
    if not title.strip():
        result.errors.insert(0, RowError(0, "–", _("Budgeten måste ha en rubrik.")))
    if result.errors or parsed is None:
        return result
    try:
        result.budget = services.budget_create(
            actor=actor,
            owner=owner,
            title=title.strip(),
            years=parsed.years,
            opening_balance=parsed.opening_balance,
            lines=[(line.label, line.kind, line.amounts) for line in parsed.lines],
            closing_checks=parsed.closing_checks,
            reason=_("Import från %(file)s") % {"file": filename},
        )
    except ValidationError as error:
        result.errors.extend(RowError(0, "–", message) for message in error.messages)
    return result


def parse_budget_file(data: bytes, filename: str) -> tuple[ParsedBudget | None, list[RowError]]:
    try:
        rows = read_table(data, filename)
    except SpreadsheetError as error:
        return None, [RowError(0, "–", str(error))]
    header, body = rows[0], rows[1:]
    years, errors = _parse_header(header)
    if errors:
        return None, errors
    parsed = ParsedBudget(years=years)
    seen_labels: dict[tuple[str, str], int] = {}
    special_rows: dict[str, int] = {}
    for row in body:
        _parse_row(row, parsed, errors, seen_labels, special_rows)
    if not parsed.lines and not errors:
        errors.append(
            RowError(
                header.line,
                "B",
                _("Filen har inga budgetrader. Ange minst en rad med kind income eller cost."),
            )
        )
    errors.extend(_normalise_cost_signs(parsed))
    errors.sort(key=lambda error: error.line)
    return (None if errors else parsed), errors


def _parse_header(header: Row) -> tuple[list[int], list[RowError]]:
    cells = list(header.cells)
    while cells and not cells[-1].strip():
        cells.pop()
    example = "label,kind,2020,2021,2022"
    if len(cells) < 3 or cells[0].strip().lower() != "label" or cells[1].strip().lower() != "kind":
        return [], [
            RowError(
                header.line,
                "A",
                _(
                    "Första raden ska vara rubrikraden: label,kind och sedan åren, "
                    "t.ex. %(example)s."
                )
                % {"example": example},
            )
        ]
    years: list[int] = []
    errors = []
    for index, cell in enumerate(cells[2:], start=2):
        text = cell.strip()
        if not _YEAR.match(text):
            errors.append(
                RowError(
                    header.line,
                    column_letter(index),
                    _("”%(value)s” är inget årtal. Skriv fyrsiffriga år, t.ex. 2020.")
                    % {"value": text},
                )
            )
            continue
        year = int(text)
        if years and year != years[-1] + 1:
            errors.append(
                RowError(
                    header.line,
                    column_letter(index),
                    _("Åren måste följa på varandra: efter %(previous)s kommer %(expected)s.")
                    % {"previous": years[-1], "expected": years[-1] + 1},
                )
            )
        years.append(year)
    if not errors and len(years) > MAX_YEARS:
        errors.append(
            RowError(
                header.line,
                column_letter(2 + MAX_YEARS),
                _("En budget kan omfatta högst %(max)s år.") % {"max": MAX_YEARS},
            )
        )
    return years, errors


def _parse_row(row: Row, parsed: ParsedBudget, errors, seen_labels, special_rows) -> None:
    cells = row.cells + [""] * (2 + len(parsed.years) - len(row.cells))
    label, kind = _unescaped(cells[0].strip()), cells[1].strip().lower()
    if kind in COMPUTED_KINDS:
        return
    if kind not in INPUT_KINDS:
        message = (
            _("Typ saknas. Skriv %(kinds)s.")
            if not kind
            else _("Okänd typ ”%(kind)s”. Skriv %(kinds)s.")
        )
        errors.append(
            RowError(
                row.line,
                "B",
                message % {"kind": cells[1].strip(), "kinds": ", ".join(INPUT_KINDS)},
            )
        )
        return
    for index in range(2 + len(parsed.years), len(cells)):
        if cells[index].strip():
            errors.append(
                RowError(
                    row.line,
                    column_letter(index),
                    _("Värdet ”%(value)s” står i en kolumn utan årsrubrik.")
                    % {"value": cells[index].strip()},
                )
            )
    amounts: dict[int, Decimal] = {}
    for offset, year in enumerate(parsed.years):
        text = cells[2 + offset]
        if kind == CLOSING_CHECK and not text.strip():
            continue  # no stated balance that year
        amount = _parse_cell(text, row.line, column_letter(2 + offset), year, errors)
        if amount is not None:
            amounts[year] = amount
    if kind in (OPENING_BALANCE, CLOSING_CHECK):
        if kind in special_rows:
            errors.append(
                RowError(
                    row.line,
                    "B",
                    _("Filen har redan en rad med typen %(kind)s (rad %(line)s). Ange den en gång.")
                    % {"kind": kind, "line": special_rows[kind]},
                )
            )
            return
        special_rows[kind] = row.line
        if kind == OPENING_BALANCE:
            parsed.opening_balance = amounts.get(parsed.years[0], Decimal(0))
        else:
            parsed.closing_checks = amounts
        return
    if not label:
        errors.append(RowError(row.line, "A", _("Raden saknar benämning (label).")))
        return
    key = (kind, label.lower())
    if key in seen_labels:
        errors.append(
            RowError(
                row.line,
                "A",
                _("Raden ”%(label)s” finns redan på rad %(line)s. Varje rad ska stå en gång.")
                % {"label": label, "line": seen_labels[key]},
            )
        )
        return
    seen_labels[key] = row.line
    parsed.lines.append(ParsedLine(row.line, label, kind, amounts))


def _unescaped(label: str) -> str:
    """The label as written before export: `portal.spreadsheets.safe_cell` put an apostrophe
    before text that Excel would otherwise run as a formula (”'=SUMMA(…)”)."""
    if label.startswith("'") and label[1:].startswith(FORMULA_PREFIXES):
        return label[1:]
    return label


def _parse_cell(text: str, line: int, column: str, year: int, errors) -> Decimal | None:
    try:
        amount = parse_amount(text, max_decimals=AMOUNT_DECIMALS)
    except NumberError as error:
        if str(error) == "too many decimals":
            message = _("”%(value)s” har fler än två decimaler.")
        else:
            message = _(
                "”%(value)s” är inget belopp. Skriv t.ex. 8441, 8 441, -6617, −6 617 eller 1,5."
            )
        errors.append(RowError(line, f"{column} ({year})", message % {"value": text.strip()}))
        return None
    if abs(amount) >= LARGEST:
        errors.append(
            RowError(line, f"{column} ({year})", _("Beloppet är för stort (tkr).")),
        )
        return None
    return amount


def _normalise_cost_signs(parsed: ParsedBudget) -> list[RowError]:
    """Costs are written all negative (as in seed 004) or all positive. Mixed is refused,
    naming the lines; otherwise costs become positive amounts spent."""
    costs = [line for line in parsed.lines if line.kind == COST]
    negative = [line for line in costs if any(v < 0 for v in line.amounts.values())]
    positive = [line for line in costs if any(v > 0 for v in line.amounts.values())]
    if negative and positive:

        def names(lines: list[ParsedLine]) -> str:
            return ", ".join(
                _("rad %(line)s (%(label)s)") % {"line": line.line, "label": line.label}
                for line in lines
            )

        minority_positive = len(positive) <= len(negative)
        minority = positive if minority_positive else negative
        message = _(
            "Kostnaderna är skrivna med olika tecken: negativa på %(negative)s, positiva på "
            "%(positive)s. Skriv alla kostnader antingen negativa eller positiva i hela filen."
        ) % {"negative": names(negative), "positive": names(positive)}
        return [
            RowError(line.line, _first_column(line, parsed.years, minority_positive), message)
            for line in minority
        ]
    if negative:
        for line in costs:
            line.amounts = {year: -value for year, value in line.amounts.items()}
    return []


def _first_column(line: ParsedLine, years: list[int], positive: bool) -> str:
    for offset, year in enumerate(years):
        value = line.amounts.get(year, Decimal(0))
        if (value > 0) if positive else (value < 0):
            return f"{column_letter(2 + offset)} ({year})"
    return "–"
