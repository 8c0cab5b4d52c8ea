"""portal.queries.read_together and portal.history.history_lines: several tables in one query,
giving what the separate querysets would."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import Attendance, AttendanceStatus, Guest, Meeting
from governance.services import meetings
from groups.models import Membership
from portal.history import HistorySource, history_lines
from portal.queries import Rows, read_together, set_prefetched
from tests.governance.conftest import member
from tests.governance.records import held_meeting, sitting
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting_meeting():
    body = GroupFactory(name="Nämnden")
    chair, people, secretary = sitting(body, members=3)
    meeting, _items = held_meeting(
        body,
        ["Öppnande", "Rapport"],
        present=[chair, (people[0], AttendanceStatus.SUBSTITUTED, "Erik Ersättare"), secretary],
        absent=[people[1]],
    )
    meetings.guest_add(actor=None, meeting=meeting, name="Bo Gäst", affiliation="Regionen")
    meetings.guest_add(actor=None, meeting=meeting, name="Anna Gäst", affiliation="")
    return meeting


def test_rows_of_several_tables_come_in_one_query_as_the_querysets_give_them(sitting_meeting):
    meeting = sitting_meeting
    attendances = Attendance.objects.filter(meeting=meeting).select_related("person", "region")
    guests = Guest.objects.filter(meeting=meeting).order_by("-name")
    members = Membership.objects.filter(group=meeting.group).order_by("person__last_name", "pk")
    with CaptureQueriesContext(connection) as queries:
        found = read_together(
            Rows(attendances, ("person", "region")),
            Rows(guests),
            Rows(members),
            Rows(guests.none()),
        )
    assert len(queries) == 1
    seats, visitors, seated, nothing = found
    assert [(a.pk, a.status, a.substitute_name) for a in seats] == [
        (a.pk, a.status, a.substitute_name) for a in attendances
    ]
    assert [g.name for g in visitors] == ["Bo Gäst", "Anna Gäst"]  # the queryset's order
    assert [m.pk for m in seated] == [m.pk for m in members]
    assert nothing == []
    with CaptureQueriesContext(connection) as queries:
        # Related objects come with the rows; a seat without a region has None.
        names = [(a.person.full_name, a.region) for a in seats]
        times = [a.created_at for a in seats]
    assert len(queries) == 0
    assert names == [(a.person.full_name, a.region) for a in attendances]
    assert all(t.tzinfo is not None for t in times)
    assert times == [a.created_at for a in attendances]


def test_set_prefetched_answers_the_related_manager_without_a_query(sitting_meeting):
    meeting = Meeting.objects.get(pk=sitting_meeting.pk)
    (guests,) = read_together(Rows(Guest.objects.filter(meeting=meeting).order_by("name")))
    set_prefetched([meeting], "guests", guests, via="meeting")
    with CaptureQueriesContext(connection) as queries:
        assert [g.name for g in meeting.guests.all()] == ["Anna Gäst", "Bo Gäst"]
        assert guests[0].meeting is meeting
    assert len(queries) == 0


def test_history_of_several_tables_is_one_query_newest_first(sitting_meeting):
    meeting = sitting_meeting
    latecomer = member(meeting.group, username="sen")
    meetings.attendance_record(
        actor=latecomer.user,
        meeting=meeting,
        rows=[{"person": latecomer, "status": AttendanceStatus.PRESENT}],
    )
    with CaptureQueriesContext(connection) as queries:
        lines = history_lines(
            HistorySource(meeting.history.all(), lambda v: "Mötet"),
            HistorySource(
                Attendance.history.filter(meeting_id=meeting.pk),
                lambda v: f"Närvaro: {v['first']} {v['last']}",
                {"first": "person__first_name", "last": "person__last_name"},
            ),
            limit=40,
        )
    assert len(queries) == 1
    dates = [line.history_date for line in lines]
    assert dates == sorted(dates, reverse=True)
    assert lines[0].subject == f"Närvaro: {latecomer.first_name} {latecomer.last_name}"
    assert lines[0].history_user.get_full_name() == latecomer.user.get_full_name()
    assert lines[-1].subject == "Mötet" and lines[-1].history_type == "+"
    assert lines[-1].history_user is None  # made by no one (actor=None)
    assert len(lines) == 1 + Attendance.history.filter(meeting_id=meeting.pk).count()
    assert len(history_lines(HistorySource(meeting.history.all(), str), limit=1)) == 1
    assert isinstance(lines[0].history_date, datetime.datetime)
