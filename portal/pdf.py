"""The portal's one PDF renderer: archive-grade (PDF/A-3u), tagged, fonts embedded.

Every document (commission, decision extract, minutes, agenda, budget) renders an HTML
template that extends templates/pdf/base.html and calls render_pdf(). See
docs/decisions/0006-pdf-a-3u.md for the choice of variant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

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


def render_html(template_name: str, context: dict, info: DocumentInfo) -> str:
    return render_to_string(
        template_name,
        {**context, "document": info, "font_dir": FONT_DIR.as_uri()},
    )


def html_to_pdf(html: str, info: DocumentInfo, *, base_url: str | None = None) -> bytes:
    """WeasyPrint with the portal's fixed options. Separate so benchmarks can time it alone."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).render(
        stylesheets=[CSS(filename=str(PDF_CSS))],
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
    )
    document.metadata.title = info.title
    document.metadata.authors = [info.author]
    document.metadata.description = info.subject
    document.metadata.keywords = list(info.keywords)
    document.metadata.lang = info.language
    created = (info.created or timezone.now()).isoformat(timespec="seconds")
    document.metadata.created = created
    document.metadata.modified = created
    document.metadata.generator = "Samverkansportalen"
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def render_pdf(template_name: str, context: dict, info: DocumentInfo) -> bytes:
    return html_to_pdf(render_html(template_name, context, info), info)
