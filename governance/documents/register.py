"""The decision register as a spreadsheet (CSV for any program, XLSX for Excel), through the
portal's writers: semicolon CSV with decimal commas; XLSX with number and date cells."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.spreadsheets import write_csv, write_xlsx

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
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def register_rows(decisions):
    """One row per decision, values typed (year and § numbers, the date a date)."""
    for d in decisions:
        yield [
            d.body.name,
            d.year,
            d.number,
            d.registry_number,
            d.title,
            d.get_status_display(),
            d.decision_date,
            "\n".join(c.text for c in d.clauses.all()),
            "\n".join(d.distribution_list),
            d.responsible,
            _("Ja") if d.execution_done else _("Nej"),
        ]


def register_csv(decisions) -> bytes:
    return write_csv([[str(c) for c in COLUMNS], *register_rows(decisions)])


def register_xlsx(decisions) -> bytes:
    return write_xlsx(
        [str(c) for c in COLUMNS],
        register_rows(decisions),
        title=_("Beslut"),
        plain_integers=(1, 2),
        widths={"A": 32, "D": 16, "E": 48, "G": 12, "H": 60, "I": 30},
    )


def register_export(decisions, fmt: str) -> bytes:
    """The register in a format of FORMATS (the view answers 404 for any other)."""
    return register_xlsx(decisions) if fmt == "xlsx" else register_csv(decisions)
