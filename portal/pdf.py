"""The portal's one PDF renderer: archive-grade (PDF/A-3u), tagged, fonts embedded.

Every document (commission, decision extract, minutes, agenda, budget) renders an HTML
template that extends templates/pdf/base.html and calls render_pdf(). See
docs/decisions/0006-pdf-a-3u.md for the choice of variant. WeasyPrint runs in a helper process
within time and memory bounds (portal/pdf_limits.py); PDFs are rendered per request, never
stored.
"""

from __future__ import annotations

import atexit
import datetime
import functools
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from portal.pdf_limits import BoundedRenderer
from portal.personal_numbers import mask_personal_numbers

PDF_VARIANT = "pdf/a-3u"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF_CSS = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata written into the PDF (and its XMP packet)."""

    title: str
    author: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "sv"
    created: datetime.datetime | None = None

    def masked(self) -> DocumentInfo:
        """The metadata of a public document: every personnummer in it masked."""
        return replace(
            self,
            title=mask_personal_numbers(self.title),
            author=mask_personal_numbers(self.author),
            subject=mask_personal_numbers(self.subject),
            keywords=tuple(mask_personal_numbers(k) for k in self.keywords),
        )


def render_html(template_name: str, context: dict, info: DocumentInfo) -> str:
    return render_to_string(
        template_name,
        {**context, "document": info, "font_dir": FONT_DIR.as_uri()},
    )


def html_to_pdf(html: str, info: DocumentInfo, *, base_url: str | None = None) -> bytes:
    """The PDF of the HTML, rendered within the time and memory bounds of portal.pdf_limits
    (raises PdfTooSlow or PdfTooLarge, which the middleware shows as a Swedish page)."""
    created = (info.created or timezone.now()).isoformat(timespec="seconds")
    return renderer.run(
        weasyprint_pdf,
        html,
        info,
        base_url=base_url or str(settings.BASE_DIR),
        created=created,
    )


def weasyprint_pdf(html: str, info: DocumentInfo, *, base_url: str, created: str) -> bytes:
    """WeasyPrint with the portal's fixed options, in the calling process. Runs in the PDF
    helper process; separate so benchmarks can time WeasyPrint alone."""
    from weasyprint import HTML

    stylesheet, font_config = _stylesheet()
    document = HTML(string=html, base_url=base_url).render(
        stylesheets=[stylesheet],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    document.metadata.title = info.title
    document.metadata.authors = [info.author]
    document.metadata.description = info.subject
    document.metadata.keywords = list(info.keywords)
    document.metadata.lang = info.language
    document.metadata.created = created
    document.metadata.modified = created
    document.metadata.generator = "Samverkansportalen"
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


@functools.cache
def _stylesheet():
    """pdf.css parsed once per process, with the font configuration its @font-face rules load
    the shipped Noto Sans files into (as "Portal Sans"). Without a font configuration given to
    the stylesheet WeasyPrint ignores @font-face and falls back to whatever sans-serif the
    machine has; building both per document cost about a third of a one-page document.
    One document at a time per process (the PDF helper runs one job at a time)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    # Let go of it before the interpreter tears down the modules its __del__ uses.
    atexit.register(_stylesheet.cache_clear)
    return CSS(filename=str(PDF_CSS), font_config=font_config), font_config


def warm_up() -> None:
    """What the helper renders before it is capped: a page with the portal's CSS and fonts
    (pdf.css loads them), so the cap is left for the documents themselves."""
    html = (
        '<html lang="sv"><body><h1>Samverkansportalen</h1>'
        "<p><strong>Förberedelse</strong> <em>av</em> PDF-dokument.</p></body></html>"
    )
    weasyprint_pdf(
        html,
        DocumentInfo(title="Förberedelse", author="Samverkansportalen"),
        base_url=str(settings.BASE_DIR),
        created="2000-01-01T00:00:00+00:00",
    )


renderer = BoundedRenderer(warm_up="portal.pdf:warm_up")


def render_pdf(template_name: str, context: dict, info: DocumentInfo) -> bytes:
    return html_to_pdf(render_html(template_name, context, info), info)
