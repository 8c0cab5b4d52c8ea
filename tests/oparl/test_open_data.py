"""The open-data archive: JSON Lines and CSV per OParl type with a README and CC0, written to
the file storage (disk or S3) by export_open_data, downloadable at /oppna-data/, and never
holding anything confidential or personal."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from oparl.open_data import ARCHIVE_NAME
from tests.oparl.conftest import PERSONNUMMER, PHONE, SECRET_TITLE
from tests.oparl.oparl_client import path_of, validate

pytestmark = pytest.mark.django_db
TYPES = {
    "body": "Body",
    "legislativeterm": "LegislativeTerm",
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "paper": "Paper",
    "consultation": "Consultation",
    "file": "File",
}


def export() -> zipfile.ZipFile:
    out = io.StringIO()
    call_command("export_open_data", base_url="http://testserver", stdout=out)
    assert ARCHIVE_NAME in out.getvalue()
    with default_storage.open(ARCHIVE_NAME, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_every_type_as_json_lines_and_csv_the_same_as_the_api(record):
    archive = export()
    assert set(archive.namelist()) == {"README.md"} | {
        f"{name}.{ext}" for name in TYPES for ext in ("jsonl", "csv")
    }
    client = Client()
    for name, type_name in TYPES.items():
        lines = archive.read(f"{name}.jsonl").decode().splitlines()
        assert lines, name
        for line in lines:
            obj = json.loads(line)
            validate(obj, type_name)
            assert client.get(path_of(obj["id"])).json() == obj
        raw = archive.read(f"{name}.csv")
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, like the portal's CSVs
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == "id" and len(rows) == len(lines) + 1
        assert [row[0] for row in rows[1:]] == [json.loads(line)["id"] for line in lines]
    people = list(
        csv.DictReader(
            io.StringIO(archive.read("membership.csv").decode("utf-8-sig")), delimiter=";"
        )
    )
    assert {row["votingRight"] for row in people} <= {"Ja", "Nej"}
    readme = archive.read("README.md").decode()
    assert "CC0 1.0" in readme and "https://creativecommons.org/publicdomain/zero/1.0/" in readme
    assert "`reference`: diarienummer" in readme


def test_nothing_confidential_or_personal_in_the_archive(record):
    archive = export()
    everything = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert PERSONNUMMER not in everything
    assert "[personnummer dolt]" in everything
    assert SECRET_TITLE not in everything and "patient.pdf" not in everything
    assert "Sekretessbelagd enligt OSL 21 kap. 1 §" in everything
    assert "Hemligt förslag" not in everything and "Ej publicerad punkt" not in everything
    assert "@" not in everything and PHONE not in everything
    files = [json.loads(line) for line in archive.read("file.jsonl").decode().splitlines()]
    attachments = {f["fileName"] for f in files if "sha512Checksum" in f}
    assert attachments == {"rapport.pdf", "beslut.pdf"}
    documents = {f["accessUrl"].rsplit("/", 1)[1] for f in files if "sha512Checksum" not in f}
    assert documents == {"protokoll.pdf", "protokollsutdrag.pdf", "uppdrag.pdf"}


def test_the_archive_is_downloaded_without_login_once_it_exists(record):
    client = Client()
    url = reverse("open_data:archive")
    assert url == "/oppna-data/"
    assert client.get(url).status_code == 404
    export()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="samverkansportalen-oppna-data.zip"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert "README.md" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    export()  # a second run replaces the archive under the same name
    assert default_storage.exists(ARCHIVE_NAME)


def test_the_archive_goes_to_s3_object_storage(record, s3_storage, s3_server):
    export()
    assert ARCHIVE_NAME in s3_server.keys(s3_storage)
    response = Client().get("/oppna-data/")
    assert response.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
