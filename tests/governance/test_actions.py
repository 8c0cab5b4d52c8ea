"""The meeting and decision pages offer exactly what the services accept: the flags of
governance.access.actions come from the same rules, so a button shown is a POST that succeeds
and a missing button is a POST that is refused."""

import datetime

import pytest
from django.urls import reverse

from governance.access.actions import decision_actions, meeting_actions
from governance.models import MeetingStatus, MinutesStatus
from governance.services import minutes
from tests.governance.conftest import member
from tests.governance.records import decide, held_meeting, protocol, sitting
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db

SUBMIT = "Lämna för justering"
APPROVE = "Justera protokollet"
PAPER = "Registrera justering på papper"


@pytest.fixture
def body(committee):
    chair, ordinary, secretary = sitting(committee, members=3)
    return committee, chair, ordinary, secretary


def test_submit_is_offered_only_once_nothing_blocks_it_and_then_it_is_accepted(client, body):
    committee, chair, ordinary, _secretary = body
    minute_taker = member(committee, role="convener")
    meeting, (_item,) = held_meeting(committee, ["Rapport"], present=[chair, *ordinary])
    minutes.minutes_start(actor=None, meeting=meeting)
    client.force_login(minute_taker.user)

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert SUBMIT not in page  # no adjuster chosen yet
    assert "Välj minst en justerare innan protokollet lämnas för justering." in page

    record = protocol(meeting, chair=chair, adjuster=ordinary[0])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert SUBMIT in page
    client.post(reverse("governance:meeting_minutes_submit", args=[meeting.pk]))
    record.refresh_from_db()
    assert record.status == MinutesStatus.SUBMITTED


def test_only_a_named_approver_who_was_present_is_offered_approval(client, body, admin_user):
    committee, chair, ordinary, _secretary = body
    adjuster, bystander, _absent = ordinary
    meeting, _ = held_meeting(committee, ["Rapport"], present=[chair, adjuster, bystander])
    record = protocol(meeting, chair=chair, adjuster=adjuster)
    minutes.minutes_submit(actor=None, minutes=record)

    for person, offered in ((adjuster, True), (chair, True), (bystander, False)):
        client.force_login(person.user)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert (APPROVE in page) is offered, person
        assert PAPER not in page
        assert SUBMIT not in page  # submitted minutes are not submitted again
    client.force_login(admin_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert PAPER in page


def test_flags_follow_the_minutes_through_submission_and_approval(body, admin_user):
    committee, chair, ordinary, _secretary = body
    meeting, (_item,) = held_meeting(committee, ["Rapport"], present=[chair, *ordinary])
    record = protocol(meeting, chair=chair, adjuster=ordinary[0])
    draft = meeting_actions(admin_user, meeting, record)
    assert (draft.can_edit_agenda, draft.minutes.can_write, draft.minutes.can_correct) == (
        True,
        True,
        False,
    )
    minutes.minutes_submit(actor=None, minutes=record)
    record.refresh_from_db()
    waiting = meeting_actions(admin_user, meeting, record)
    assert waiting.is_waiting and not waiting.can_edit_agenda and not waiting.can_record_decision
    assert waiting.minutes.can_withdraw and not waiting.minutes.can_submit
    for person in (chair, ordinary[0]):
        minutes.minutes_approve(actor=None, minutes=record, person=person)
    record.refresh_from_db()
    approved = meeting_actions(admin_user, meeting, record)
    assert approved.is_locked and approved.minutes.can_correct
    assert not (approved.can_edit_meeting or approved.minutes.can_write)


def test_a_decision_links_its_meeting_only_for_those_who_may_read_it(client, body):
    committee, chair, ordinary, _secretary = body
    meeting, (item,) = held_meeting(committee, ["Ärende"], present=[chair, *ordinary])
    decision = decide(meeting, item)
    outsider = member(GroupFactory(name="Annan grupp"))
    client.force_login(outsider.user)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() not in page  # the meeting page would refuse them
    client.force_login(ordinary[0].user)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in page
    flags = decision_actions(ordinary[0].user, decision, minutes_status=None)
    assert flags.can_read_meeting and not flags.can_edit


def test_a_decision_approved_at_once_offers_no_change(body, admin_user):
    committee, chair, ordinary, _secretary = body
    meeting, (item,) = held_meeting(committee, ["Brådskande"], present=[chair, *ordinary])
    decision = decide(meeting, item)
    decision.immediately_approved_at = datetime.datetime(2025, 4, 23, 12, tzinfo=datetime.UTC)
    flags = decision_actions(admin_user, decision, minutes_status=MinutesStatus.DRAFT)
    assert flags.is_locked
    assert not (flags.can_edit or flags.can_record_votes or flags.can_approve_immediately)
    assert flags.can_follow_up  # the follow-up of execution changes after approval


def test_submitting_the_minutes_records_the_meeting_as_held(body):
    committee, chair, ordinary, _secretary = body
    meeting, _items = held_meeting(committee, ["Rapport"], present=[chair, *ordinary])
    record = protocol(meeting, chair=chair, adjuster=ordinary[0])
    minutes.minutes_submit(actor=None, minutes=record)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
