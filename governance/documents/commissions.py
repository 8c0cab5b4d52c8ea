"""The commission as the paper a committee signs: HTML for WeasyPrint, and the PDF."""

from __future__ import annotations

import datetime

from django.http import Http404

from governance.models import Commission, CommissionStatus, DeliverableStatus
from governance.selectors.commissions import commission_for_pdf
from portal.downloads import download_filename
from portal.pdf import DocumentInfo, html_to_pdf, render_html
from portal.personal_numbers import mask_personal_numbers

TEMPLATE = "governance/pdf/commission.html"


def commission_document(commission: Commission) -> tuple[str, dict, DocumentInfo]:
    """Template, context and metadata of a commission's PDF (the benchmark reuses this)."""
    info = DocumentInfo(
        title=f"Uppdrag: {commission.title}",
        author=commission.commissioner.name,
        subject=commission.registry_number,
        keywords=("uppdrag", commission.assignee.name),
        created=datetime.datetime.combine(
            commission.signed_on or commission.created_at.date(),
            datetime.time(12),
            tzinfo=datetime.UTC,
        ),
    )
    context = {
        "commission": commission,
        "sections": list(commission.sections.all()),
        "deliverables": _paper_deliverables(commission),
        "is_draft": commission.status == CommissionStatus.DRAFT,
        "document_date": commission.signed_on or commission.status_date,
    }
    return TEMPLATE, context, info


def _paper_deliverables(commission: Commission) -> list:
    """The deliverables the paper lists: each once; a yearly one by its next occurrence."""
    deliverables = list(commission.deliverables.all())
    series_open = {
        (d.title, d.recipient_id)
        for d in deliverables
        if d.recurrence and d.status == DeliverableStatus.PLANNED
    }
    return [
        d
        for d in deliverables
        if not (
            d.recurrence
            and d.status == DeliverableStatus.DELIVERED
            and (d.title, d.recipient_id) in series_open
        )
    ]


def commission_html(commission: Commission) -> tuple[str, DocumentInfo]:
    template, context, info = commission_document(commission)
    return render_html(template, context, info), info


def commission_public_html(commission_id: int) -> tuple[str, DocumentInfo, str]:
    """(HTML, metadata, file name) of the public variant: every personnummer masked."""
    commission = commission_for_pdf(commission_id)
    if commission is None:
        raise Http404
    html, info = commission_html(commission)
    name = download_filename("uppdrag", commission.pk, commission.title, extension="pdf")
    return mask_personal_numbers(html), info.masked(), mask_personal_numbers(name)


def commission_pdf(commission_id: int) -> tuple[bytes, str]:
    """(PDF bytes, file name) of a commission. Used by the download page and `export_pdf`."""
    commission = commission_for_pdf(commission_id)
    if commission is None:
        raise Http404
    html, info = commission_html(commission)
    name = download_filename("uppdrag", commission.pk, commission.title, extension="pdf")
    return html_to_pdf(html, info), name
