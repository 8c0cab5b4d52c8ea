"""The decision register as a spreadsheet (CSV for any program, XLSX for Excel)."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.spreadsheets import safe_cell

COLUMNS = [
    gettext_lazy("Beslutande organ"),
    gettext_lazy("År"),
    gettext_lazy("Paragraf"),
    gettext_lazy("Diarienummer"),
    gettext_lazy("Ärende"),
    gettext_lazy("Status"),
    gettext_lazy("Beslutsdatum"),
    gettext_lazy("Beslutssatser"),
    gettext_lazy("Utdrag till"),
    gettext_lazy("Ansvarig"),
    gettext_lazy("Verkställt"),
]


def register_rows(decisions):
    """One row per decision; text cells are made safe against spreadsheet formulas."""
    for d in decisions:
        row = [
            d.body.name,
            d.year,
            d.number or "",
            d.registry_number,
            d.title,
            d.get_status_display(),
            d.decision_date.isoformat() if d.decision_date else "",
            "\n".join(c.text for c in d.clauses.all()),
            "\n".join(d.distribution_list),
            d.responsible,
            _("Ja") if d.execution_done else _("Nej"),
        ]
        yield [safe_cell(value) for value in row]


def register_csv(decisions) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel on Swedish Windows reads UTF-8 only with a BOM
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(c) for c in COLUMNS])
    writer.writerows(register_rows(decisions))
    return buffer.getvalue().encode("utf-8")


def register_xlsx(decisions) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Beslut")
    sheet.append([str(c) for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in register_rows(decisions):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
