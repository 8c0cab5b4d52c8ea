"""Budgets out: CSV and XLSX in the import format (plus computed rows), and a landscape PDF.

The CSV starts with the import header and lines (costs negative, as in seed 004), then the
computed rows. Importing it again gives the same lines and amounts: the importer skips the
computed kinds and reads `opening_balance` (first year) and `closing_check`.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from finance.importing import CLOSING_CHECK, OPENING_BALANCE
from finance.selectors import BudgetView
from portal.downloads import download_filename
from portal.pdf import DocumentInfo, render_pdf
from portal.spreadsheets import write_csv, write_xlsx

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def table_rows(view: BudgetView) -> list[list]:
    """Header, lines and computed rows, with Decimal values (the writers choose how to write
    them: `write_csv` makes formula-like text safe, `write_xlsx` writes it as string cells)."""
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
                _("Skillnad: beräknad minus underlagets utgående balans"),
                "closing_check_difference",
                *[checks[y].difference if y in checks else None for y in years],
            ],
        ]
    return rows


def budget_csv(view: BudgetView) -> bytes:
    """Semicolon-separated with decimal commas and a BOM, as Swedish Excel opens it."""
    return write_csv(table_rows(view))


def budget_xlsx(view: BudgetView) -> bytes:
    """Amounts as number cells, labels as string cells, a frozen header and an autofilter."""
    header, *rows = table_rows(view)
    return write_xlsx(header, rows, title=_("Budget"), widths={"A": 52, "B": 26})


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
        return budget_csv(view)
    if fmt == "xlsx":
        return budget_xlsx(view)
    if fmt == "pdf":
        return budget_pdf(view)
    raise ValueError(fmt)


def filename(view: BudgetView, fmt: str, *, kind: str = "budget") -> str:
    """`budget-3-rev1-ekonomisk-sammanstallning-….csv`, cut at a word boundary."""
    return download_filename(
        kind, view.budget.pk, f"rev{view.revision.number}", view.budget.title, extension=fmt
    )
