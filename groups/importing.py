"""Member lists from spreadsheets: validate every row, then import all rows or none."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from groups import services
from groups.models import Group, MembershipRole, Person, Region
from portal.spreadsheets import Row, RowError, SpreadsheetError, column_letter, read_table

# Column name in the file → field. Swedish headers first; English ones are accepted too.
COLUMNS = {
    "grupp": "group",
    "group": "group",
    "förnamn": "first_name",
    "first_name": "first_name",
    "efternamn": "last_name",
    "last_name": "last_name",
    "e-post": "email",
    "email": "email",
    "titel": "title",
    "title": "title",
    "region": "region",
    "roll": "role",
    "role": "role",
    "från": "start_date",
    "start_date": "start_date",
    "till": "end_date",
    "end_date": "end_date",
}
REQUIRED = ("group", "first_name", "last_name", "region", "role", "start_date")
OPTIONAL = ("email", "title", "end_date")


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created_people: int = 0
    created_memberships: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class MemberRow:
    line: int
    group: Group
    first_name: str
    last_name: str
    email: str
    title: str
    region: Region
    role: str
    start_date: datetime.date
    end_date: datetime.date | None


ROLE_LOOKUP = {
    **{value: value for value in MembershipRole.values},
    **{str(label).lower(): value for value, label in MembershipRole.choices},
}


def _parse_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def import_members(data: bytes, filename: str, *, actor) -> ImportResult:
    """Parse and validate the file; save everything in one transaction only if all rows pass."""
    result = ImportResult()
    try:
        rows = read_table(data, filename)
    except SpreadsheetError as error:
        result.errors.append(RowError(0, "–", str(error)))
        return result
    header, body = rows[0], rows[1:]
    columns, header_errors = _map_header(header)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    if not body:
        result.errors.append(
            RowError(header.line, "–", _("Filen har inga rader efter rubrikraden."))
        )
        return result

    groups = {g.name.lower(): g for g in Group.objects.select_related("healthcare_region")}
    regions = {}
    for region in Region.objects.all():
        regions[region.name.lower()] = region
        regions[region.code.lower()] = region
    people_by_email = {p.email.lower(): p for p in Person.objects.exclude(email="")}

    parsed = [
        member
        for row in body
        if (member := _parse_row(row, columns, groups, regions, result.errors)) is not None
    ]
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for member in parsed:
                person = people_by_email.get(member.email.lower()) if member.email else None
                if person is None:
                    person = services.person_create(
                        actor=actor,
                        first_name=member.first_name,
                        last_name=member.last_name,
                        email=member.email,
                        title=member.title,
                        employer=member.region,
                        reason=_("Import av medlemslista"),
                    )
                    if member.email:
                        people_by_email[member.email.lower()] = person
                    result.created_people += 1
                try:
                    services.membership_start(
                        actor=actor,
                        person=person,
                        group=member.group,
                        role=member.role,
                        region=member.region,
                        start_date=member.start_date,
                        end_date=member.end_date,
                        reason=_("Import av medlemslista"),
                    )
                except ValidationError as error:
                    result.errors.extend(_row_errors_from_validation(member.line, error, columns))
                    continue
                result.created_memberships += 1
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created_people = result.created_memberships = 0
    return result


class _Rollback(Exception):
    pass


def _map_header(header: Row) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    errors = []
    for index, name in enumerate(header.cells):
        key = COLUMNS.get(name.strip().lower())
        if key is None:
            if name.strip():
                errors.append(
                    RowError(
                        header.line,
                        column_letter(index),
                        _("Okänd kolumn ”%(name)s”. Tillåtna kolumner: %(allowed)s.")
                        % {"name": name, "allowed": ", ".join(SWEDISH_HEADERS)},
                    )
                )
            continue
        columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            errors.append(
                RowError(
                    header.line,
                    HEADER_NAMES[key],
                    _("Kolumnen ”%(name)s” saknas.") % {"name": HEADER_NAMES[key]},
                )
            )
    return columns, errors


SWEDISH_HEADERS = [
    "grupp",
    "förnamn",
    "efternamn",
    "e-post",
    "titel",
    "region",
    "roll",
    "från",
    "till",
]
HEADER_NAMES = dict(
    zip(
        [
            "group",
            "first_name",
            "last_name",
            "email",
            "title",
            "region",
            "role",
            "start_date",
            "end_date",
        ],
        SWEDISH_HEADERS,
        strict=True,
    )
)


def _parse_row(row, columns, groups, regions, errors) -> MemberRow | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

    def error(key: str, message: str) -> None:
        errors.append(RowError(row.line, HEADER_NAMES[key], message))

    before = len(errors)
    values: dict = {key: cell(key) for key in (*REQUIRED, *OPTIONAL)}
    for key in REQUIRED:
        if not values[key]:
            error(key, _("Värde saknas."))
    group = groups.get(values["group"].lower()) if values["group"] else None
    if values["group"] and group is None:
        error("group", _("Gruppen ”%(name)s” finns inte.") % {"name": values["group"]})
    region = regions.get(values["region"].lower()) if values["region"] else None
    if values["region"] and region is None:
        error("region", _("Regionen ”%(name)s” finns inte.") % {"name": values["region"]})
    if group and region and region.healthcare_region_id != group.healthcare_region_id:
        error("region", _("Regionen hör inte till gruppens sjukvårdsregion."))
    role = ROLE_LOOKUP.get(values["role"].lower()) if values["role"] else None
    if values["role"] and role is None:
        error(
            "role",
            _("Okänd roll ”%(role)s”. Använd t.ex. Ordförande, Sammankallande eller Ledamot.")
            % {"role": values["role"]},
        )
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            error("email", _("Ogiltig e-postadress."))
    dates = {}
    for key in ("start_date", "end_date"):
        if values[key]:
            try:
                dates[key] = _parse_date(values[key])
            except ValueError:
                error(
                    key, _("Ogiltigt datum ”%(value)s”; skriv ÅÅÅÅ-MM-DD.") % {"value": values[key]}
                )
    if (
        dates.get("start_date")
        and dates.get("end_date")
        and dates["end_date"] < dates["start_date"]
    ):
        error("end_date", _("Slutdatum kan inte vara före startdatum."))
    if len(errors) > before:
        return None
    return MemberRow(
        line=row.line,
        group=group,
        first_name=values["first_name"],
        last_name=values["last_name"],
        email=values["email"],
        title=values["title"],
        region=region,
        role=role,
        start_date=dates["start_date"],
        end_date=dates.get("end_date"),
    )


def _row_errors_from_validation(line: int, error: ValidationError, columns) -> list[RowError]:
    field_to_column = {"start_date": "från", "end_date": "till", "role": "roll", "region": "region"}
    if hasattr(error, "message_dict"):
        return [
            RowError(line, field_to_column.get(name, "–"), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(line, "–", message) for message in error.messages]
