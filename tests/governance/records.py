"""Building blocks for tests of the formal record: a committee meeting with an agenda, the
members present, and the minutes ready to submit."""

import datetime

from governance.models import AttendanceStatus
from governance.services import decisions, meetings, minutes
from groups import services as group_services
from groups.models import MembershipRole
from tests.governance.conftest import ROLE_START, member, write_header
from tests.governance.factories import TZ
from tests.groups.factories import PersonFactory


def sitting(body, *, members: int = 3):
    """The body's chair, `members` ordinary members and a secretary without a vote."""
    chair = member(body, MembershipRole.CHAIR)
    ordinary = [member(body) for _ in range(members)]
    secretary = PersonFactory()
    group_services.membership_start(
        actor=None,
        person=secretary,
        group=body,
        role=MembershipRole.SECRETARY,
        start_date=ROLE_START,
        voting_right=False,
    )
    return chair, ordinary, secretary


def held_meeting(body, titles, *, day=datetime.date(2025, 4, 23), present=None, absent=()):
    """A meeting of the body on `day` with the agenda `titles`; everyone in `present` attends
    (attendance rows: person or (person, status, substitute name))."""
    meeting = meetings.meeting_create(
        actor=None,
        group=body,
        title="Sammanträde",
        starts_at=datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=TZ),
        place="Regionhuset",
    )
    items = [meetings.agenda_item_add(actor=None, meeting=meeting, title=t) for t in titles]
    rows = []
    for entry in present or ():
        if isinstance(entry, tuple):
            person, status, substitute = entry
            rows.append({"person": person, "status": status, "substitute_name": substitute})
        else:
            rows.append({"person": entry, "status": AttendanceStatus.PRESENT})
    rows += [{"person": p, "status": AttendanceStatus.ABSENT} for p in absent]
    if rows:
        meetings.attendance_record(actor=None, meeting=meeting, rows=rows)
    return meeting, items


def protocol(meeting, *, chair, adjuster, secretary=None):
    minutes.minutes_start(actor=None, meeting=meeting)
    return write_header(meeting, chair=chair, secretary=secretary, adjusters=[adjuster])


def decide(meeting, item, **fields):
    fields.setdefault("title", item.title)
    fields.setdefault("clauses", ["att godkänna rapporten"])
    return decisions.decision_record(
        actor=None, body=meeting.group, meeting=meeting, agenda_item=item, **fields
    )


def seat(meeting, person):
    return meeting.attendances.get(person=person)
