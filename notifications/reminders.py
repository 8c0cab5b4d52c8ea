"""The daily reminders (`manage.py run_daily_jobs`). Each reminder has an occasion key, unique
in the outbox, so a job run twice (or two at once) sends each reminder once.

- justering: the chair and adjusters who have not approved submitted minutes, when they are
  submitted (the occasion includes the submission time, so a resubmission is a new occasion)
  and again when the 14-day limit (rules.approval_deadline) is JUSTERING_NEAR_DAYS away or less;
- deliverables: the conveners of the assignee group, once when a planned deliverable is due
  within DELIVERABLE_DAYS and once when it is overdue (per due date);
- follow-up: the person responsible for a decision's execution (the person whose name is the
  decision's "ansvarig", else the body's secretaries) when it is due within FOLLOW_UP_DAYS;
- meetings: everyone called, the day before a planned meeting.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    Decision,
    DecisionStatus,
    Deliverable,
    DeliverableStatus,
    Guest,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesAdjuster,
    MinutesStatus,
)
from governance.services import rules
from groups.models import Membership, MembershipRole, Person
from notifications.mail import Recipient, absolute_url
from notifications.models import MessageKind
from notifications.notices import notice_recipients
from notifications.services import reminder_queue

JUSTERING_NEAR_DAYS = 3
DELIVERABLE_DAYS = 30
FOLLOW_UP_DAYS = 7


def _person(person: Person) -> Recipient:
    return Recipient(name=str(person), email=person.email, person=person, user=person.user)


def justering_reminders(*, today: datetime.date) -> int:
    minutes_list = (
        Minutes.objects.filter(status=MinutesStatus.SUBMITTED)
        .select_related("meeting__group", "chair__user")
        .prefetch_related(
            Prefetch(
                "adjuster_links", queryset=MinutesAdjuster.objects.select_related("person__user")
            ),
            "approvals",
        )
    )
    sent = 0
    for minutes in minutes_list:
        approved = {a.person_id for a in minutes.approvals.all()}
        deadline = rules.approval_deadline(minutes.meeting)
        occasions = [f"submitted:{minutes.submitted_at:%Y%m%d%H%M%S}"]
        if (deadline - today).days <= JUSTERING_NEAR_DAYS:
            occasions.append(f"deadline:{deadline:%Y%m%d}")
        for person, _role in rules.approvers(minutes):
            if person.pk in approved or not person.email:
                continue
            for occasion in occasions:
                sent += reminder_queue(
                    occasion=f"justering:{minutes.pk}:{occasion}:{person.pk}",
                    recipient=_person(person),
                    kind=MessageKind.JUSTERING,
                    template="justering",
                    subject=_("Justera protokollet från %(group)s %(date)s")
                    % {
                        "group": minutes.meeting.group.name,
                        "date": f"{rules.meeting_day(minutes.meeting):%Y-%m-%d}",
                    },
                    context={
                        "meeting": minutes.meeting,
                        "meeting_day": rules.meeting_day(minutes.meeting),
                        "deadline": deadline,
                        "near": occasion.startswith("deadline"),
                        "days_left": (deadline - today).days,
                        "approve_url": absolute_url(minutes.meeting.get_absolute_url()),
                    },
                    meeting=minutes.meeting,
                    minutes=minutes,
                )
    return sent


def deliverable_reminders(*, today: datetime.date) -> int:
    deliverables = list(
        Deliverable.objects.filter(
            status=DeliverableStatus.PLANNED,
            due_date__lte=today + datetime.timedelta(days=DELIVERABLE_DAYS),
        ).select_related("commission__assignee", "recipient")
    )
    group_ids = {d.commission.assignee_id for d in deliverables}
    conveners: dict[int, list[Person]] = {}
    for membership in (
        Membership.objects.current(today)
        .filter(group_id__in=group_ids, role=MembershipRole.CONVENER)
        .select_related("person__user")
    ):
        conveners.setdefault(membership.group_id, []).append(membership.person)
    sent = 0
    for deliverable in deliverables:
        overdue = deliverable.due_date < today
        for person in conveners.get(deliverable.commission.assignee_id, []):
            if not person.email:
                continue
            sent += reminder_queue(
                occasion=(
                    f"deliverable:{deliverable.pk}:{deliverable.due_date:%Y%m%d}:"
                    f"{'overdue' if overdue else 'due'}:{person.pk}"
                ),
                recipient=_person(person),
                kind=MessageKind.DELIVERABLE,
                template="deliverable",
                subject=(
                    _("Försenad leverans: %(title)s")
                    if overdue
                    else _("Leverans inom %(days)s dagar: %(title)s")
                )
                % {"title": deliverable.title, "days": (deliverable.due_date - today).days},
                context={
                    "deliverable": deliverable,
                    "commission": deliverable.commission,
                    "overdue": overdue,
                    "commission_url": absolute_url(deliverable.commission.get_absolute_url()),
                },
                deliverable=deliverable,
            )
    return sent


def _responsible(decisions: list[Decision]) -> dict[int, list[Person]]:
    """The person named as responsible (by full name), else the body's secretaries."""
    names = {d.responsible.strip().lower() for d in decisions if d.responsible.strip()}
    by_name: dict[str, list[Person]] = {}
    people = (
        Person.objects.annotate(full=Lower(Concat("first_name", Value(" "), "last_name")))
        .filter(full__in=names)
        .exclude(email="")
        .select_related("user")
    )
    for person in people:
        by_name.setdefault(person.full, []).append(person)
    secretaries: dict[int, list[Person]] = {}
    for membership in (
        Membership.objects.current()
        .filter(group_id__in={d.body_id for d in decisions}, role=MembershipRole.SECRETARY)
        .select_related("person__user")
    ):
        secretaries.setdefault(membership.group_id, []).append(membership.person)
    return {
        d.pk: by_name.get(d.responsible.strip().lower()) or secretaries.get(d.body_id, [])
        for d in decisions
    }


