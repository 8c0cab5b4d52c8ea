"""The daily reminders: each sent once per occasion, even when the job runs twice (the
outbox's unique occasion, not a check-then-insert), to the people the occasion concerns."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from governance.services import decisions as decision_services
from groups.models import MembershipRole
from notifications.models import MessageKind, OutboxMessage
from notifications.reminders import run_reminders
from notifications.services import preferences_save
from tests.governance.conftest import member
from tests.governance.factories import CommissionFactory, DeliverableFactory
from tests.notifications.conftest import held_protocol, upcoming_meeting

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def sent_to(kind) -> list[str]:
    return sorted(m.to_email for m in OutboxMessage.objects.filter(kind=kind))


def test_justering_reminders_at_submission_and_near_the_deadline_once_each(
    committee, board, django_capture_on_commit_callbacks
):
    meeting, minutes, _decision = held_protocol(committee, board, days=-3)
    approvers = sorted([board["chair"].email, board["members"][0].email])
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders(today=today())
        again = run_reminders(today=today())
    assert (first["justering"], again["justering"]) == (2, 0)
    assert sent_to(MessageKind.JUSTERING) == approvers
    message = next(m for m in mail.outbox if board["chair"].email in m.to[0])
    deadline = timezone.localtime(meeting.starts_at).date() + datetime.timedelta(days=14)
    assert message.subject.startswith("Justera protokollet från Testnämnden")
    assert f"senast {deadline:%Y-%m-%d}" in message.body
    assert f"senast {deadline:%Y-%m-%d}" in message.alternatives[0][0]

    # The chair approves; two days before the limit only the adjuster is reminded again.
    from governance.services import minutes as minutes_services

    minutes_services.minutes_approve(actor=board["chair"].user, minutes=minutes)
    near = deadline - datetime.timedelta(days=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=near)["justering"] == 1
        assert run_reminders(today=near)["justering"] == 0
    [reminder] = mail.outbox
    assert reminder.to == [f"{board['members'][0]} <{board['members'][0].email}>"]
    assert "2 dagar kvar" in reminder.body


def test_deliverables_due_within_30_days_or_overdue_remind_the_conveners(
    committee, board, django_capture_on_commit_callbacks
):
    commission = CommissionFactory(commissioner=committee)
    convener = member(commission.assignee, MembershipRole.CONVENER)
    member(commission.assignee, MembershipRole.MEMBER)  # not reminded
    soon = DeliverableFactory(
        commission=commission,
        title="Årsrapport",
        due_date=today() + datetime.timedelta(days=20),
    )
    late = DeliverableFactory(
        commission=commission, title="Delrapport", due_date=today() - datetime.timedelta(days=1)
    )
    DeliverableFactory(commission=commission, due_date=today() + datetime.timedelta(days=45))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=today())["deliverable"] == 2
        assert run_reminders(today=today())["deliverable"] == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["Försenad leverans: Delrapport", "Leverans inom 20 dagar: Årsrapport"]
    assert {m.to[0] for m in mail.outbox} == {f"{convener} <{convener.email}>"}
    assert {m.deliverable_id for m in OutboxMessage.objects.all()} == {soon.pk, late.pk}


def test_a_follow_up_due_reminds_the_person_responsible(
    committee, board, django_capture_on_commit_callbacks
):
    from tests.governance.factories import DecisionFactory

    named = DecisionFactory(body=committee, title="Utred lokaler")
    decision_services.decision_follow_up(
        actor=None,
        decision=named,
        responsible=str(board["convener"]),
        due_date=today() + datetime.timedelta(days=3),
        execution_done=False,
        execution_note="",
    )
    unnamed = DecisionFactory(body=committee, title="Inventera avtal")
    decision_services.decision_follow_up(
        actor=None,
        decision=unnamed,
        responsible="Kansliet",
        due_date=today() - datetime.timedelta(days=2),
        execution_done=False,
        execution_note="",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=today())["follow_up"] == 2
        assert run_reminders(today=today())["follow_up"] == 0
    by_subject = {m.subject: m.to[0] for m in mail.outbox}
    due = today() + datetime.timedelta(days=3)
    assert by_subject[f"Verkställighet senast {due:%Y-%m-%d}: Utred lokaler"] == (
        f"{board['convener']} <{board['convener'].email}>"
    )
    # "Kansliet" is nobody's name: the body's secretary is reminded.
    overdue = today() - datetime.timedelta(days=2)
    assert by_subject[f"Verkställighet senast {overdue:%Y-%m-%d}: Inventera avtal"] == (
        f"{board['secretary']} <{board['secretary'].email}>"
    )


def test_everyone_called_is_reminded_the_day_before_unless_they_opted_out(
    committee, board, django_capture_on_commit_callbacks
):
    from governance.services import meetings

    meeting = upcoming_meeting(committee, days=1)
    meetings.guest_add(actor=None, meeting=meeting, name="Eva Gäst", email="eva@example.org")
    upcoming_meeting(committee, days=2)  # not tomorrow
    opted_out = board["members"][1].user
    preferences_save(actor=opted_out, user=opted_out, enabled_kinds={MessageKind.JUSTERING})
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(today=today())["meeting"] == 6
        assert run_reminders(today=today())["meeting"] == 0
    assert "eva@example.org" in sent_to(MessageKind.MEETING)
    assert board["members"][1].email not in sent_to(MessageKind.MEETING)
    assert all(m.subject.startswith("I morgon: Testnämnden") for m in mail.outbox)
    assert "Regionhuset, sal 3" in mail.outbox[0].body


def test_the_daily_command_run_twice_sends_each_reminder_once(
    committee, board, django_capture_on_commit_callbacks
):
    held_protocol(committee, board, days=-3)
    upcoming_meeting(committee, days=1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_daily_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = OutboxMessage.objects.count()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_daily_jobs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert count == 2 + 6 and OutboxMessage.objects.count() == count
    assert len(mail.outbox) == sent == count
