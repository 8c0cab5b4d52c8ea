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


# The register, plain and filtered, as an administrator: pinned, not only compared. The filter
# choices (years, bodies) are cached and forgotten when a decision is saved: warm them first.
REGISTER_QUERIES = 6
REGISTER_FILTERED_QUERIES = 6


def register_queries(client, url):
    client.get(url)
    return page_queries(client, url)


def test_decision_register_constant_queries(admin_client):
    bodies = [GroupFactory(), GroupFactory()]
    add_decisions(bodies[0], 2)
    small = register_queries(admin_client, "/beslut/")
    small_filtered = register_queries(admin_client, "/beslut/?q=rende&year=2024")
    add_decisions(bodies[0], 8, start=10)
    add_decisions(bodies[1], 5, start=30)
    assert register_queries(admin_client, "/beslut/") == small == REGISTER_QUERIES
    assert register_queries(admin_client, "/beslut/?q=rende&year=2024") == small_filtered
    assert small_filtered == REGISTER_FILTERED_QUERIES


def test_decision_register_constant_queries_for_a_member(client, rag):
    reader = member(rag)
    client.force_login(reader.user)
    add_decisions(rag, 1)
    small = register_queries(client, "/beslut/")
    add_decisions(rag, 6, start=5)
    assert register_queries(client, "/beslut/") == small


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


# --- exact counts: the meeting page and the decision page with a roll call -------------------

# The meeting page: session, user, the meeting with its minutes, the administrator check, the
# agenda, the decisions, everything else in one query (portal.queries.read_together), the
# history in one, and the kallelse section (notifications).
MEETING_PAGE_QUERIES = 9
# The decision page: session, user, the decision with its meeting and minutes, its parts in one
# query, its history in one, the administrator check, the dispatch section (recipients,
# dispatches).
DECISION_PAGE_QUERIES = 8


def voted_meeting(members: int, items: int):
    """A committee meeting where every item is decided after two motions and a roll call of
    everyone present, one member recused and one reserving."""
    from governance.models import BallotChoice
    from governance.services import votes
    from groups.models import GroupKind
    from tests.governance.records import decide, held_meeting, protocol, seat, sitting

    body = GroupFactory(kind=GroupKind.COMMITTEE)
    chair, people, secretary = sitting(body, members=members)
    meeting, agenda = held_meeting(
        body, [f"Ärende {n}" for n in range(items)], present=[chair, *people, secretary]
    )
    protocol(meeting, chair=chair, adjuster=people[0], secretary=secretary)
    decided = []
    for item in agenda:
        decision = decide(meeting, item)
        attachments.attachment_add(actor=None, agenda_item=item, title="Underlag")
        votes.recusal_add(actor=None, decision=decision, attendance=seat(meeting, people[-1]))
        yes = votes.motion_add(
            actor=None, decision=decision, attendance=seat(meeting, people[0]), text="bifall"
        )
        no = votes.motion_add(
            actor=None, decision=decision, attendance=seat(meeting, people[1]), text="avslag"
        )
        votes.proposition_set(actor=None, decision=decision, order=[yes, no], adopted=yes)
        voters = [chair, *people[:-1]]
        votes.vote_record(
            actor=None,
            decision=decision,
            yes_motion=yes,
            no_motion=no,
            ballots=[
                (seat(meeting, p), BallotChoice.NO if p == people[1] else BallotChoice.YES)
                for p in voters
            ],
        )
        decisions.decision_reservation_add(actor=None, decision=decision, person=people[1])
        decided.append(decision)
    return meeting, decided


def test_meeting_page_runs_an_exact_number_of_queries(admin_client):
    from tests.helpers import assert_page_queries

    small, _ = voted_meeting(members=3, items=1)
    big, _ = voted_meeting(members=7, items=4)
    assert_page_queries(admin_client, small.get_absolute_url(), MEETING_PAGE_QUERIES)
    assert_page_queries(admin_client, big.get_absolute_url(), MEETING_PAGE_QUERIES)


def test_decision_page_with_a_roll_call_runs_an_exact_number_of_queries(admin_client):
    from tests.helpers import assert_page_queries

    _, (small,) = voted_meeting(members=3, items=1)
    _, (big, *_rest) = voted_meeting(members=8, items=2)
    assert_page_queries(admin_client, small.get_absolute_url(), DECISION_PAGE_QUERIES)
    assert_page_queries(admin_client, big.get_absolute_url(), DECISION_PAGE_QUERIES)
