"""The decision register and the meeting page run the same number of queries whatever the
amount of data (two sizes compared)."""

import datetime

import pytest

from governance.models import AttendanceStatus
from governance.services import attachments, decisions, meetings, minutes
from tests.governance.conftest import member, write_header
from tests.governance.factories import MeetingFactory
from tests.groups.factories import GroupFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


def add_decisions(body, count, start=0):
    for n in range(count):
        decision = decisions.decision_record(
            actor=None,
            body=body,
            title=f"Ärende {start + n}",
            clauses=["att a", "att b"],
            decision_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
        decisions.decision_reservation_add(actor=None, decision=decision, person=member(body))


def test_decision_register_constant_queries(admin_client):
    bodies = [GroupFactory(), GroupFactory()]
    add_decisions(bodies[0], 2)
    small = page_queries(admin_client, "/beslut/")
    small_filtered = page_queries(admin_client, "/beslut/?q=rende&year=2024")
    add_decisions(bodies[0], 8, start=10)
    add_decisions(bodies[1], 5, start=30)
    assert page_queries(admin_client, "/beslut/") == small
    assert page_queries(admin_client, "/beslut/?q=rende&year=2024") == small_filtered


def test_decision_register_constant_queries_for_a_member(client, rag):
    reader = member(rag)
    client.force_login(reader.user)
    add_decisions(rag, 1)
    small = page_queries(client, "/beslut/")
    add_decisions(rag, 6, start=5)
    assert page_queries(client, "/beslut/") == small


def grow_meeting(meeting, items, people):
    group = meeting.group
    rows = []
    for _ in range(people):
        rows.append({"person": member(group), "status": AttendanceStatus.PRESENT})
    meetings.attendance_record(actor=None, meeting=meeting, rows=rows)
    record = minutes.minutes_start(actor=None, meeting=meeting)
    write_header(meeting, adjusters=[rows[0]["person"]])
    for n in range(items):
        item = meetings.agenda_item_add(actor=None, meeting=meeting, title=f"Punkt {n}")
        attachments.attachment_add(actor=None, agenda_item=item, title=f"Bilaga {n}")
        minutes.minutes_item_note_save(
            actor=None, meeting=record.meeting, agenda_item=item, text="Noterat"
        )
        decision = decisions.decision_record(
            actor=None,
            body=group,
            meeting=meeting,
            agenda_item=item,
            title=f"Beslut {n}",
            clauses=["att a"],
        )
        decisions.decision_reservation_add(actor=None, decision=decision, person=rows[0]["person"])
    meetings.guest_add(actor=None, meeting=meeting, name=f"Gäst {items}")


def test_meeting_page_constant_queries(admin_client):
    small_meeting = MeetingFactory()
    big_meeting = MeetingFactory()
    grow_meeting(small_meeting, items=1, people=1)
    grow_meeting(big_meeting, items=6, people=5)
    small = page_queries(admin_client, small_meeting.get_absolute_url())
    assert page_queries(admin_client, big_meeting.get_absolute_url()) == small


def test_meeting_list_and_group_page_constant_queries(admin_client):
    group = GroupFactory()
    MeetingFactory(group=group)
    list_small = page_queries(admin_client, "/moten/")
    group_small = page_queries(admin_client, f"/grupper/{group.pk}/")
    month_small = page_queries(admin_client, f"/moten/grupp/{group.pk}/")
    for _ in range(6):
        MeetingFactory(group=group)
    decisions.decision_record(actor=None, body=group, title="B", clauses=["att c"])
    assert page_queries(admin_client, "/moten/") == list_small
    assert page_queries(admin_client, f"/grupper/{group.pk}/") == group_small
    assert page_queries(admin_client, f"/moten/grupp/{group.pk}/") == month_small
