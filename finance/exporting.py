"""Budgets out: CSV and XLSX in the import format (plus computed rows), and a landscape PDF.

The CSV starts with the import header and lines (costs negative, as in seed 004), then the
computed rows. Importing it again gives the same lines and amounts: the importer skips the
computed kinds and reads `opening_balance` (first year) and `closing_check`.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from finance.importing import CLOSING_CHECK, OPENING_BALANCE
from finance.numbers import plain_amount
from finance.selectors import BudgetView
from portal.pdf import DocumentInfo, render_pdf
from portal.spreadsheets import safe_cell

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def table_rows(view: BudgetView) -> list[list]:
    """Header, lines and computed rows, with Decimal values (callers choose how to write them).

    Text cells are raw here; the CSV and XLSX writers pass them through `safe_cell`."""
    years = view.years
    table = view.table
    figures = table.figures
    rows: list[list] = [["label", "kind", *years]]
    rows += [[row.line.label, row.line.kind, *row.values] for row in view.rows]
    rows += [
        [_("Summa intäkter"), "total_income", *[f.total_income for f in figures]],
        [_("Summa kostnader"), "total_cost", *[-f.total_cost for f in figures]],
        [_("Årets resultat"), "result", *[f.result for f in figures]],
        [_("Ingående balans"), OPENING_BALANCE, *[f.opening_balance for f in figures]],
        [_("Utgående balans"), "closing_balance", *[f.closing_balance for f in figures]],
    ]
    if table.checks:
        checks = {check.year: check for check in table.checks}
        rows += [
            [
                _("Utgående balans enligt underlaget"),
                CLOSING_CHECK,
                *[checks[y].stated if y in checks else None for y in years],
            ],
            [
                _("Skillnad mot beräknad utgående balans"),
                "closing_check_difference",
                *[checks[y].difference if y in checks else None for y in years],
            ],
        ]
    return rows


def budget_csv(view: BudgetView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table_rows(view):
        writer.writerow(
            [plain_amount(cell) if isinstance(cell, Decimal) else safe_cell(cell) for cell in row]
        )
    return buffer.getvalue()


def budget_xlsx(view: BudgetView) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Budget")[:31]
    for row in table_rows(view):
        sheet.append([safe_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    number_format = "#,##0"  # Excel shows its locale's separators
    for row in sheet.iter_rows(min_row=2, min_col=3):
        for cell in row:
            if isinstance(cell.value, Decimal):
                if cell.value != cell.value.to_integral_value():
                    cell.number_format = "#,##0.0#"
                else:
                    cell.number_format = number_format
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 26
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def budget_pdf(view: BudgetView) -> bytes:
    budget = view.budget
    info = DocumentInfo(
        title=_("Ekonomisk sammanställning: %(title)s") % {"title": budget.title},
        author=budget.owner.name,
        subject=_("Budget %(first)s–%(last)s, revision %(number)s")
        % {"first": budget.first_year, "last": budget.last_year, "number": view.revision.number},
        keywords=("budget", str(budget.first_year), str(budget.last_year)),
    )
    return render_pdf(
        "finance/pdf/budget.html", {"view": view, "today": timezone.localdate()}, info
    )


def export(view: BudgetView, fmt: str) -> bytes:
    if fmt == "csv":
        return budget_csv(view).encode("utf-8")
    if fmt == "xlsx":
        return budget_xlsx(view)
    if fmt == "pdf":
        return budget_pdf(view)
    raise ValueError(fmt)


def filename(view: BudgetView, fmt: str) -> str:
    return f"budget-{view.budget.pk}-rev{view.revision.number}.{fmt}"
