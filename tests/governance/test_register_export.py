"""The decision register's spreadsheets: typed cells, frozen header, filter, CSV for Swedish
Excel, and 404 for a format the portal does not make."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from governance.services import decisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(committee):
    decisions.decision_record(
        actor=None,
        body=committee,
        title="Överföring av projekt",
        clauses=["att överföra projektet", "att avsluta projektgruppen"],
        registry_number="RVN 2018/12",
        decision_date=datetime.date(2018, 4, 23),
    )
    decisions.decision_record(
        actor=None,
        body=committee,
        title="-1 rad som ser ut som en formel",
        clauses=["att notera"],
        decision_date=datetime.date(2018, 5, 2),
    )


def test_xlsx_has_number_and_date_cells_a_frozen_header_and_a_filter(admin_client, recorded):
    response = admin_client.get(reverse("governance:decision_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["Beslutande organ", "År", "Paragraf"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K3"
    first = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == 1)
    year, number, title, date, clauses = first[1], first[2], first[4], first[6], first[7]
    assert (year.value, year.data_type, year.number_format) == (2018, "n", "0")
    assert (number.value, number.data_type) == (1, "n")
    assert date.is_date and date.value.date() == datetime.date(2018, 4, 23)
    assert date.number_format == "yyyy-mm-dd"
    assert title.value == "Överföring av projekt"
    assert clauses.value == "att överföra projektet\natt avsluta projektgruppen"
    # Text that looks like a formula is a string cell, shown without an apostrophe.
    second = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == 2)
    assert (second[4].value, second[4].data_type) == ("-1 rad som ser ut som en formel", "s")


def test_csv_is_semicolon_separated_utf8_with_bom(admin_client, recorded):
    response = admin_client.get(reverse("governance:decision_export", args=["csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Beslutande organ", "År", "Paragraf"]
    by_number = {row[2]: row for row in rows[1:]}
    assert by_number["1"][:7] == [
        "Testnämnden",
        "2018",
        "1",
        "RVN 2018/12",
        "Överföring av projekt",
        "Beslutat",
        "2018-04-23",
    ]
    assert by_number["2"][4] == "'-1 rad som ser ut som en formel"
    assert 'filename="beslut-' in response["Content-Disposition"]


@pytest.mark.parametrize("fmt", ["pdf", "doc", "CSV", "xlsx.csv"])
def test_an_unknown_format_answers_404(admin_client, recorded, fmt):
    assert admin_client.get(f"/beslut/export.{fmt}").status_code == 404
