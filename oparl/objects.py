"""Model rows as OParl 1.1 objects (https://schema.oparl.org/1.1/). Pure functions of rows
whose relations the selectors have loaded: no queries here. Every free text goes through
`public_text` (personnummer masked); people carry name only, never e-mail or phone."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance.models import (
    AgendaItem,
    Attachment,
    Commission,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
)
from governance.selectors.paragraphs import paragraph_text
from groups.models import Group, GroupKind, HealthcareRegion, Membership, Person, Region
from oparl.urls_builder import Urls
from portal.personal_numbers import mask_personal_numbers
from public.selectors import decision_withheld_text, public_decision_text, withheld_text

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"
DATA_LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
# The first term of office the API knows; committees' terms run four calendar years from the
# year after a general election (2018, 2022, 2026, …).
FIRST_TERM_START = 2019
TERM_YEARS = 4


def oparl_type(name: str) -> str:
    return SCHEMA + name


def moment(value: datetime.datetime | None) -> str | None:
    """yyyy-mm-ddThh:mm:ss±hh:mm, as OParl asks (no fractions of a second)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def text(value: str | None) -> str:
    return mask_personal_numbers(value or "")


def compact(data: dict) -> dict:
    """OParl asks servers to leave out empty values rather than send null, "" or []."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def stamped(data: dict, row) -> dict:
    data["created"] = moment(row.created_at)
    data["modified"] = moment(row.modified_at)
    return compact(data)


def deleted(object_id: str, type_name: str, *, created, modified) -> dict:
    """The marker left where a deleted or withdrawn object was (OParl 1.1, 2.8)."""
    return {
        "id": object_id,
        "type": oparl_type(type_name),
        "created": moment(created),
        "modified": moment(modified),
        "deleted": True,
    }


def system(u: Urls, *, created, modified) -> dict:
    return compact(
        {
            "id": u("system"),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "license": DATA_LICENSE,
            "body": u("body_list"),
            "name": "Samverkansportalen",
            "website": u.absolute("/"),
            "created": moment(created),
            "modified": moment(modified),
        }
    )


def terms(today: datetime.date) -> list[tuple[int, int]]:
    """The committees' terms of office (mandatperioder) up to the current one."""
    spans = []
    start = FIRST_TERM_START
    while start <= today.year:
        spans.append((start, start + TERM_YEARS - 1))
        start += TERM_YEARS
    return spans


def within(obj: dict, query) -> bool:
    """Whether an object made in memory (a term of office) passes a list's date filters."""
    created = datetime.datetime.fromisoformat(obj["created"])
    modified = datetime.datetime.fromisoformat(obj["modified"])
    return not (
        (query.created_since and created < query.created_since)
        or (query.created_until and created > query.created_until)
        or (query.modified_since and modified < query.modified_since)
        or (query.modified_until and modified > query.modified_until)
    )


def legislative_term(u: Urls, body: HealthcareRegion, start: int, end: int) -> dict:
    begins = datetime.datetime(start, 1, 1, tzinfo=timezone.get_current_timezone())
    return {
        "id": u("legislativeterm", body.pk, start),
        "type": oparl_type("LegislativeTerm"),
        "body": u("body", body.pk),
        "name": f"Mandatperioden {start}–{end}",
        "startDate": f"{start}-01-01",
        "endDate": f"{end}-12-31",
        "created": moment(begins),
        "modified": moment(begins),
    }


def body(u: Urls, row: HealthcareRegion, *, today: datetime.date) -> dict:
    pk = row.pk
    data = stamped(
        {
            "id": u("body", pk),
            "type": oparl_type("Body"),
            "system": u("system"),
            "shortName": text(row.short_name),
            "name": text(row.name),
            "license": DATA_LICENSE,
            "classification": "Sjukvårdsregion",
            "organization": u("body_organizations", pk),
            "person": u("body_people", pk),
            "meeting": u("body_meetings", pk),
            "paper": u("body_papers", pk),
            "agendaItem": u("body_agendaitems", pk),
            "consultation": u("body_consultations", pk),
            "file": u("body_files", pk),
            "membership": u("body_memberships", pk),
            "legislativeTermList": u("body_legislativeterms", pk),
        },
        row,
    )
    # Required, so sent even when empty (compact() would drop an empty list).
    data["legislativeTerm"] = [legislative_term(u, row, *span) for span in terms(today)]
    return data


def organization(u: Urls, group: Group) -> dict:
    return stamped(
        {
            "id": u("organization", group.pk),
            "type": oparl_type("Organization"),
            "body": u("body", group.healthcare_region_id),
            "name": text(group.name),
            "membership": [u("membership", m.pk) for m in group.memberships.all()],
            "subOrganizationOf": u("organization", group.parent_id) if group.parent_id else None,
            "organizationType": "Gremium",
            "classification": str(GroupKind(group.kind).label),
            "startDate": day(group.start_date),
            "endDate": day(group.end_date),
            "keyword": ["nationell"] if group.is_national else [],
        },
        group,
    )


