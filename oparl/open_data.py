"""Bulk open data: one zip of everything the OParl API publishes, per OParl type as JSON Lines
(each line the object exactly as the API serves it) and as CSV (semicolons, UTF-8 with BOM,
like the portal's other CSVs), with a README of the files, their fields and the licence
(CC0 1.0 for the data). Written to default_storage (local disk or S3) by
`manage.py export_open_data`, served at /oppna-data/ by `views.open_data_archive`."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from oparl import objects, selectors
from oparl.kinds import BODY_LISTS, Kind
from oparl.urls_builder import Urls
from portal.spreadsheets import write_csv

ARCHIVE_NAME = "open-data/samverkansportalen-oppna-data.zip"
DOWNLOAD_NAME = "samverkansportalen-oppna-data.zip"
CHUNK = 500


@dataclass(frozen=True)
class Table:
    """One OParl type in the archive: its file name, the CSV columns (OParl property names)
    and what each means."""

    name: str
    type_name: str
    columns: tuple[tuple[str, str], ...]


def _tables() -> list[Table]:
    common = (
        ("created", _("när objektet skapades")),
        ("modified", _("när objektet senast ändrades")),
    )
    return [
        Table(
            "body",
            "Body",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("name", _("sjukvårdsregionens namn")),
                ("shortName", _("kort namn")),
                *common,
            ),
        ),
        Table(
            "legislativeterm",
            "LegislativeTerm",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("body", _("sjukvårdsregionen")),
                ("name", _("mandatperioden")),
                ("startDate", _("första dagen")),
                ("endDate", _("sista dagen")),
                *common,
            ),
        ),
        Table(
            "organization",
            "Organization",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("body", _("sjukvårdsregionen")),
                ("name", _("gruppens eller regionens namn")),
                ("shortName", _("regionens kod")),
                ("organizationType", _("Gremium (en grupp) eller Institution (en region)")),
                ("classification", _("typ av grupp, t.ex. Nämnd, RPO, RAG; Region")),
                ("subOrganizationOf", _("den överordnade gruppen")),
                ("startDate", _("startdatum")),
                ("endDate", _("slutdatum")),
                *common,
            ),
        ),
        Table(
            "person",
            "Person",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("name", _("namn (aldrig e-post eller telefon)")),
                ("familyName", _("efternamn")),
                ("givenName", _("förnamn")),
                *common,
            ),
        ),
        Table(
            "membership",
            "Membership",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("person", _("personen")),
                ("organization", _("gruppen")),
                ("role", _("rollen, t.ex. Ordförande, Ledamot, Ersättare")),
                ("votingRight", _("rösträtt")),
                ("startDate", _("från")),
                ("endDate", _("till")),
                ("onBehalfOf", _("regionen personen företräder")),
                *common,
            ),
        ),
        Table(
            "meeting",
            "Meeting",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("name", _("mötets rubrik")),
                ("meetingState", _("status")),
                ("cancelled", _("inställt")),
                ("start", _("börjar")),
                ("end", _("slutar")),
                ("location", _("plats")),
                ("organization", _("gruppen som möttes")),
                ("participant", _("närvarande")),
                *common,
            ),
        ),
        Table(
            "agendaitem",
            "AgendaItem",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("meeting", _("mötet")),
                ("number", _("§ eller punkt")),
                ("order", _("ordning på dagordningen")),
                ("name", _("rubrik, eller ”Sekretessbelagd enligt …”")),
                ("public", _("offentlig punkt")),
                ("result", _("utfall")),
                ("resolutionText", _("beslutet som det står i protokollet")),
                ("consultation", _("behandlingen av beslutet")),
                *common,
            ),
        ),
        Table(
            "paper",
            "Paper",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("body", _("sjukvårdsregionen")),
                ("name", _("ärendet, eller ”Sekretessbelagd enligt …”")),
                ("reference", _("diarienummer")),
                ("date", _("beslutsdatum eller uppdragets start")),
                ("paperType", _("Beslut eller Uppdrag")),
                ("originatorOrganization", _("beslutande organ eller uppdragsgivare")),
                ("underDirectionOf", _("gruppen som har uppdraget")),
                *common,
            ),
        ),
        Table(
            "consultation",
            "Consultation",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("paper", _("beslutet")),
                ("agendaItem", _("punkten på dagordningen")),
                ("meeting", _("mötet")),
                ("organization", _("beslutande organ")),
                ("authoritative", _("organet beslutar")),
                *common,
            ),
        ),
        Table(
            "file",
            "File",
            (
                ("id", _("objektets adress i OParl-API:et")),
                ("name", _("bilagans benämning")),
                ("fileName", _("filnamn")),
                ("mimeType", _("filtyp")),
                ("size", _("storlek i byte")),
                ("sha512Checksum", _("kontrollsumma (SHA-512)")),
                ("accessUrl", _("att visa filen")),
                ("downloadUrl", _("att ladda ned filen")),
                ("agendaItem", _("punkten")),
                ("meeting", _("mötet")),
                ("paper", _("beslutet eller uppdraget")),
                *common,
            ),
        ),
    ]


def _cell(value):
    """An OParl value as one CSV cell: lists of URLs joined by spaces, a location by its
    description."""
    if isinstance(value, dict):
        return value.get("description") or value.get("id")
    if isinstance(value, list):
        return " ".join(v["id"] if isinstance(v, dict) else str(v) for v in value)
    return value


def _objects(table: Table, u: Urls, today: datetime.date) -> Iterator[dict]:
    if table.name == "body":
        for row in selectors.bodies():
            yield objects.body(u, row, today=today)
        return
    if table.name == "legislativeterm":
        for row in selectors.bodies():
            for span in objects.terms(today):
                yield objects.legislative_term(u, row, *span)
        return
    kinds: tuple[Kind, ...] = BODY_LISTS[_LIST_OF[table.name]]
    for kind in kinds:
        serialize = partial(kind.serialize, u)
        for row in kind.published(None).order_by("pk").iterator(chunk_size=CHUNK):
            yield serialize(row)


_LIST_OF = {
    "organization": "organizations",
    "person": "people",
    "membership": "memberships",
    "meeting": "meetings",
    "agendaitem": "agendaitems",
    "paper": "papers",
    "consultation": "consultations",
    "file": "files",
}


def _readme(
    tables: list[Table], counts: dict[str, int], *, generated: datetime.datetime, u: Urls
) -> str:
    lines = [
        _("# Samverkansportalen – öppna data"),
        "",
        _("Skapad %(when)s. Samma uppgifter som OParl-API:et på %(api)s.")
        % {"when": objects.moment(generated), "api": u("system")},
        "",
        _("## Licens"),
        "",
        _(
            "Uppgifterna är fria att använda: Creative Commons CC0 1.0 Universal "
            "(https://creativecommons.org/publicdomain/zero/1.0/). Bilagornas filer hämtas från "
            "sina adresser och omfattas inte av licensen."
        ),
        "",
        _("## Vad som finns med"),
        "",
        _(
            "Bara det som är offentligt: beslut som är fattade och justerade, justerade protokoll "
            "och minnesanteckningar, uppdrag efter utkastet, grupperna, regionerna och "
            "medlemmarna. Sekretessbelagda punkter, beslut och bilagor står med som "
            "”Sekretessbelagd enligt …”. Personnummer i fritext är dolda. Personer anges med namn, "
            "roll och region, aldrig med e-post eller telefon."
        ),
        "",
        _("## Filer"),
        "",
        _(
            "Varje typ finns som JSON Lines (`.jsonl`: ett OParl 1.1-objekt per rad, precis som "
            "API:et visar det, med inbäddade objekt och tillägget `samverkan:votes` om "
            "omröstningar) och som CSV (`.csv`: semikolon, UTF-8 med BOM, en rad per objekt, "
            "listor av adresser åtskilda med mellanslag)."
        ),
        "",
    ]
    for table in tables:
        lines += [
            f"### {table.name}.jsonl, {table.name}.csv ({table.type_name}, "
            + _("%(count)s st.") % {"count": counts[table.name]}
            + ")",
            "",
        ]
        lines += [f"- `{column}`: {meaning}" for column, meaning in table.columns]
        lines.append("")
    return "\n".join(lines)


@dataclass(frozen=True)
class StoredFile:
    """A file in a storage, as portal.storage.download_response reads it."""

    storage: object
    name: str


def open_data_file() -> StoredFile | None:
    """The stored archive, or None before the first export."""
    if not default_storage.exists(ARCHIVE_NAME):
        return None
    return StoredFile(default_storage, ARCHIVE_NAME)


@dataclass(frozen=True)
class OpenDataArchive:
    name: str
    size: int
    counts: dict[str, int]


def open_data_archive_build(*, base_url: str) -> tuple[bytes, dict[str, int]]:
    """The zip as bytes (the data of the collaboration is small enough) and the number of
    objects per file."""
    u = Urls(base_url)
    generated = timezone.now()
    today = timezone.localdate()
    tables = _tables()
    counts: dict[str, int] = {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            lines = []
            rows = [[column for column, _meaning in table.columns]]
            for obj in _objects(table, u, today):
                lines.append(json.dumps(obj, ensure_ascii=False))
                rows.append([_cell(obj.get(column)) for column, _meaning in table.columns])
            counts[table.name] = len(lines)
            archive.writestr(f"{table.name}.jsonl", "".join(f"{line}\n" for line in lines))
            archive.writestr(f"{table.name}.csv", write_csv(rows))
        archive.writestr("README.md", _readme(tables, counts, generated=generated, u=u))
    return buffer.getvalue(), counts


def open_data_export(*, base_url: str) -> OpenDataArchive:
    """Regenerate the archive in default_storage, replacing the previous one."""
    data, counts = open_data_archive_build(base_url=base_url)
    # Storage has no atomic replace (S3 has no rename): a download in the moment between the
    # two calls gets a 404 and can be retried.
    if default_storage.exists(ARCHIVE_NAME):
        default_storage.delete(ARCHIVE_NAME)
    name = default_storage.save(ARCHIVE_NAME, ContentFile(data))
    return OpenDataArchive(name=name, size=len(data), counts=counts)
