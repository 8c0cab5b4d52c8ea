import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from groups.importing import import_members
from groups.models import Membership, Person
from tests.groups.factories import GroupFactory, HealthcareRegionFactory, RegionFactory

pytestmark = pytest.mark.django_db

HEADER = "grupp;förnamn;efternamn;e-post;titel;region;roll;från;till"
RAG = "RAG Barnonkologi och hematologi"
GOOD = [
    f"{RAG};Åsa;Övningsdal;asa@exempel.se;Överläkare;RKL;Sammankallande;2024-01-01;",
    f"{RAG};Örjan;Ärlig;orjan@exempel.se;Barnläkare;RJL;Ledamot;2024-01-01;",
    f"{RAG};Ebba;Exempelberg;;Sjuksköterska;Region Östergötland;ledamot;2024-02-01;2025-12-31",
]


@pytest.fixture
def group():
    hr = HealthcareRegionFactory(name="Sydöstra sjukvårdsregionen", slug="sydostra")
    RegionFactory(healthcare_region=hr, name="Region Kalmar län", code="RKL")
    RegionFactory(healthcare_region=hr, name="Region Jönköpings län", code="RJL")
    RegionFactory(healthcare_region=hr, name="Region Östergötland", code="RÖ")
    return GroupFactory(healthcare_region=hr, name="RAG Barnonkologi och hematologi")


def csv_bytes(lines, encoding="utf-8-sig"):
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode(encoding)


def test_good_csv_imports_every_row(group):
    result = import_members(csv_bytes(GOOD), "medlemmar.csv", actor=None)
    assert result.ok, result.errors
    assert result.created_memberships == 3 and result.created_people == 3
    asa = Person.objects.get(email="asa@exempel.se")
    membership = asa.memberships.get()
    assert membership.role == "convener" and membership.region.code == "RKL"
    assert Membership.objects.get(person__first_name="Ebba").end_date == datetime.date(2025, 12, 31)


def test_windows_1252_csv_from_swedish_excel_is_read(group):
    result = import_members(csv_bytes(GOOD, "cp1252"), "medlemmar.csv", actor=None)
    assert result.ok, result.errors
    assert Person.objects.filter(first_name="Åsa", last_name="Övningsdal").exists()


def test_xlsx_imports(group):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            "RAG Barnonkologi och hematologi",
            "Åsa",
            "Övningsdal",
            "",
            "",
            "RKL",
            "Ordförande",
            datetime.date(2024, 1, 1),
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_members(buffer.getvalue(), "medlemmar.xlsx", actor=None)
    assert result.ok, result.errors
    assert Membership.objects.get().role == "chair"


def test_bad_rows_are_all_reported_and_nothing_is_saved(group):
    lines = [
        GOOD[0],
        "RAG Okänd;Per;Provström;per@exempel.se;;RKL;Ledamot;2024-01-01;",
        "RAG Barnonkologi och hematologi;;Testlund;;;RKL;Ledamot;2024-01-01;",
        "RAG Barnonkologi och hematologi;Rut;Ruta;inte-en-adress;;RKL;Kassör;2024-13-01;",
    ]
    result = import_members(csv_bytes(lines), "medlemmar.csv", actor=None)
    assert not result.ok
    messages = [(e.line, e.column, e.message) for e in result.errors]
    assert (3, "grupp", "Gruppen ”RAG Okänd” finns inte.") in messages
    assert (4, "förnamn", "Värde saknas.") in messages
    assert any(m[:2] == (5, "e-post") for m in messages)
    assert any(m[:2] == (5, "roll") and "Okänd roll" in m[2] for m in messages)
    assert any(m[:2] == (5, "från") and "Ogiltigt datum" in m[2] for m in messages)
    assert not Person.objects.exists() and not Membership.objects.exists()


def test_rule_broken_by_the_file_itself_rolls_everything_back(group):
    # Two chairs at once: each row is fine alone, the second breaks the one-chair rule.
    lines = [
        "RAG Barnonkologi och hematologi;Åsa;Övningsdal;;;RKL;Ordförande;2024-01-01;",
        "RAG Barnonkologi och hematologi;Bengt;Demosson;;;RJL;Ordförande;2024-01-01;",
    ]
    result = import_members(csv_bytes(lines), "medlemmar.csv", actor=None)
    assert not result.ok
    assert result.errors[0].line == 3
    assert "ordförande" in result.errors[0].message
    assert not Membership.objects.exists() and not Person.objects.exists()


def test_wrong_encoding_gets_a_clear_message(group):
    result = import_members(csv_bytes(GOOD, "utf-16"), "medlemmar.csv", actor=None)
    assert not result.ok
    assert "teckenkodning" in result.errors[0].message
    assert not Person.objects.exists()


def test_wrong_column_set_is_refused(group):
    data = "namn;grupp;region\nÅsa Övningsdal;RAG Barnonkologi och hematologi;RKL\n".encode()
    result = import_members(data, "medlemmar.csv", actor=None)
    messages = [e.message for e in result.errors]
    assert any("Okänd kolumn ”namn”" in m for m in messages)
    assert any("Kolumnen ”förnamn” saknas" in m for m in messages)
    assert any("Kolumnen ”roll” saknas" in m for m in messages)
    assert not Person.objects.exists()


def test_upload_page_shows_errors_per_row(admin_client, group):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("m.csv", csv_bytes(["RAG Okänd;A;B;;;RKL;Ledamot;2024-01-01;"]))
    response = admin_client.post(reverse("groups:import"), {"file": upload})
    content = response.content.decode()
    assert "Inget importerades" in content
    assert "Gruppen ”RAG Okänd” finns inte." in content
    upload = SimpleUploadedFile("m.csv", csv_bytes(GOOD))
    response = admin_client.post(reverse("groups:import"), {"file": upload}, follow=True)
    assert "Importen är klar: 3 medlemskap och 3 nya personer." in response.content.decode()


def test_management_command(group, tmp_path, capsys):
    path = tmp_path / "medlemmar.csv"
    path.write_bytes(csv_bytes(GOOD))
    call_command("import_members", str(path))
    assert "Importerade 3 medlemskap" in capsys.readouterr().out
    path.write_bytes(csv_bytes(["RAG Okänd;A;B;;;RKL;Ledamot;2024-01-01;"]))
    with pytest.raises(CommandError):
        call_command("import_members", str(path))


def test_an_empty_upload_is_refused_at_the_file_field(admin_client):
    response = admin_client.post(reverse("groups:import"), {})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not Person.objects.exists()