def follow_up_reminders(*, today: datetime.date) -> int:
    decisions = list(
        Decision.objects.filter(
            status=DecisionStatus.DECIDED,
            execution_done=False,
            due_date__lte=today + datetime.timedelta(days=FOLLOW_UP_DAYS),
        ).select_related("body")
    )
    responsible = _responsible(decisions)
    sent = 0
    for decision in decisions:
        for person in responsible[decision.pk]:
            if not person.email:
                continue
            sent += reminder_queue(
                occasion=f"follow-up:{decision.pk}:{decision.due_date:%Y%m%d}:{person.pk}",
                recipient=_person(person),
                kind=MessageKind.FOLLOW_UP,
                template="follow_up",
                subject=_("Verkställighet senast %(date)s: %(title)s")
                % {"date": f"{decision.due_date:%Y-%m-%d}", "title": decision.title},
                context={
                    "decision": decision,
                    "overdue": decision.due_date < today,
                    "decision_url": absolute_url(decision.get_absolute_url()),
                },
                decision=decision,
            )
    return sent


def meeting_reminders(*, today: datetime.date) -> int:
    tomorrow = today + datetime.timedelta(days=1)
    meetings = Meeting.objects.filter(
        status=MeetingStatus.PLANNED, starts_at__date=tomorrow
    ).select_related("group")
    sent = 0
    for meeting in meetings:
        guests = list(Guest.objects.filter(meeting=meeting))
        day = timezone.localtime(meeting.starts_at)
        for recipient in notice_recipients(meeting, guests):
            if not recipient.email:
                continue
            sent += reminder_queue(
                occasion=f"meeting:{meeting.pk}:{day:%Y%m%d}:{recipient.email.lower()}",
                recipient=recipient,
                kind=MessageKind.MEETING,
                template="meeting",
                subject=_("I morgon: %(group)s %(time)s")
                % {"group": meeting.group.name, "time": f"{day:%Y-%m-%d %H:%M}"},
                context={
                    "meeting": meeting,
                    "day": day,
                    "meeting_url": absolute_url(meeting.get_absolute_url()),
                },
                meeting=meeting,
            )
    return sent


def run_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {
        "justering": justering_reminders(today=today),
        "deliverable": deliverable_reminders(today=today),
        "follow_up": follow_up_reminders(today=today),
        "meeting": meeting_reminders(today=today),
    }
