"""A formal protokoll gives every agenda item a § of the body's yearly series, in agenda
order and without gaps, when the minutes are submitted; informal notes keep points."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import Decision, DecisionStatus, MinutesKind
from governance.selectors.meetings import meeting_overview
from governance.services import decisions, meetings, minutes
from tests.governance.conftest import member, write_header
from tests.governance.records import decide, held_meeting, protocol, sitting
from tests.groups.factories import UserFactory

pytestmark = pytest.mark.django_db

OPENING = ["Val av justerare", "Godkännande av dagordning"]


def labels(meeting) -> list[str]:
    return [entry.label for entry in meeting_overview(meeting.pk).agenda]


def test_every_item_of_a_protokoll_is_a_paragraph_in_agenda_order(committee):
    chair, people, secretary = sitting(committee)
    adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(committee, [*OPENING, "Rapport", "Budget"], present=everyone)
    record = protocol(meeting, chair=chair, adjuster=adjuster)
    # Recorded in another order than the agenda's; a standalone decision takes § 1 meanwhile.
    budget = decide(meeting, items[3])
    report = decide(meeting, items[2])
    standalone = decisions.decision_record(
        actor=None,
        body=committee,
        title="Delegationsbeslut",
        clauses=["att anmäla beslutet"],
        decision_date=datetime.date(2025, 4, 22),
    )
    assert (budget.number, report.number, standalone.number) == (None, None, 1)
    assert labels(meeting) == ["Punkt 1", "Punkt 2", "Punkt 3", "Punkt 4"]

    minutes.minutes_submit(actor=None, minutes=record)

    assert labels(meeting) == ["§ 2", "§ 3", "§ 4", "§ 5"]
    assert [i.paragraph for i in meeting.agenda_items.order_by("number")] == [2, 3, 4, 5]
    assert Decision.objects.get(pk=report.pk).number == 4
    assert Decision.objects.get(pk=budget.pk).number == 5
    after = decisions.decision_record(
        actor=None,
        body=committee,
        title="Nästa",
        clauses=["att x"],
        decision_date=datetime.date(2025, 5, 2),
    )
    assert after.number == 6  # the series goes on without a gap


def test_withdrawn_minutes_keep_their_numbers_and_later_items_get_new_ones(committee):
    chair, people, secretary = sitting(committee)
    adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(committee, OPENING, present=everyone)
    record = protocol(meeting, chair=chair, adjuster=adjuster)
    minutes.minutes_submit(actor=None, minutes=record)
    minutes.minutes_withdraw(actor=None, minutes=record)
    late = meetings.agenda_item_add(actor=None, meeting=meeting, title="Övrig fråga")
    # An item that already has its § passes it to a decision recorded on it now.
    assert decide(meeting, items[1]).number == 2
    minutes.minutes_submit(actor=None, minutes=record)
    assert labels(meeting) == ["§ 1", "§ 2", "§ 3"]
    late.refresh_from_db()
    assert late.paragraph == 3
    minutes.minutes_withdraw(actor=None, minutes=record)
    with pytest.raises(ValidationError) as error:
        meetings.agenda_item_delete(actor=None, item=late)
    assert "§ 3 i protokollet och kan inte tas bort" in " ".join(error.value.messages)


def test_informal_notes_keep_points_and_number_decisions_when_recorded(rag, convener):
    adjuster = member(rag)
    meeting, items = held_meeting(rag, ["Läget", "Rutin"], present=[convener, adjuster])
    record = minutes.minutes_start(actor=None, meeting=meeting)
    assert record.kind == MinutesKind.NOTES
    write_header(record.meeting, adjusters=[adjuster])
    first = decide(meeting, items[1])
    second = decide(meeting, items[1], title="Ytterligare beslut")  # notes allow several
    assert (first.number, second.number) == (1, 2)
    minutes.minutes_submit(actor=None, minutes=record)
    assert labels(meeting) == ["Punkt 1", "Punkt 2"]
    assert not meeting.agenda_items.filter(paragraph__isnull=False).exists()


def test_a_protokoll_item_takes_one_decision_and_every_decision_an_item(committee):
    chair, people, secretary = sitting(committee)
    _adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(committee, ["Rapport"], present=everyone)
    decide(meeting, items[0])
    with pytest.raises(ValidationError) as error:
        decide(meeting, items[0], title="Andra beslutet")
    assert "Punkt 1 har redan ett beslut" in error.value.message_dict["agenda_item"][0]
    with pytest.raises(ValidationError) as error:
        decisions.decision_record(
            actor=None, body=committee, meeting=meeting, title="Lös", clauses=["att x"]
        )
    assert "hör varje beslut till en punkt" in error.value.message_dict["agenda_item"][0]
    assert Decision.objects.count() == 1


def test_a_numbered_decision_cannot_move_onto_or_off_a_protokoll_item(committee):
    chair, people, secretary = sitting(committee)
    adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(committee, ["Rapport", "Budget"], present=everyone)
    standalone = decisions.decision_record(
        actor=None,
        body=committee,
        title="Eget",
        clauses=["att x"],
        decision_date=datetime.date(2025, 4, 23),
    )
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(
            actor=None, decision=standalone, meeting=meeting, agenda_item=items[0], reason="Fel"
        )
    assert "har redan § 1" in error.value.message_dict["agenda_item"][0]
    waiting = decide(meeting, items[1])
    # A decision still waiting for its § may move to another item of the protokoll.
    decisions.decision_update(actor=None, decision=waiting, agenda_item=items[0])
    record = protocol(meeting, chair=chair, adjuster=adjuster)
    minutes.minutes_submit(actor=None, minutes=record)
    assert Decision.objects.get(pk=waiting.pk).number == 2  # item 1 follows § 1 (standalone)
    minutes.minutes_withdraw(actor=None, minutes=record)
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(actor=None, decision=waiting, agenda_item=items[1])
    assert "har redan § 2" in error.value.message_dict["agenda_item"][0]


def test_notes_with_numbered_decisions_cannot_become_a_protokoll(rag, convener):
    meeting, items = held_meeting(rag, ["Rutin"], present=[convener])
    record = minutes.minutes_start(actor=None, meeting=meeting)
    decide(meeting, items[0])
    with pytest.raises(ValidationError) as error:
        write_header(record.meeting, kind=MinutesKind.PROTOCOL)
    assert "kan därför inte göras om till ett protokoll" in error.value.message_dict["kind"][0]


def test_immediate_approval_numbers_the_items_up_to_it(committee):
    chair, people, secretary = sitting(committee)
    adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(committee, [*OPENING, "Brådskande", "Sist"], present=everyone)
    urgent = decide(meeting, items[2])
    decisions.decision_approve_immediately(actor=UserFactory(), decision=urgent)
    urgent.refresh_from_db()
    assert urgent.number == 3
    assert [i.paragraph for i in meeting.agenda_items.order_by("number")] == [1, 2, 3, None]
    record = protocol(meeting, chair=chair, adjuster=adjuster)
    minutes.minutes_submit(actor=None, minutes=record)
    assert labels(meeting) == ["§ 1", "§ 2", "§ 3", "§ 4"]


def test_an_outcome_other_than_decided_needs_no_clause_and_withdrawn_takes_none(committee):
    chair, people, secretary = sitting(committee)
    _adjuster, everyone = people[0], [chair, *people, secretary]
    meeting, items = held_meeting(
        committee, ["Bordlagt", "Återremitterat", "Avslag", "Återtaget"], present=everyone
    )
    for item, status in zip(
        items,
        [
            DecisionStatus.DEFERRED,
            DecisionStatus.REFERRED_BACK,
            DecisionStatus.REJECTED,
            DecisionStatus.WITHDRAWN,
        ],
        strict=True,
    ):
        decide(meeting, item, status=status, clauses=[], motivation="Underlaget saknas.")
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(
            actor=None,
            decision=Decision.objects.get(agenda_item=items[3]),
            clauses=["att ändå besluta"],
        )
    assert "återtaget ärende har inga beslutssatser" in error.value.message_dict["clauses"][0]


@pytest.mark.parametrize(
    ("service", "extra"),
    [
        ("decision_record", {"title": "T", "clauses": ["att x"], "version": "2025"}),
        ("decision_update", {"version": "2025"}),
        ("decision_follow_up", {"done": True}),
    ],
)
def test_services_refuse_unknown_keywords(committee, service, extra):
    """A misspelt keyword (version= for expected_version=) is an error, never skipped."""
    decision = decisions.decision_record(
        actor=None, body=committee, title="T", clauses=["att x"], reason="test"
    )
    arguments = {"actor": None, **extra}
    if service == "decision_record":
        arguments["body"] = committee
    else:
        arguments["decision"] = decision
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        getattr(decisions, service)(**arguments)


def test_the_decision_form_on_a_protokoll_item_says_when_the_paragraph_comes(client, committee):
    from django.contrib.messages import get_messages

    chair, people, secretary = sitting(committee)
    clerk = member(committee, "secretary")
    meeting, items = held_meeting(committee, OPENING, present=[chair, *people, secretary])
    client.force_login(clerk.user)
    data = {
        "body": committee.pk,
        "meeting": meeting.pk,
        "title": "Godkännande av dagordning",
        "status": "decided",
        "clauses": "godkänna dagordningen",
    }
    response = client.post("/beslut/nytt/", data)
    assert response.status_code == 200  # no item chosen: refused next to the field
    assert "hör varje beslut till en punkt" in str(response.context["form"].errors["agenda_item"])
    assert 'value="Godkännande av dagordning"' in response.content.decode()
    response = client.post("/beslut/nytt/", {**data, "agenda_item": items[1].pk}, follow=True)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [
        "Beslutet är registrerat under punkt 2. Punkten får sin § när protokollet lämnas för "
        "justering."
    ]
    page = response.content.decode()
    assert "§ ges när protokollet lämnas för justering" in page
