"""A PDF over its time or memory bound is refused with a Swedish message; the worker that
asked lives on, no rendering is left running, and the next document renders."""

import base64
import datetime
import os
import struct
import zlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from governance.services import decisions
from portal import pdf
from portal.pdf_limits import PdfTooLarge
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db
# About 35 pages: seconds of layout, far over the half-second deadline below.
LONG_CASE = "\n\n".join(
    f"Stycke {n}: underlaget redovisar samverkan mellan regionerna i detalj." for n in range(1500)
)
INFO = pdf.DocumentInfo(title="Bilaga", author="Testnämnden")


def extract_url(decision) -> str:
    return f"/beslut/{decision.pk}/protokollsutdrag.pdf"


def decision_with(case_description: str):
    return decisions.decision_record(
        actor=None,
        body=GroupFactory(),
        title="Årsredovisning",
        case_description=case_description,
        clauses=["att godkänna redovisningen"],
        decision_date=datetime.date(2025, 4, 23),
    )


def grey_png(width: int, height: int) -> bytes:
    """A small file (it compresses to almost nothing) that takes width × height × 3 bytes
    once decoded: the memory a rendering needs, not the size of its input."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * (width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def test_a_one_page_extract_renders_within_modest_limits(admin_client, settings):
    settings.PDF_MEMORY_LIMIT_MB = 64
    settings.PDF_TIMEOUT_SECONDS = 20
    response = admin_client.get(extract_url(decision_with("Ett kort underlag.")))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_document_needing_more_memory_than_allowed_is_refused(settings):
    settings.PDF_MEMORY_LIMIT_MB = 32
    settings.PDF_TIMEOUT_SECONDS = 60
    image = base64.b64encode(grey_png(4000, 4000)).decode()  # 48 MB decoded, 55 kB as a file
    html = f'<html><body><p>Bilaga</p><img src="data:image/png;base64,{image}"></body></html>'
    with pytest.raises(PdfTooLarge) as refusal:
        pdf.html_to_pdf(html, INFO)
    assert refusal.value.message == (
        "Dokumentet är för stort för att skapas som PDF: det behöver mer än 32 MB minne. "
        "Kontakta kansliet, så kan det delas upp eller gränsen höjas."
    )
    # The helper that hit the cap is gone; a new one renders the next document.
    assert pdf.html_to_pdf("<p>Kort bilaga</p>", INFO).startswith(b"%PDF")


def test_a_document_taking_too_long_answers_a_swedish_page_and_stops_its_rendering(
    admin_client, settings
):
    settings.PDF_TIMEOUT_SECONDS = 0.5
    pdf.renderer.start()  # the deadline is for rendering, not for starting the helper
    long_one = decision_with(LONG_CASE)
    came_from = f"http://testserver/beslut/{long_one.pk}/"
    response = admin_client.get(extract_url(long_one), HTTP_REFERER=came_from)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = response.content.decode()
    assert "PDF-dokumentet kunde inte skapas" in text
    assert "Det tog längre tid än 0,5 sekunder att skapa PDF-dokumentet" in text
    assert f'href="{came_from}"' in text  # back to the decision
    # The rendering was cancelled, not left running behind the answer: the helper is idle
    # (it answers at once) and keeps its loaded fonts for the next document.
    assert pdf.renderer.run(os.getpid) == pdf.renderer.helper_pid
    # The batch command keeps the same bound and says the same.
    with pytest.raises(CommandError, match="Det tog längre tid än 0,5 sekunder"):
        call_command("export_pdf", "decision", str(long_one.pk), "-o", os.devnull)
    settings.PDF_TIMEOUT_SECONDS = 20
    response = admin_client.get(extract_url(decision_with("Ett kort underlag.")))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
