"""The cost of bounding PDF rendering (portal/pdf_limits.py) on a one-page decision extract.

- WeasyPrint alone: portal.pdf.weasyprint_pdf in this process, on HTML rendered beforehand.
- Bounded: portal.pdf.html_to_pdf on the same HTML: sent to the helper process, rendered there
  under its memory cap and deadline, the PDF sent back.
- Whole page: governance.documents.meetings.decision_extract_pdf (queries, template, PDF),
  bounded as in production and, for comparison, with WeasyPrint run in this process as it was
  before the bounds.

Goal: bounded ≤ 1.2 × WeasyPrint alone.
"""

import io
from unittest import mock

import pikepdf
from django.conf import settings

from governance import demo as governance_demo
from governance.documents.meetings import decision_extract_pdf
from governance.models import Decision
from groups import demo as groups_demo
from portal import pdf
from tests.bench.timing import interleaved_medians


def _in_this_process(job, *args, **kwargs):
    return job(*args, **kwargs)


def run(repeat: int = 21) -> dict[str, float]:
    groups_demo.load()
    governance_demo.load()
    for decision in Decision.objects.filter(meeting__isnull=False).order_by("pk"):
        with mock.patch.object(pdf, "html_to_pdf", wraps=pdf.html_to_pdf) as spy:
            extract, _name = decision_extract_pdf(decision.pk)
        if len(pikepdf.open(io.BytesIO(extract)).pages) == 1:
            break
    html, info = spy.call_args.args
    pdf.renderer.start()

    def whole_unbounded():
        with mock.patch.object(pdf.renderer, "run", _in_this_process):
            return decision_extract_pdf(decision.pk)

    alone, bounded, whole, whole_before = interleaved_medians(
        lambda: pdf.weasyprint_pdf(
            html, info, base_url=str(settings.BASE_DIR), created="2026-01-01T00:00:00+01:00"
        ),
        lambda: pdf.html_to_pdf(html, info),
        lambda: decision_extract_pdf(decision.pk),
        whole_unbounded,
        repeat=repeat,
    )
    print(
        f"one-page decision extract (§ {decision.number} {decision.body.name}):\n"
        f"  WeasyPrint alone {alone * 1000:.0f} ms, "
        f"bounded {bounded * 1000:.0f} ms (ratio {bounded / alone:.2f})\n"
        f"  whole page: bounded {whole * 1000:.0f} ms, in-process {whole_before * 1000:.0f} ms "
        f"(ratio {whole / whole_before:.2f})"
    )
    return {"alone": alone, "bounded": bounded, "whole": whole, "whole_before": whole_before}
