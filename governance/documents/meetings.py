"""The governance papers as PDF: decision extract (protokollsutdrag), full minutes, and the
agenda with the notice of meeting (kallelse). All through portal.pdf.

The extract and the minutes have a public variant (`public=True`, the public register's):
the same template, with each confidential part replaced by "Sekretessbelagd enligt …" and
every personnummer in the finished HTML masked (portal.personal_numbers)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.selectors.decisions import decision_overview, decision_secrecy_mark
from governance.selectors.meetings import attendance_sheet, meeting_overview
from portal.downloads import download_filename
from portal.pdf import DocumentInfo, html_to_pdf, render_html, render_pdf
from portal.personal_numbers import mask_personal_numbers


def _document_html(template: str, context: dict, info: DocumentInfo, *, public: bool) -> str:
    html = render_html(template, {**context, "public": public}, info)
    return mask_personal_numbers(html) if public else html


def _minutes_or_none(meeting):
    try:
        return meeting.minutes
    except meeting._meta.model.minutes.RelatedObjectDoesNotExist:
        return None


def decision_extract_pdf(decision_id: int, *, public: bool = False) -> tuple[bytes, str]:
    html, info, filename = decision_extract_html(decision_id, public=public)
    return html_to_pdf(html, info), filename


def decision_extract_html(
    decision_id: int, *, public: bool = False
) -> tuple[str, DocumentInfo, str]:
    """(HTML, metadata, file name) of a decision's extract; the public variant withholds a
    confidential decision's content and its title."""
    overview = decision_overview(decision_id, history=False)
    if overview is None:
        raise Http404
    decision = overview.decision
    withheld = decision_secrecy_mark(decision) if public else ""
    title = withheld or decision.title
    minutes = _minutes_or_none(decision.meeting) if decision.meeting_id else None
    secretary = decision.certified_by or (
        minutes.secretary.full_name if minutes and minutes.secretary else ""
    )
    info = DocumentInfo(
        title=f"{overview.label if decision.number else ''} {title}".strip(),
        author=decision.body.name,
        subject=decision.registry_number
        or _("Protokollsutdrag %(year)s") % {"year": decision.year},
        keywords=("protokollsutdrag", decision.registry_number or str(decision.year)),
    )
    html = _document_html(
        "governance/pdf/decision_extract.html",
        {
            "overview": overview,
            "withheld": withheld,
            "decision": decision,
            "minutes": minutes,
            "secretary": secretary,
            "adjusters": [
                link.person.full_name for link in minutes.adjuster_links.select_related("person")
            ]
            if minutes
            else [],
            "meeting_date": timezone.localtime(decision.meeting.starts_at).date()
            if decision.meeting_id
            else decision.decision_date,
            "unapproved": overview.unapproved,
        },
        info,
        public=public,
    )
    number = decision.number or decision.pk
    filename = download_filename(
        "protokollsutdrag",
        decision.year,
        number,
        "sekretess" if withheld else mask_personal_numbers(title) if public else title,
        extension="pdf",
    )
    return html, info.masked() if public else info, filename


def minutes_pdf(meeting_id: int, *, public: bool = False) -> tuple[bytes, str]:
    html, info, filename = minutes_html(meeting_id, public=public)
    return html_to_pdf(html, info), filename


def minutes_html(meeting_id: int, *, public: bool = False) -> tuple[str, DocumentInfo, str]:
    """(HTML, metadata, file name) of a meeting's minutes; the public variant withholds the
    confidential items, decisions and attachments."""
    overview = meeting_overview(meeting_id, history=False)
    if overview is None or overview.minutes is None:
        raise Http404
    meeting = overview.meeting
    day = timezone.localtime(meeting.starts_at)
    info = DocumentInfo(
        title=f"{overview.minutes.get_kind_display()} {meeting.group.name} {day:%Y-%m-%d}",
        author=meeting.group.name,
        subject=f"{overview.minutes.get_kind_display()} {day:%Y-%m-%d}",
        keywords=("protokoll", meeting.group.name),
    )
    absent = sum(1 for a in overview.attendances if a.status == "absent")
    html = _document_html(
        "governance/pdf/minutes.html",
        {"overview": overview, "day": day, "absent_count": absent},
        info,
        public=public,
    )
    return (
        html,
        info.masked() if public else info,
        download_filename(
            "protokoll", f"{day:%Y-%m-%d}", meeting.pk, meeting.group.name, extension="pdf"
        ),
    )


def agenda_pdf(meeting_id: int) -> tuple[bytes, str]:
    overview = meeting_overview(meeting_id, history=False)
    if overview is None:
        raise Http404
    meeting = overview.meeting
    day = timezone.localtime(meeting.starts_at)
    info = DocumentInfo(
        title=_("Kallelse %(group)s %(date)s")
        % {"group": meeting.group.name, "date": f"{day:%Y-%m-%d}"},
        author=meeting.group.name,
        subject=_("Kallelse och dagordning %(date)s") % {"date": f"{day:%Y-%m-%d}"},
        keywords=("kallelse", "dagordning", meeting.group.name),
    )
    pdf = render_pdf(
        "governance/pdf/agenda.html",
        {
            "overview": overview,
            "day": day,
            "ends": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
            "invited": attendance_sheet(meeting),
        },
        info,
    )
    return pdf, download_filename(
        "kallelse", f"{day:%Y-%m-%d}", meeting.pk, meeting.group.name, extension="pdf"
    )
