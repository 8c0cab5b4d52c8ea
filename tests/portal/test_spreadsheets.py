"""The shared spreadsheet readers and writers, and download file names."""

import datetime
import io
import random
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from portal.downloads import content_disposition, download_filename
from portal.spreadsheets import SpreadsheetError, read_table, write_csv, write_xlsx


def refusal(data: bytes, name: str = "lista.csv") -> str:
    with pytest.raises(SpreadsheetError) as error:
        read_table(data, name)
    return str(error.value)


def test_random_bytes_are_not_a_spreadsheet_and_not_called_utf16():
    rng = random.Random(15)
    for _ in range(20):
        junk = bytes(rng.randrange(256) for _ in range(800))
        assert refusal(junk) == "Filen är inte ett kalkylark (CSV eller XLSX)."
    assert refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 1 0 obj") == (
        "Filen är inte ett kalkylark (CSV eller XLSX)."
    )
    assert refusal(b"\x89PNG\r\n\x1a\n\x00\x00") == "Filen är inte ett kalkylark (CSV eller XLSX)."


def test_utf16_and_old_excel_files_are_named_for_what_they_are():
    for data in ("grupp;förnamn\r\nRAG;Åsa\r\n".encode("utf-16"), "a;b\r\n".encode("utf-16-le")):
        assert "troligen UTF-16" in refusal(data)
    assert "äldre Excel-fil (.xls)" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50)


def test_csv_is_semicolons_decimal_commas_and_a_bom():
    data = write_csv(
        [
            ["label", "amount", "day"],
            ["Intäkt, med komma", Decimal("1.50"), datetime.date(2026, 12, 1)],
            ["=1+1", -6617, None],
        ]
    )
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        "label;amount;day",
        "Intäkt, med komma;1,5;2026-12-01",
        "'=1+1;-6617;",
        "",
    ]
    # The readers take the new and the old layout alike.
    assert [row.cells for row in read_table(data, "x.csv")][1] == [
        "Intäkt, med komma",
        "1,5",
        "2026-12-01",
    ]
    old = b'label,amount\r\n"Int\xc3\xa4kt","1,5"\r\n'
    assert [row.cells for row in read_table(old, "x.csv")][1] == ["Intäkt", "1,5"]


def test_xlsx_keeps_types_freezes_the_header_and_filters():
    data = write_xlsx(
        ["Text", "År", "Belopp", "Datum", "Tid"],
        [
            ['=HYPERLINK("x")', 2018, Decimal("-6617"), datetime.date(2018, 4, 23), None],
            [
                "rad\nrad",
                2019,
                Decimal("1.5"),
                None,
                datetime.datetime(2018, 4, 23, 9, 30, tzinfo=datetime.UTC),
            ],
        ],
        title="Prov",
        plain_integers=(1,),
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Prov"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E3"
    assert (sheet["A2"].value, sheet["A2"].data_type) == ('=HYPERLINK("x")', "s")
    assert (sheet["B2"].value, sheet["B2"].number_format) == (2018, "0")
    assert (sheet["C2"].value, sheet["C2"].number_format) == (-6617, "#,##0")
    assert sheet["C3"].number_format == "#,##0.0#"
    assert sheet["D2"].is_date and sheet["D2"].number_format == "yyyy-mm-dd"
    # Stockholm time, without a zone (Excel has none).
    assert sheet["E3"].value.isoformat() == "2018-04-23T11:30:00"
    assert sheet["A3"].alignment.wrap_text
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_download_names_are_cut_at_a_word_boundary():
    title = "Regional arbetsfördelning inom kirurgi, ortopedi och urologi i Södra sjukvårdsregionen"
    name = download_filename("uppdrag", 12, title, extension="pdf")
    assert (
        name == "uppdrag-12-regional-arbetsfordelning-inom-kirurgi-ortopedi-och-urologi-i-sodra.pdf"
    )
    assert len(name) <= 84
    assert download_filename("x" * 100, extension="csv") == "x" * 80 + ".csv"
    assert download_filename("§§", extension="pdf") == "dokument.pdf"
    assert content_disposition("a b.pdf") == 'attachment; filename="a b.pdf"'
    assert content_disposition("a.pdf", inline=True) == 'inline; filename="a.pdf"'
