"""Budget import: Swedish spreadsheet numbers, every bad row reported, nothing saved unless all
rows are valid."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finance.importing import import_budget, parse_budget_file
from finance.models import Budget, BudgetAmount, BudgetLine, ClosingCheck, LineCategory

D = Decimal
pytestmark = pytest.mark.django_db

SEED_CSV = """label;kind;2020;2021;2022
Solidarisk finansiering kansli och nämnd;income;8441;8 441;8\u00a0441
Statliga ersättningar 2019+2020;income;15000;;
Löpande utgifter (inklusive pensionsavgångar);cost;-6617;\u22125 537;\u22125\u202f537
Ej inräknade befintliga processledare;cost;-840;-1680;-1680
Akkumulerat överskott från föregående år;opening_balance;11827;5026;965
Tillkommande beslutade kostnader;cost;-7785;-5285;-5285
Handläggartjänst till kansliet (enligt ärende 1);cost;-540;-1080;-1080
Tidsbegränsade processledare (enligt ärende 2);cost;-1050;-2100;-2100
Slutlig balans;closing_check;18436;16221;9945
"""


def amounts_of(budget):
    revision = budget.revisions.get()
    return {
        line.label: (line.kind, [a.amount for a in line.amounts.order_by("year")])
        for line in revision.lines.all()
    }


def test_seed_sheet_imports_with_costs_as_amounts_spent(committee):
    result = import_budget(
        SEED_CSV.encode(), "bilaga2.csv", owner=committee, title="B2", actor=None
    )
    assert result.ok, result.errors
    budget = result.budget
    assert (budget.first_year, budget.last_year, budget.revisions.get().opening_balance) == (
        2020,
        2022,
        D(11827),
    )
    lines = amounts_of(budget)
    assert lines["Solidarisk finansiering kansli och nämnd"] == ("income", [D(8441)] * 3)
    assert lines["Statliga ersättningar 2019+2020"] == ("income", [D(15000), D(0), D(0)])
    assert lines["Löpande utgifter (inklusive pensionsavgångar)"] == (
        "cost",
        [D(6617), D(5537), D(5537)],
    )
    assert list(budget.revisions.get().lines.values_list("position", flat=True)) == list(
        range(1, 8)
    )
    checks = ClosingCheck.objects.filter(revision__budget=budget).order_by("year")
    assert [c.stated_closing_balance for c in checks] == [D(18436), D(16221), D(9945)]
    line = BudgetLine.objects.get(label="Solidarisk finansiering kansli och nämnd")
    assert line.category == LineCategory.SHARED_FINANCING
    assert line.history.first().history_change_reason == "Import från bilaga2.csv"


@pytest.mark.parametrize(
    ("encoding", "delimiter", "bom"),
    [("utf-8", ",", False), ("utf-8", ";", True), ("cp1252", "\t", False), ("utf-8", "\t", True)],
)
def test_delimiters_and_encodings(encoding, delimiter, bom):
    text = (
        f"label{delimiter}kind{delimiter}2024{delimiter}2025\r\n"
        f'Löpande utgifter för nämnd{delimiter}cost{delimiter}100{delimiter}"1,5"\r\n'
        f"Intäkt åäö{delimiter}income{delimiter}{delimiter}2\r\n"
    )
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    parsed, errors = parse_budget_file(data, "budget.csv")
    assert errors == []
    assert parsed.years == [2024, 2025]
    assert [(line.label, line.kind, line.amounts) for line in parsed.lines] == [
        ("Löpande utgifter för nämnd", "cost", {2024: D(100), 2025: D("1.5")}),
        ("Intäkt åäö", "income", {2024: D(0), 2025: D(2)}),
    ]


def test_xlsx_with_numbers_and_text_cells(committee):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["label", "kind", 2020, 2021])
    sheet.append(["Solidarisk finansiering", "income", 8441, 8441.5])
    sheet.append(["Löpande utgifter", "cost", "−6 617", -5537])
    sheet.append(["Ingående", "opening_balance", 100, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_budget(buffer.getvalue(), "b.xlsx", owner=committee, title="X", actor=None)
    assert result.ok, result.errors
    assert amounts_of(result.budget) == {
        "Solidarisk finansiering": ("income", [D(8441), D("8441.5")]),
        "Löpande utgifter": ("cost", [D(6617), D(5537)]),
    }
    assert result.budget.revisions.get().opening_balance == D(100)


def test_positive_costs_mean_the_same_as_negative_costs():
    negative, _ = parse_budget_file(b"label,kind,2020\nA,cost,-5\nB,cost,-7\n", "a.csv")
    positive, _ = parse_budget_file(b"label,kind,2020\nA,cost,5\nB,cost,7\n", "a.csv")
    assert [line.amounts for line in negative.lines] == [line.amounts for line in positive.lines]
    assert negative.lines[0].amounts == {2020: D(5)}


def test_mixed_cost_signs_are_refused_naming_the_lines():
    data = b"label,kind,2020,2021\nA,cost,-5,-5\nB,cost,7,0\nC,cost,-1,-1\nD,income,3,3\n"
    parsed, errors = parse_budget_file(data, "a.csv")
    assert parsed is None
    assert len(errors) == 1
    assert (errors[0].line, errors[0].column) == (3, "C (2020)")
    assert "negativa på rad 2 (A), rad 4 (C)" in errors[0].message
    assert "positiva på rad 3 (B)" in errors[0].message


def test_every_bad_row_is_reported_with_line_column_and_swedish_message(committee):
    data = (
        "label,kind,2020,2021\n"
        "Bra rad,income,10,20\n"
        "Fel tal,cost,-5,abc\n"
        ",income,1,1\n"
        "Okänd,utgift,1,1\n"
        "Bra rad,income,1,1\n"
        'För många decimaler,income,"1,555",1\n'
        "Extra,income,1,1,9\n"
    ).encode()
    result = import_budget(data, "a.csv", owner=committee, title="X", actor=None)
    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "D (2021)"),
        (4, "A"),
        (5, "B"),
        (6, "A"),
        (7, "C (2020)"),
        (8, "E"),
    ]
    messages = [e.message for e in result.errors]
    assert messages[0] == "”abc” är inget belopp. Skriv t.ex. 8441, 8 441, -6617, −6 617 eller 1,5."
    assert messages[1] == "Raden saknar benämning (label)."
    assert messages[2].startswith("Okänd typ ”utgift”. Skriv income, cost, opening_balance")
    assert messages[3] == "Raden ”Bra rad” finns redan på rad 2. Varje rad ska stå en gång."
    assert messages[4] == "”1,555” har fler än två decimaler."
    assert messages[5] == "Värdet ”9” står i en kolumn utan årsrubrik."
    assert str(result.errors[0]).startswith("Rad 3, kolumn D (2021): ")
    assert Budget.objects.count() == 0
    assert BudgetLine.objects.count() == BudgetAmount.objects.count() == 0


@pytest.mark.parametrize(
    ("header", "column", "message"),
    [
        (b"namn,typ,2020", "A", "Första raden ska vara rubrikraden"),
        (b"label,kind,2020,2022", "D", "Åren måste följa på varandra: efter 2020 kommer 2021."),
        (b"label,kind,2020,tjugo", "D", "”tjugo” är inget årtal"),
        (b"label,kind", "A", "Första raden ska vara rubrikraden"),
    ],
)
def test_bad_headers(header, column, message):
    parsed, errors = parse_budget_file(header + b"\nA,income,1,1\n", "a.csv")
    assert parsed is None
    assert errors[0].line == 1
    assert errors[0].column == column
    assert message in errors[0].message


def test_file_level_problems_and_empty_budget():
    _, errors = parse_budget_file(b"", "a.csv")
    assert errors[0].message == "Filen är tom."
    _, errors = parse_budget_file(b"label,kind,2020\nX,opening_balance,5\n", "a.csv")
    assert "Filen har inga budgetrader" in errors[0].message
    _, errors = parse_budget_file(b"not a zip", "a.xlsx")
    assert "ingen Excel-arbetsbok" in errors[0].message


def test_empty_closing_check_cells_are_no_check_and_a_second_check_row_is_refused():
    parsed, errors = parse_budget_file(
        b"label,kind,2020,2021\nA,income,1,1\nSlut,closing_check,,5\n", "a.csv"
    )
    assert errors == []
    assert parsed.closing_checks == {2021: D(5)}
    _, errors = parse_budget_file(
        b"label,kind,2020\nA,income,1\nS,closing_check,1\nS2,closing_check,2\n", "a.csv"
    )
    assert (errors[0].line, errors[0].column) == (4, "B")
    assert "closing_check (rad 3)" in errors[0].message


def test_computed_rows_of_our_export_are_skipped():
    parsed, errors = parse_budget_file(
        b"label,kind,2020\nA,income,1\nSumma,total_income,whatever\nResultat,result,1\n", "a.csv"
    )
    assert errors == []
    assert [line.label for line in parsed.lines] == ["A"]


def test_an_empty_title_is_refused_and_nothing_saved(committee):
    result = import_budget(
        b"label,kind,2020\nA,income,1\n", "a.csv", owner=committee, title=" ", actor=None
    )
    assert [e.message for e in result.errors] == ["Budgeten måste ha en rubrik."]
    assert Budget.objects.count() == 0


def test_row_errors_are_the_shared_spreadsheet_errors():
    from portal.spreadsheets import RowError

    _, errors = parse_budget_file(b"label,kind,2020\nIntakt,income,12x\n", "b.csv")
    assert [type(error) for error in errors] == [RowError]
    assert str(errors[0]).startswith("Rad 2, kolumn C (2020): ”12x” är inget belopp.")
