"""Exports: CSV and XLSX in the import format plus computed rows, round trips, the PDF paper."""

import csv
import io
import subprocess
from decimal import Decimal

import pikepdf
import pytest
from django.core.management import CommandError, call_command

from finance import exporting, selectors
from finance.importing import import_budget
from finance.models import Budget
from tests.finance.factories import seed_budget

D = Decimal
pytestmark = pytest.mark.django_db


def csv_rows(data: bytes) -> list[list[str]]:
    """A CSV export as Swedish Excel reads it: UTF-8 with BOM, semicolons."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def content(budget):
    """Lines, amounts, opening balance and checks of a budget's latest revision."""
    view = selectors.budget_view(budget.pk)
    return (
        view.years,
        view.revision.opening_balance,
        [(row.line.label, row.line.kind, row.values) for row in view.rows],
        [(check.year, check.stated) for check in view.table.checks],
    )


def test_csv_has_the_import_header_lines_and_computed_rows(committee):
    view = selectors.budget_view(seed_budget(owner=committee).pk)
    rows = csv_rows(exporting.budget_csv(view))
    assert rows[0] == ["label", "kind", "2020", "2021", "2022"]
    assert rows[1] == ["Solidarisk finansiering kansli och nämnd", "income", "8441", "8441", "8441"]
    assert rows[3] == [
        "Löpande utgifter (inklusive pensionsavgångar)",
        "cost",
        "-6617",
        "-5537",
        "-5537",
    ]
    computed = {row[1]: row[2:] for row in rows[8:]}
    assert list(computed) == [
        "total_income",
        "total_cost",
        "result",
        "opening_balance",
        "closing_balance",
        "closing_check",
        "closing_check_difference",
    ]
    assert computed["total_income"] == ["23441", "8441", "8441"]
    assert computed["total_cost"] == ["-16832", "-15682", "-15682"]
    assert computed["result"] == ["6609", "-7241", "-7241"]
    assert computed["opening_balance"] == ["11827", "18436", "11195"]
    assert computed["closing_balance"] == ["18436", "11195", "3954"]
    assert computed["closing_check"] == ["18436", "16221", "9945"]
    assert computed["closing_check_difference"] == ["0", "-5026", "-5991"]


def test_exported_csv_imports_again_unchanged(committee):
    original = seed_budget(owner=committee)
    data = exporting.budget_csv(selectors.budget_view(original.pk))
    again = import_budget(data, "export.csv", owner=committee, title="Igen", actor=None)
    assert again.ok, again.errors
    assert content(again.budget) == content(original)


def test_exported_xlsx_imports_again_unchanged_with_decimals(committee):
    from finance import services

    original = services.budget_create(
        actor=None,
        owner=committee,
        title="Decimaler",
        years=[2024, 2025],
        opening_balance=D("-3.25"),
        lines=[
            ("Intäkt", "income", {2024: D("1.5"), 2025: D(1000)}),
            ("Kostnad", "cost", {2024: D("0.75")}),
        ],
    )
    view = selectors.budget_view(original.pk)
    again = import_budget(
        exporting.budget_xlsx(view), "e.xlsx", owner=committee, title="I", actor=None
    )
    assert again.ok, again.errors
    assert content(again.budget) == content(original)
    csv_again = import_budget(
        exporting.budget_csv(view), "e.csv", owner=committee, title="C", actor=None
    )
    assert content(csv_again.budget) == content(original)


def test_pdf_is_a_landscape_table_with_the_checks(committee, tmp_path):
    view = selectors.budget_view(seed_budget(owner=committee).pk)
    path = tmp_path / "budget.pdf"
    path.write_bytes(exporting.budget_pdf(view))
    with pikepdf.open(path) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box[2] > box[3], "the budget paper is landscape"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SÖDRA REGIONVÅRDSNÄMNDEN" in text  # the letterhead is set in capitals
    assert "Utgående balans" in text
    assert "−6 617" in text.replace("\u00a0", " ")
    assert "Sida 1 av 2" in text
    info = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True).stdout
    assert 'pdfaid:part="3"' in info