def region_organization(u: Urls, region: Region) -> dict:
    """A member region, the organisation a member represents (Membership.onBehalfOf)."""
    return stamped(
        {
            "id": u("region", region.pk),
            "type": oparl_type("Organization"),
            "body": u("body", region.healthcare_region_id),
            "name": text(region.name),
            "shortName": text(region.code),
            "organizationType": "Institution",
            "classification": "Region",
        },
        region,
    )


def membership(u: Urls, row: Membership) -> dict:
    return stamped(
        {
            "id": u("membership", row.pk),
            "type": oparl_type("Membership"),
            "person": u("person", row.person_id),
            "organization": u("organization", row.group_id),
            "role": str(row.get_role_display()),
            "votingRight": row.voting_right,
            "startDate": day(row.start_date),
            "endDate": day(row.end_date),
            "onBehalfOf": u("region", row.region_id) if row.region_id else None,
        },
        row,
    )


def person(u: Urls, row: Person) -> dict:
    """Name and memberships only: never e-mail, phone, title or employer."""
    return stamped(
        {
            "id": u("person", row.pk),
            "type": oparl_type("Person"),
            "name": text(row.full_name),
            "familyName": text(row.last_name),
            "givenName": text(row.first_name),
            "membership": [membership(u, m) for m in row.memberships.all()],
        },
        row,
    )


# Meetings and what they handled. Rows come from oparl.selectors (published only).

VOTES_FIELD = "samverkan:votes"


def file(u: Urls, attachment: Attachment) -> dict:
    item = attachment.agenda_item
    return stamped(
        {
            "id": u("file", attachment.pk),
            "type": oparl_type("File"),
            "name": text(attachment.title),
            "fileName": text(attachment.original_name),
            "mimeType": attachment.mime_type,
            "size": attachment.size,
            "sha512Checksum": attachment.sha512,
            "accessUrl": u("file_access", attachment.pk),
            "downloadUrl": u("file_download", attachment.pk),
            "date": day(timezone.localdate(attachment.created_at)),
            "agendaItem": [u("agendaitem", item.pk)] if item is not None else [],
            "meeting": [u("meeting", item.meeting_id)] if item is not None else [],
            "paper": [u("paper_decision", attachment.decision_id)]
            if attachment.decision_id
            else [],
            "fileLicense": DATA_LICENSE,
        },
        attachment,
    )


def _document(u: Urls, key: str, row, *, name: str, document: str, links: dict) -> dict:
    """A PDF the public register renders on request (minutes, extract, commission): a File
    whose accessUrl is the public register's PDF. Its size and checksum are not known without
    rendering it, so they are left out (both are optional in OParl)."""
    return stamped(
        {
            "id": u(key, row.pk),
            "type": oparl_type("File"),
            "name": text(name),
            "mimeType": "application/pdf",
            "accessUrl": document,
            "fileLicense": DATA_LICENSE,
            **links,
        },
        row,
    )


def minutes_file(u: Urls, minutes: Minutes) -> dict:
    meeting = minutes.meeting
    held = day(timezone.localdate(meeting.starts_at))
    return _document(
        u,
        "file_minutes",
        minutes,
        name=f"{minutes.get_kind_display()} {meeting.title} {held}",
        document=u.page("public:minutes_pdf", minutes.pk),
        links={"meeting": [u("meeting", meeting.pk)]},
    )


def extract_file(u: Urls, decision: Decision) -> dict:
    label = f"§ {decision.number}/{decision.year}" if decision.number else decision.registry_number
    return _document(
        u,
        "file_extract",
        decision,
        name=f"Protokollsutdrag {label}".strip(),
        document=u.page("public:decision_pdf", decision.pk),
        links={"paper": [u("paper_decision", decision.pk)]},
    )


def commission_file(u: Urls, commission: Commission) -> dict:
    return _document(
        u,
        "file_commission",
        commission,
        name=f"Uppdrag {commission.title}",
        document=u.page("public:commission_pdf", commission.pk),
        links={"paper": [u("paper_commission", commission.pk)]},
    )


def _public_files(u: Urls, attachments, *, withheld: bool = False) -> list[dict]:
    """The attachments the public may download, as Files (see public.downloadable_attachments:
    not confidential, with a file, not under a confidential agenda item)."""
    if withheld:
        return []
    return [file(u, a) for a in attachments if a.has_file and not a.is_confidential]


