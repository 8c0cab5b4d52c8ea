"""The three papers as PDF, through the shared renderer and `manage.py export_pdf`."""

import datetime
import subprocess

import pytest
from django.core.management import call_command

from governance.services import decisions, meetings, minutes
from tests.governance.conftest import member, write_header

pytestmark = pytest.mark.django_db


def text_of(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def decided(committee, tmp_path):
    meeting = meetings.meeting_create(
        actor=None,
        group=committee,
        title="Sammanträde",
        starts_at=datetime.datetime(2018, 4, 23, 9, 30, tzinfo=datetime.UTC),
        place="Kansliet",
    )
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    chair = member(committee, "chair")
    secretary = member(committee, "secretary")
    dissenter = member(committee)
    meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[{"person": p, "status": "present"} for p in (chair, secretary, dissenter)],
    )
    record = write_header(meeting, adjusters=[dissenter], secretary=secretary, chair=chair)
    decision = decisions.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=item,
        title="Laboratoriesamverkan",
        registry_number="RS/1009/2017",
        case_description="Samverkan inom laboratorieområdet startade 2011.",
        proposal="Regionstyrelse godkänner rapporten",
        clauses=["att godkänna rapporten", "att uppdraget fortsätter"],
        distribution="Chef Område teknik, diagnostik och service",
        certified_by="Sara Sekreterare",
    )
    decisions.decision_reservation_add(
        actor=None, decision=decision, person=dissenter, text="Underlaget är för tunt."
    )
    minutes.minutes_submit(actor=None, minutes=record)  # the item gets its § now
    decision.refresh_from_db()
    return decision


def test_decision_extract_holds_paragraph_registry_clauses_and_distribution(decided, tmp_path):
    path = tmp_path / "utdrag.pdf"
    call_command("export_pdf", "decision", str(decided.pk), "-o", str(path))
    text = text_of(path)
    for expected in (
        "PROTOKOLLSUTDRAG",
        "§ 1",
        "RS/1009/2017",
        "Sammanträdesdatum 2018-04-23",
        "att godkänna rapporten",
        "att uppdraget fortsätter",
        "Utdrag till",
        "Chef Område teknik, diagnostik och service",
        "reserverar sig mot beslutet",
        "Justerandes signatur",
        "Rätt utdraget intygar",
        "Sara Sekreterare",
    ):
        assert expected in text, expected


def test_minutes_and_agenda_pdfs(decided, tmp_path):
    meeting = decided.meeting
    call_command("export_pdf", "minutes", str(meeting.pk), "-o", str(tmp_path / "p.pdf"))
    call_command("export_pdf", "agenda", str(meeting.pk), "-o", str(tmp_path / "k.pdf"))
    minutes_text = text_of(tmp_path / "p.pdf")
    assert "Protokoll Testnämnden" in minutes_text
    assert "Justerare" in minutes_text and "§ 1" in minutes_text
    assert "att godkänna rapporten" in minutes_text and "Vid protokollet" in minutes_text
    agenda_text = text_of(tmp_path / "k.pdf")
    assert "KALLELSE" in agenda_text and "Dagordning" in agenda_text and "Rapport" in agenda_text


def test_export_pdf_reports_missing_document():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Hittade inget dokument"):
        call_command("export_pdf", "decision", "999999", "-o", "/tmp/none.pdf")


def test_decision_pdf_page_downloads(client, decided, user):
    client.force_login(user)
    response = client.get(f"/beslut/{decided.pk}/protokollsutdrag.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
