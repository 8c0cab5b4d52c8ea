"""Reading the spreadsheets secretariats actually have: CSV from Excel on Swedish Windows
(comma, semicolon or tab; UTF-8 with or without BOM, or Windows-1252) and XLSX. Reading returns
plain rows of strings with their line numbers; each importer validates its own columns.

Writing, the way Swedish Excel opens files without an import dialogue: CSV separated by
semicolons, with decimal commas and a UTF-8 BOM (`write_csv`); XLSX with real number and date
cells, a frozen header row and an autofilter, and every text as a string cell (`write_xlsx`),
which Excel shows as typed and never evaluates (see docs/decisions/0014).
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
DELIMITERS = ",;\t"
# PDF, PNG, JPEG, GIF, gzip: files people pick by mistake.
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
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


def _not_a_spreadsheet() -> SpreadsheetError:
    return SpreadsheetError(_("Filen är inte ett kalkylark (CSV eller XLSX)."))


def _looks_like_utf16(data: bytes) -> bool:
    """A BOM, or text where every other byte is zero (what UTF-16 makes of Latin letters)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = data[:2000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(zeros_even, zeros_odd) > 0.6 and min(zeros_even, zeros_odd) < 0.1


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _looks_like_utf16(data):
        raise SpreadsheetError(
            _(
                "Filen har fel teckenkodning (troligen UTF-16). Spara den som CSV UTF-8 "
                "eller som Excel-arbetsbok (.xlsx)."
            )
        )
    if b"\x00" in data:
        raise _not_a_spreadsheet()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _not_a_spreadsheet() from error
    if any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text):
        raise _not_a_spreadsheet()
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
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise SpreadsheetError(
            _(
                "Filen är en äldre Excel-fil (.xls). Spara den som Excel-arbetsbok (.xlsx) "
                "eller CSV."
            )
        )
    if data.startswith(BINARY_SIGNATURES):
        raise _not_a_spreadsheet()
    if filename.lower().endswith(".xlsx") and not is_xlsx:
        raise SpreadsheetError(_("Filen heter .xlsx men är ingen Excel-arbetsbok."))
    rows = read_xlsx(data) if is_xlsx else read_csv(data)
    rows = [row for row in rows if any(cell for cell in row.cells)]
    if not rows:
        raise SpreadsheetError(_("Filen innehåller inga rader."))
    return rows


def safe_cell(value):
    """A value for an exported CSV cell that Excel will not run as a formula.

    CSV has no cell types, so text starting with =, +, -, @, tab or carriage return gets a
    leading apostrophe (OWASP's advice against formula injection). Numbers, Decimals, dates,
    None and empty strings are returned unchanged: an amount like -6617 is a Decimal and stays a
    number. XLSX does not need this: `write_xlsx` writes text as string cells. An importer that
    reads files back strips one apostrophe before those characters.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


CSV_DELIMITER = ";"  # what Excel with Swedish regional settings splits on


def csv_text(value) -> str:
    """One value as Swedish Excel reads it in a CSV: `1234,5`, `-6617`, `2026-12-01`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, (int, Decimal, float)):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        return format(number, "f").replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(str(value))


def write_csv(rows) -> bytes:
    """Rows of values as a semicolon-separated UTF-8 CSV with BOM (Excel on Swedish Windows
    reads UTF-8 only with the BOM) and CRLF line ends."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8")


DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"


def write_xlsx(
    header: list[str],
    rows,
    *,
    title: str,
    widths: dict[str, float] | None = None,
    plain_integers: tuple[int, ...] = (),
) -> bytes:
    """A one-sheet workbook: a bold, frozen header row with an autofilter over the table.

    Values keep their type: int, Decimal and float become number cells (thousands grouped,
    except the 0-based columns in `plain_integers`, such as a year or a §), dates and
    datetimes date cells, and everything else a string cell — set explicitly, because openpyxl
    would turn text starting with "=" into a formula.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(name) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_index, row in enumerate(rows, start=2):
        for column_index, value in enumerate(row):
            cell = sheet.cell(row=row_index, column=column_index + 1)
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(
                value, (int, float, Decimal, datetime.date)
            ):
                text = ILLEGAL_CHARACTERS_RE.sub(
                    "", csv_text(value) if isinstance(value, bool) else str(value)
                )
                cell.value = text
                cell.data_type = "s"
                if "\n" in text:
                    cell.alignment = wrap
                continue
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no zones
            cell.value = value
            if isinstance(value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif column_index in plain_integers:
                cell.number_format = "0"
            elif isinstance(value, int) or value == int(value):
                cell.number_format = INTEGER_FORMAT
            else:
                cell.number_format = DECIMAL_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_letter(index: int) -> str:
    """Spreadsheet column name for a 0-based index: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name