def test_import_and_export_commands(committee, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("label;kind;2020\nIntäkt;income;8 441\nKostnad;cost;−41\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_budget", str(source), owner="Södra Regionvårdsnämnden", title="T", stdout=out
    )
    budget = Budget.objects.get()
    assert out.getvalue().strip() == str(budget.pk)
    for fmt in ("csv", "xlsx", "pdf"):
        target = tmp_path / f"out.{fmt}"
        call_command(
            "export_budget", str(budget.pk), format=fmt, output=str(target), stdout=io.StringIO()
        )
        assert target.stat().st_size > 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[1] == (
        "Intäkt;income;8441"
    )
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_import_command_reports_errors_and_saves_nothing(committee, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("label,kind,2020\nIntäkt,income,x\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Inget importerades: 1 fel"):
        call_command(
            "import_budget", str(source), owner="Södra Regionvårdsnämnden", title="T", stderr=err
        )
    assert "Rad 2, kolumn C (2020): ”x” är inget belopp" in err.getvalue()
    with pytest.raises(CommandError, match="ingen grupp"):
        call_command("import_budget", str(source), owner="Finns inte", title="T")
    assert Budget.objects.count() == 0


FORMULA = '=HYPERLINK("http://x")'


def formula_budget(committee):
    from finance import services

    return services.budget_create(
        actor=None,
        owner=committee,
        title="Formler",
        years=[2024, 2025],
        lines=[
            (FORMULA, "income", {2024: D(100)}),
            ("+46 Tjänst", "cost", {2024: D(5)}),
            ("@SUMMA", "cost", {2025: D(7)}),
            ("-6617", "cost", {2025: D(1)}),
            ("Vanlig rad", "cost", {2024: D("1.5")}),
        ],
    )


def test_safe_cell_escapes_text_that_would_become_a_formula():
    import datetime

    from portal.spreadsheets import safe_cell

    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert safe_cell(text) == "'" + text
    for value in ("", "Löpande utgifter", "'=redan skyddad text", D("-6617"), 2024, None):
        assert safe_cell(value) == value
    assert safe_cell(datetime.date(2024, 1, 1)) == datetime.date(2024, 1, 1)


def test_exported_text_cannot_become_a_formula_in_excel(committee):
    from openpyxl import load_workbook

    view = selectors.budget_view(formula_budget(committee).pk)
    rows = csv_rows(exporting.budget_csv(view))
    labels = [row[0] for row in rows[1:6]]
    assert labels == [
        "'" + FORMULA,
        "'+46 Tjänst",
        "'@SUMMA",
        "'-6617",
        "Vanlig rad",
    ]
    # Amounts stay numbers: a negative amount is written as a number, not escaped.
    assert rows[2][2:] == ["-5", "0"]

    sheet = load_workbook(io.BytesIO(exporting.budget_xlsx(view))).active
    cells = {cell.value: cell for cell in sheet["A"]}
    # A string cell: Excel shows the text as typed, with no apostrophe, and never runs it.
    assert FORMULA in cells and "'" + FORMULA not in cells
    assert all(cell.data_type == "s" for cell in sheet["A"])
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["C3"].value == -5 and sheet["C3"].data_type == "n"


def test_escaped_labels_import_again_as_written(committee):
    original = formula_budget(committee)
    view = selectors.budget_view(original.pk)
    for name, data in (
        ("e.csv", exporting.budget_csv(view)),
        ("e.xlsx", exporting.budget_xlsx(view)),
    ):
        again = import_budget(data, name, owner=committee, title=name, actor=None)
        assert again.ok, again.errors
        assert content(again.budget) == content(original)
        labels = [row.line.label for row in selectors.budget_view(again.budget.pk).rows]
        assert labels[0] == FORMULA


def test_cost_sharing_csv_escapes_labels(committee):
    from finance.calculations import LineData
    from finance.cost_sharing import RegionInfo, share_line, sharing_csv

    sharing = share_line(
        LineData(label="=2+2", kind="income", amounts={2024: D(10)}),
        years=[2024],
        regions=[RegionInfo(key=1, name="@Region")],
        populations={(1, 2024): 5},
    )
    rows = csv_rows(sharing_csv([sharing]))
    assert rows[1] == ["'=2+2", "'@Region", "10"]


def test_xlsx_has_number_cells_a_frozen_header_and_a_filter(committee):
    from openpyxl import load_workbook

    view = selectors.budget_view(seed_budget(owner=committee).pk)
    sheet = load_workbook(io.BytesIO(exporting.budget_xlsx(view))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert [cell.value for cell in sheet[1]] == ["label", "kind", "2020", "2021", "2022"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["C4"].value == -6617 and sheet["C4"].data_type == "n"
    assert sheet["C4"].number_format == "#,##0"


def test_csv_writes_decimal_commas_unquoted_between_semicolons(committee):
    from finance import services

    budget = services.budget_create(
        actor=None,
        owner=committee,
        title="Decimaler",
        years=[2024],
        lines=[("Intäkt, med komma", "income", {2024: D("1.5")})],
    )
    text = exporting.budget_csv(selectors.budget_view(budget.pk)).decode("utf-8-sig")
    assert text.splitlines()[1] == "Intäkt, med komma;income;1,5"
