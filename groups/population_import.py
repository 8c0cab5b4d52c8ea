"""Yearly populations from the statistics office (SCB): validate every row, then all or none.

Two shapes are read, as CSV or XLSX (through portal.spreadsheets.read_table):

- SCB's own table ("Folkmängd efter region och år" from Statistikdatabasen): any title lines,
  then a header with a region column and one column per year ("region", "2023", "2024"), then
  one row per county, named as SCB names it ("08 Kalmar län"). "00 Riket" is skipped.
- a long table with the columns region, år and folkmängd.

A region is found by the county code in front of its name (Region.county_code), else by the
portal's name or code of the region. SCB writes ".." for a missing figure; it is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from groups import services
from groups.models import Region
from portal.spreadsheets import Row, RowError, SpreadsheetError, column_letter, read_table

YEAR_RE = re.compile(r"(?<!\d)(1[9]\d\d|2[01]\d\d)(?!\d)")
COUNTY_RE = re.compile(r"^(\d{2,4})\s+(.*)$")
NATION = {"00", "riket", "sverige", "hela riket"}
MISSING = {"", "..", "-", "–", "."}
REGION_HEADERS = {"region", "län", "lan", "county"}
YEAR_HEADERS = {"år", "ar", "year"}
VALUE_HEADERS = {"folkmängd", "folkmangd", "population", "antal", "invånare"}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


@dataclass
class PopulationImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Figure:
    line: int
    column: str
    region: Region
    year: int
    population: int


def import_populations(data: bytes, filename: str, *, actor, source: str) -> PopulationImportResult:
    result = PopulationImportResult()
    try:
        rows = read_table(data, filename)
    except SpreadsheetError as error:
        result.errors.append(RowError(0, "–", str(error)))
        return result
    lookup = _region_lookup()
    figures = _read_figures(rows, lookup, result.errors)
    if result.errors:
        return result
    if not figures:
        result.errors.append(RowError(0, "–", _("Filen innehåller inga folkmängdssiffror.")))
        return result
    try:
        counts = services.populations_save(
            actor=actor,
            figures=[services.PopulationInput(f.region, f.year, f.population) for f in figures],
            source=source,
            reason=_("Import av folkmängd från %(file)s") % {"file": filename},
        )
    except ValidationError as error:
        result.errors.append(RowError(0, "–", " ".join(error.messages)))
        return result
    result.created, result.updated, result.unchanged = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    return result


def _region_lookup() -> dict[str, Region]:
    lookup: dict[str, Region] = {}
    for region in Region.objects.select_related("healthcare_region"):
        lookup[region.name.lower()] = region
        lookup[region.code.lower()] = region
        if region.county_code:
            lookup[f"#{region.county_code}"] = region
    return lookup


def _read_figures(rows: list[Row], lookup, errors: list[RowError]) -> list[_Figure]:
    for index, row in enumerate(rows):
        names = [cell.strip().lower() for cell in row.cells]
        if _is_long_header(names):
            return _long_figures(row, rows[index + 1 :], lookup, errors)
        years = _year_columns(row.cells)
        if years:
            return _wide_figures(row, years, rows[index + 1 :], lookup, errors)
    errors.append(
        RowError(
            rows[0].line,
            "–",
            _(
                "Hittar ingen rubrikrad: antingen en kolumn per år (t.ex. region, 2023, 2024, "
                "som i SCB:s tabell) eller kolumnerna region, år och folkmängd."
            ),
        )
    )
    return []


def _is_long_header(names: list[str]) -> bool:
    return (
        any(name in REGION_HEADERS for name in names)
        and any(name in YEAR_HEADERS for name in names)
        and any(name in VALUE_HEADERS for name in names)
    )


def _year_columns(cells: list[str]) -> dict[int, int]:
    """Column index → year, for a header whose cells after the first name one year each."""
    years = {}
    for index, cell in enumerate(cells[1:], start=1):
        found = YEAR_RE.findall(cell)
        if len(found) == 1 and len(SPACES.sub("", cell)) <= 30:
            years[index] = int(found[0])
    return years


def _wide_figures(header: Row, years: dict[int, int], body, lookup, errors) -> list[_Figure]:
    region_column = next(
        (i for i, cell in enumerate(header.cells) if cell.strip().lower() in REGION_HEADERS),
        0,
    )
    figures: list[_Figure] = []
    for row in body:
        cells = row.cells
        label = cells[region_column].strip() if region_column < len(cells) else ""
        values = {i: cells[i].strip() if i < len(cells) else "" for i in years}
        if all(SPACES.sub("", value) in MISSING for value in values.values()):
            continue  # a note under the table, or a region without figures
        region = _region(row.line, column_letter(region_column), label, lookup, errors)
        if region is _SKIP:
            continue
        for index, value in values.items():
            number = _population(row.line, column_letter(index), value, errors)
            if region is not None and number is not None:
                figures.append(
                    _Figure(row.line, column_letter(index), region, years[index], number)
                )
    return _without_repeats(figures, errors)


def _long_figures(header: Row, body, lookup, errors) -> list[_Figure]:
    names = [cell.strip().lower() for cell in header.cells]
    region_i = next(i for i, name in enumerate(names) if name in REGION_HEADERS)
    year_i = next(i for i, name in enumerate(names) if name in YEAR_HEADERS)
    value_i = next(i for i, name in enumerate(names) if name in VALUE_HEADERS)
    figures: list[_Figure] = []
    for row in body:

        def cell(index: int, row=row) -> str:
            return row.cells[index].strip() if index < len(row.cells) else ""

        region = _region(row.line, column_letter(region_i), cell(region_i), lookup, errors)
        if region is _SKIP:
            continue
        year = _year(row.line, column_letter(year_i), cell(year_i), errors)
        value = cell(value_i)
        if SPACES.sub("", value) in MISSING and value != "":
            continue
        number = _population(row.line, column_letter(value_i), value, errors, required=True)
        if region is not None and year is not None and number is not None:
            figures.append(_Figure(row.line, column_letter(value_i), region, year, number))
    return _without_repeats(figures, errors)


_SKIP = object()  # the whole country: not a region of the portal


def _region(line: int, column: str, label: str, lookup, errors):
    if not label:
        errors.append(RowError(line, column, _("Regionen saknas.")))
        return None
    match = COUNTY_RE.match(label)
    code, name = (match.group(1), match.group(2)) if match else ("", label)
    if code in NATION or label.lower() in NATION or name.lower() in NATION:
        return _SKIP
    if len(code) == 4:
        errors.append(
            RowError(
                line,
                column,
                _(
                    "”%(label)s” är en kommun (kod %(code)s), inte ett län. Hämta SCB:s tabell "
                    "per län."
                )
                % {"label": label, "code": code},
            )
        )
        return None
    region = lookup.get(f"#{code}") if code else None
    region = region or lookup.get(label.lower()) or lookup.get(name.lower())
    if region is None:
        errors.append(
            RowError(
                line,
                column,
                _(
                    "Regionen ”%(label)s” finns inte i portalen. Skriv länskoden först som SCB "
                    "gör (t.ex. ”08 Kalmar län”) och ge regionen länskoden under Administration."
                )
                % {"label": label},
            )
        )
    return region


def _year(line: int, column: str, value: str, errors) -> int | None:
    if re.fullmatch(r"\d{4}", value) and 1900 <= int(value) <= 2200:
        return int(value)
    errors.append(
        RowError(line, column, _("”%(value)s” är inget år (skriv t.ex. 2024).") % {"value": value})
    )
    return None


def _population(line: int, column: str, value: str, errors, *, required=False) -> int | None:
    digits = SPACES.sub("", value)
    if digits in MISSING and not required:
        return None
    if re.fullmatch(r"\d+", digits) and int(digits) > 0:
        return int(digits)
    if re.fullmatch(r"\d+[.,]0+", digits):
        return int(re.split(r"[.,]", digits)[0])
    errors.append(
        RowError(
            line,
            column,
            _("Folkmängden ”%(value)s” är inget positivt heltal.") % {"value": value}
            if value
            else _("Folkmängd saknas."),
        )
    )
    return None


def _without_repeats(figures: list[_Figure], errors) -> list[_Figure]:
    seen: dict[tuple[int, int], int] = {}
    for figure in figures:
        key = (figure.region.pk, figure.year)
        if key in seen:
            errors.append(
                RowError(
                    figure.line,
                    figure.column,
                    _("%(region)s %(year)s finns redan på rad %(line)s.")
                    % {"region": figure.region.name, "year": figure.year, "line": seen[key]},
                )
            )
        else:
            seen[key] = figure.line
    return figures
