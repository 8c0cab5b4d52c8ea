"""Reading the spreadsheets secretariats actually have: CSV from Excel on Swedish Windows
(comma, semicolon or tab; UTF-8 with or without BOM, or Windows-1252) and XLSX.

Returns plain rows of strings with their line numbers; each importer validates its own columns.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
DELIMITERS = ",;\t"
# Text starting with one of these becomes a formula when a spreadsheet program opens the file.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (format, encoding, size, empty)."""


@dataclass
class Row:
    line: int
    cells: list[str]


@dataclass
class RowError:
    """One problem in an imported file, told the way a spreadsheet user finds it."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)s, kolumn %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise SpreadsheetError(
            _(
                "Filen har fel teckenkodning (troligen UTF-16). Spara den som CSV UTF-8 "
                "eller som Excel-arbetsbok (.xlsx)."
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _("Filen har en teckenkodning som inte känns igen. Spara den som CSV UTF-8.")
        ) from error
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text):
        raise SpreadsheetError(
            _("Filen innehåller tecken som inte är text. Är det verkligen en CSV-fil?")
        )
    return text


def _detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes) -> list[Row]:
    text = decode_text(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(first_line))
    rows = []
    try:
        for cells in reader:
            rows.append(Row(reader.line_num, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise SpreadsheetError(
            _("CSV-filen kunde inte läsas på rad %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def read_xlsx(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SpreadsheetError(_("Filen är ingen giltig Excel-arbetsbok (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    rows = [
        Row(index, [_cell_text(value) for value in values])
        for index, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    return rows


def read_table(data: bytes, filename: str) -> list[Row]:
    """Rows of a CSV or XLSX file, blank rows dropped. Raises SpreadsheetError."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("Filen är större än 5 MB."))
    if not data.strip():
        raise SpreadsheetError(_("Filen är tom."))
    is_xlsx = data[:4] == b"PK\x03\x04"
    if filename.lower().endswith(".xlsx") and not is_xlsx:
        raise SpreadsheetError(_("Filen heter .xlsx men är ingen Excel-arbetsbok."))
    rows = read_xlsx(data) if is_xlsx else read_csv(data)
    rows = [row for row in rows if any(cell for cell in row.cells)]
    if not rows:
        raise SpreadsheetError(_("Filen innehåller inga rader."))
    return rows


def safe_cell(value):
    """A value for an exported CSV or XLSX cell that Excel will not run as a formula.

    Text starting with =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP's
    advice against formula injection). Numbers, Decimals, dates, None and empty strings are
    returned unchanged: an amount like -6617 is a Decimal and stays a number. An importer that
    reads such files back strips one apostrophe before those characters.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def column_letter(index: int) -> str:
    """Spreadsheet column name for a 0-based index: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name
