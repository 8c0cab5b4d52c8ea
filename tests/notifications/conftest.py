"""A committee with its members (each with an address and a login), a meeting with an agenda,
and the steps of the record the notifications follow (submission, approval, decisions)."""

import datetime

import pytest
from django.utils import timezone

from governance.models import AttendanceStatus, MinutesKind
from governance.services import decisions, meetings, minutes
from groups.models import MembershipRole
from tests.governance.conftest import member, write_header


def days_from_now(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def committee(db):
    from groups.models import GroupKind
    from tests.groups.factories import GroupFactory

    return GroupFactory(name="Testnämnden", kind=GroupKind.COMMITTEE)


@pytest.fixture
def board(committee):
    """Chair, two members, a substitute, a convener and a secretary of Testnämnden."""
    return {
        "chair": member(committee, MembershipRole.CHAIR, username="ordforande"),
        "members": [member(committee, username=f"ledamot{n}") for n in range(2)],
        "substitute": member(committee, MembershipRole.SUBSTITUTE, username="ersattare"),
        "convener": member(committee, MembershipRole.CONVENER, username="sammankallande"),
        "secretary": member(committee, MembershipRole.SECRETARY, username="sekreterare"),
    }


def upcoming_meeting(committee, *, days: int = 10, titles=("Val av justerare", "Budget 2027")):
    meeting = meetings.meeting_create(
        actor=None,
        group=committee,
        title="Sammanträde",
        starts_at=days_from_now(days, 13),
        ends_at=days_from_now(days, 15),
        place="Regionhuset, sal 3",
    )
    for title in titles:
        meetings.agenda_item_add(actor=None, meeting=meeting, title=title)
    return meeting


def held_protocol(committee, board, *, days: int = -3):
    """A meeting held `days` ago with everyone present, a decision on its second item, and
    the protokoll (chair + one adjuster) submitted for justering."""
    meeting = meetings.meeting_create(
        actor=None,
        group=committee,
        title="Sammanträde",
        starts_at=days_from_now(days),
        place="Regionhuset",
    )
    meetings.agenda_item_add(actor=None, meeting=meeting, title="Val av justerare")
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Samverkansavtal")
    people = [board["chair"], *board["members"], board["secretary"], board["convener"]]
    meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[{"person": p, "status": AttendanceStatus.PRESENT} for p in people],
    )
    decision = decisions.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=item,
        title="Samverkansavtal",
        registry_number="RVN 2026/12",
        clauses=["att godkänna avtalet"],
    )
    minutes.minutes_start(actor=None, meeting=meeting)
    write_header(
        meeting,
        kind=MinutesKind.PROTOCOL,
        chair=board["chair"],
        secretary=board["secretary"],
        adjusters=[board["members"][0]],
    )
    submitted = minutes.minutes_submit(actor=None, minutes=meeting.minutes)
    return meeting, submitted, decision


def approve(minutes_obj, board):
    for person in (board["chair"], board["members"][0]):
        minutes.minutes_approve(actor=person.user, minutes=minutes_obj)
