"""PDFs as the portal makes them (selector, template, bounded WeasyPrint helper) against
WeasyPrint alone in this process on the same HTML, interleaved so both see the same machine
load (two shared cores). Folds in the former bench_pdf_isolation and bench_commission_pdf.

Targets: portal ≤ 1.2 × WeasyPrint alone; a one-page decision extract ≤ 0.5 s warm."""

from __future__ import annotations

import io
import sys
from unittest import mock

import pikepdf
from django.conf import settings

from governance.documents.commissions import commission_pdf
from governance.documents.meetings import agenda_pdf, decision_extract_pdf, minutes_pdf
from governance.models import Commission, Decision, Meeting
from portal import pdf
from tests.bench.timing import interleaved_medians


def _captured(document, pk):
    """The HTML and document info the portal hands to the renderer, and the page count."""
    spy = mock.Mock(wraps=pdf.html_to_pdf)
    module = sys.modules[document.__module__]  # a module that imported html_to_pdf by name
    with (
        mock.patch.object(pdf, "html_to_pdf", spy),
        mock.patch.object(module, "html_to_pdf", spy, create=True),
    ):
        content, _name = document(pk)
    html, info = spy.call_args.args
    return html, info, len(pikepdf.open(io.BytesIO(content)).pages)


def _documents() -> list[tuple[str, object, int]]:
    committee = (
        Meeting.objects.filter(group__kind="committee", minutes__status="approved")
        .order_by("-starts_at")
        .values_list("pk", flat=True)
        .first()
    )
    decision = (
        Decision.objects.filter(meeting__isnull=False, status="decided", number__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    commission = Commission.objects.order_by("-pk").values_list("pk", flat=True).first()
    return [
        ("decision extract", decision_extract_pdf, decision),
        ("minutes (protokoll)", minutes_pdf, committee),
        ("agenda and notice", agenda_pdf, committee),
        ("commission", commission_pdf, commission),
    ]


def measure(repeat: int = 7) -> list[dict]:
    pdf.renderer.start()
    results = []
    for name, document, pk in _documents():
        html, info, page_count = _captured(document, pk)
        portal, alone = interleaved_medians(
            lambda document=document, pk=pk: document(pk),
            lambda html=html, info=info: pdf.weasyprint_pdf(
                html, info, base_url=str(settings.BASE_DIR), created="2026-01-01T00:00:00+01:00"
            ),
            repeat=repeat,
        )
        results.append(
            {
                "name": f"{name} ({page_count} p.)",
                "pages": page_count,
                "ms": round(portal * 1000),
                "floor_ms": round(alone * 1000),
                "ratio": round(portal / alone, 2),
            }
        )
        print(f"pdf {name:22} {page_count} p. {portal * 1000:6.0f} ms vs {alone * 1000:6.0f} ms")
    return results