def _votes(decision: Decision) -> dict | None:
    """The extension field: motions, the propositionsordning, the roll call and jäv of a
    decision at a meeting, names masked (docs/api.md)."""
    printed = paragraph_text(decision)
    motions = list(decision.motions.all())
    if not (motions or printed.vote or printed.recusals):
        return None
    data = {
        "motions": [
            {
                "position": m.position,
                "movedBy": text(m.attendance.seat_name),
                "text": text(m.text),
                "propositionOrder": m.proposition_order,
                "adopted": m.adopted,
            }
            for m in motions
        ],
        "proposition": text(printed.proposition),
        "recusals": [text(r.attendance.seat_name) for r in decision.recusals.all()],
    }
    if printed.vote is not None:
        vote = decision.vote
        data["rollCall"] = {
            "yesMotion": vote.yes_motion.position,
            "noMotion": vote.no_motion.position,
            "yes": printed.vote.yes,
            "no": printed.vote.no,
            "abstain": printed.vote.abstain,
            "result": text(printed.vote.result),
            "ballots": [
                {
                    "name": text(row.name),
                    "choice": row.choice,
                    "label": str(row.label),
                    "castingVote": row.casting,
                }
                for row in printed.vote.rows
            ],
        }
    return data


def _resolution(decision: Decision) -> str:
    printed = paragraph_text(decision)
    lines = [printed.lead, *printed.clauses, printed.sentence, *printed.reservations]
    return text("\n".join(line for line in lines if line))


def agenda_item(u: Urls, item: AgendaItem) -> dict:
    decision = next(iter(item.published_decisions), None)
    withheld = withheld_text(item)
    data = {
        "id": u("agendaitem", item.pk),
        "type": oparl_type("AgendaItem"),
        "meeting": u("meeting", item.meeting_id),
        "number": f"§ {item.paragraph}" if item.paragraph else str(item.number),
        "order": item.number,
        "name": withheld or text(item.title),
        "public": not item.is_confidential,
        "auxiliaryFile": _public_files(u, item.attachments.all(), withheld=bool(withheld)),
    }
    if decision is not None:
        decision_withheld = decision_withheld_text(decision)
        data["consultation"] = u("consultation", decision.pk)
        data["result"] = str(decision.get_status_display())
        data["resolutionText"] = decision_withheld or _resolution(decision)
        if not decision_withheld:
            data[VOTES_FIELD] = _votes(decision)
    return stamped(data, item)


def location(u: Urls, meeting: Meeting) -> dict:
    return stamped(
        {
            "id": u("location", meeting.pk),
            "type": oparl_type("Location"),
            "description": text(meeting.place),
            "meetings": [u("meeting", meeting.pk)],
        },
        meeting,
    )


def meeting(u: Urls, row: Meeting) -> dict:
    return stamped(
        {
            "id": u("meeting", row.pk),
            "type": oparl_type("Meeting"),
            "name": text(row.title),
            "meetingState": str(row.get_status_display()),
            "cancelled": row.status == MeetingStatus.CANCELLED,
            "start": moment(row.starts_at),
            "end": moment(row.ends_at),
            "location": location(u, row) if row.place else None,
            "organization": [u("organization", row.group_id)],
            "participant": [u("person", a.person_id) for a in row.present],
            "resultsProtocol": minutes_file(u, row.minutes),
            "agendaItem": [agenda_item(u, item) for item in row.agenda_items.all()],
            "web": u.page("public:minutes", row.minutes.pk),
        },
        row,
    )


def consultation(u: Urls, decision: Decision) -> dict:
    return stamped(
        {
            "id": u("consultation", decision.pk),
            "type": oparl_type("Consultation"),
            "paper": u("paper_decision", decision.pk),
            "agendaItem": u("agendaitem", decision.agenda_item_id)
            if decision.agenda_item_id and decision.meeting_id
            else None,
            "meeting": u("meeting", decision.meeting_id) if decision.meeting_id else None,
            "organization": [u("organization", decision.body_id)],
            "authoritative": True,
            "role": "Beslut",
        },
        decision,
    )


def paper_decision(u: Urls, decision: Decision) -> dict:
    published = public_decision_text(decision)
    return stamped(
        {
            "id": u("paper_decision", decision.pk),
            "type": oparl_type("Paper"),
            "body": u("body", decision.body.healthcare_region_id),
            "name": published.title,
            "reference": text(decision.registry_number),
            "date": day(decision.decision_date),
            "paperType": "Beslut",
            "mainFile": extract_file(u, decision),
            "auxiliaryFile": _public_files(u, decision.attachments.all()),
            "originatorOrganization": [u("organization", decision.body_id)],
            "consultation": [consultation(u, decision)],
            "keyword": [f"§ {decision.number}/{decision.year}"] if decision.number else [],
            "web": u.page("public:decision", decision.pk),
        },
        decision,
    )


def paper_commission(u: Urls, commission: Commission) -> dict:
    return stamped(
        {
            "id": u("paper_commission", commission.pk),
            "type": oparl_type("Paper"),
            "body": u("body", commission.commissioner.healthcare_region_id),
            "name": text(commission.title),
            "reference": text(commission.registry_number),
            "date": day(commission.start_date),
            "paperType": "Uppdrag",
            "originatorOrganization": [u("organization", commission.commissioner_id)],
            "underDirectionOf": [u("organization", commission.assignee_id)],
            "mainFile": commission_file(u, commission),
            "web": u.page("public:commission", commission.pk),
        },
        commission,
    )
