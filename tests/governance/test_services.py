"""Rules of the meetings, minutes and decisions services, as a secretary meets them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import (
    AttendanceStatus,
    Decision,
    DecisionStatus,
    MeetingStatus,
    MinutesKind,
    MinutesStatus,
    Reservation,
)
from governance.services import decisions, meetings, minutes
from governance.services.common import version_of
from groups.models import MembershipRole
from tests.governance.conftest import member, write_header
from tests.governance.factories import TZ, MeetingFactory
from tests.groups.factories import GroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(body, **fields):
    fields.setdefault("title", "Ärende")
    fields.setdefault("clauses", ["att godkänna rapporten"])
    fields.setdefault("decision_date", datetime.date(2025, 3, 1))
    return decisions.decision_record(actor=None, body=body, **fields)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- § numbering, diarienummer, clauses ---------------------------------------------------


def test_paragraphs_count_per_body_and_year_without_gaps(committee):
    other = GroupFactory()
    first = record(committee)
    second = record(committee)
    next_year = record(committee, decision_date=datetime.date(2026, 1, 10))
    elsewhere = record(other)
    assert (first.number, second.number) == (1, 2)
    assert (next_year.year, next_year.number) == (2026, 1)
    assert elsewhere.number == 1


def test_failed_decision_takes_no_number(committee):
    record(committee)
    with pytest.raises(ValidationError):
        record(committee, clauses=[])
    assert record(committee).number == 2


@pytest.mark.parametrize("number", ["RS/1009/2017", "RVN 2018/12", "SRVN-2019-0045"])
def test_registry_number_formats_accepted(committee, number):
    assert record(committee, registry_number=number).registry_number == number


@pytest.mark.parametrize("number", ["RS/1009", "hej hopp", "RS//2017", "RS/1009/17", "RS 20171"])
def test_registry_number_without_year_or_with_odd_separators_refused(committee, number):
    with pytest.raises(ValidationError) as error:
        record(committee, registry_number=number)
    assert "fyrsiffrigt år" in error.value.message_dict["registry_number"][0]


def test_duplicate_registry_number_per_body_refused_in_swedish(committee):
    record(committee, registry_number="RS/1009/2017")
    with pytest.raises(ValidationError) as error:
        record(committee, registry_number="rs/1009/2017")
    assert error.value.message_dict["registry_number"] == [
        "Diarienumret rs/1009/2017 används redan för ett annat beslut i Testnämnden."
    ]
    # Another body may use the same number.
    assert record(GroupFactory(), registry_number="RS/1009/2017").pk


def test_decided_decision_needs_a_clause(committee):
    with pytest.raises(ValidationError) as error:
        record(committee, clauses=["", "  "])
    assert "minst en beslutssats" in error.value.message_dict["clauses"][0]
    deferred = record(committee, clauses=[], status=DecisionStatus.DEFERRED)
    assert deferred.number == 1 and not deferred.clauses.exists()


def test_clauses_get_att_prefix(committee):
    decision = record(
        committee, clauses=["Att projektet överförs", "godkänna rapporten", "att  lägga till  "]
    )
    assert list(decision.clauses.values_list("text", flat=True)) == [
        "att projektet överförs",
        "att godkänna rapporten",
        "att lägga till",
    ]


def test_decision_update_keeps_number_and_replaces_clauses_with_history(committee):
    decision = record(committee, clauses=["att a", "att b"])
    decisions.decision_update(
        actor=None, decision=decision, clauses=["att c"], title="Ny rubrik", reason="Stavning"
    )
    decision.refresh_from_db()
    assert decision.number == 1 and decision.title == "Ny rubrik"
    assert list(decision.clauses.values_list("text", flat=True)) == ["att c"]
    assert decision.history.first().history_change_reason == "Stavning"


def test_stale_decision_form_is_refused(committee):
    decision = record(committee)
    opened = version_of(decision)
    decisions.decision_update(actor=None, decision=decision, title="Först", reason="Rubrik")
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(
            actor=None, decision=decision, title="Sedan", expected_version=opened, reason="Rubrik"
        )
    assert "Någon annan har sparat" in messages(error.value)
    decision.refresh_from_db()
    assert decision.title == "Först"


def held(committee, *people):
    """A meeting of the committee with one agenda item, everyone named present."""
    meeting = MeetingFactory(group=committee)
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Ärende")
    meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[{"person": p, "status": AttendanceStatus.PRESENT} for p in people],
    )
    return meeting, item


def test_reservation_and_immediate_approval_lock_the_decision(committee):
    dissenter = member(committee)
    meeting, item = held(committee, dissenter)
    decision = record(
        committee, meeting=meeting, agenda_item=item, decision_date=meeting.starts_at.date()
    )
    decisions.decision_reservation_add(
        actor=None, decision=decision, person=dissenter, text="Ärendet är inte berett."
    )
    decisions.decision_approve_immediately(actor=UserFactory(), decision=decision)
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(actor=None, decision=decision, title="Ändrad")
    assert "omedelbart justerat" in messages(error.value)
    # Follow-up of execution stays open.
    decisions.decision_follow_up(actor=None, decision=decision, execution_done=True)
    assert Decision.objects.get(pk=decision.pk).execution_done


# --- meetings ---------------------------------------------------------------------------


def test_meeting_cannot_end_before_it_starts(rag):
    start = datetime.datetime(2025, 5, 6, 13, tzinfo=TZ)
    with pytest.raises(ValidationError) as error:
        meetings.meeting_create(
            actor=None,
            group=rag,
            starts_at=start,
            ends_at=start - datetime.timedelta(hours=1),
            place="Rum 1",
        )
    assert error.value.message_dict["ends_at"] == ["Mötet kan inte sluta innan det börjar."]


def test_agenda_numbers_follow_on_and_attendance_needs_substitute_name(meeting, rag):
    first = meetings.agenda_item_add(actor=None, meeting=meeting, title="Öppnande")
    second = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    assert (first.number, second.number) == (1, 2)
    person = member(rag)
    with pytest.raises(ValidationError) as error:
        meetings.attendance_record(
            actor=None,
            meeting=meeting,
            rows=[{"person": person, "status": AttendanceStatus.SUBSTITUTED}],
        )
    assert "Ange vem som ersatte" in messages(error.value)
    assert not meeting.attendances.exists()  # nothing partial


# --- minutes workflow -------------------------------------------------------------------


@pytest.fixture
def written(meeting, convener, rag):
    """Minutes with a note, the convener as chair and one named adjuster."""
    adjuster = member(rag, username="justerare")
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    record_minutes = minutes.minutes_start(actor=None, meeting=meeting)
    write_header(meeting, adjusters=[adjuster])
    minutes.minutes_item_note_save(
        actor=None,
        meeting=record_minutes.meeting,
        agenda_item=item,
        text="Rapporten lades till handlingarna.",
    )
    return record_minutes, adjuster, item


def test_minutes_start_with_group_leader_as_chair(written, convener, rag):
    record_minutes, _adjuster, _item = written
    assert record_minutes.kind == MinutesKind.NOTES  # a RAG writes minnesanteckningar
    assert record_minutes.chair == convener
    committee_meeting = MeetingFactory(group=GroupFactory(kind="committee"))
    assert minutes.minutes_start(actor=None, meeting=committee_meeting).kind == MinutesKind.PROTOCOL


def test_submit_needs_an_adjuster(meeting, convener):
    meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    record_minutes = minutes.minutes_start(actor=None, meeting=meeting)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_submit(actor=None, minutes=record_minutes)
    assert "minst en justerare" in messages(error.value)


def test_approval_by_chair_and_adjuster_locks_minutes(written, convener):
    record_minutes, adjuster, item = written
    minutes.minutes_submit(actor=convener.user, minutes=record_minutes)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_item_note_save(
            actor=convener.user, meeting=record_minutes.meeting, agenda_item=item, text="Ändrat"
        )
    assert "lämnat för justering" in messages(error.value)

    minutes.minutes_approve(actor=adjuster.user, minutes=record_minutes)
    record_minutes.refresh_from_db()
    assert record_minutes.status == MinutesStatus.SUBMITTED  # the chair has not approved yet
    minutes.minutes_approve(actor=convener.user, minutes=record_minutes)
    record_minutes.refresh_from_db()
    assert record_minutes.status == MinutesStatus.APPROVED
    approvals = {(a.person, a.user, a.role) for a in record_minutes.approvals.all()}
    assert approvals == {(adjuster, adjuster.user, "adjuster"), (convener, convener.user, "chair")}
    assert record_minutes.meeting.status == MeetingStatus.HELD

    for attempt in (
        lambda: minutes.minutes_item_note_save(
            actor=convener.user,
            meeting=record_minutes.meeting,
            agenda_item=item,
            text="Tyst ändring",
        ),
        lambda: meetings.agenda_item_add(actor=convener.user, meeting=item.meeting, title="Ny"),
        lambda: write_header(item.meeting, actor=convener.user, general_notes="x"),
        lambda: record(item.meeting.group, meeting=item.meeting),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "Protokollet är justerat och kan inte ändras" in messages(error.value)
    assert item.note.text == "Rapporten lades till handlingarna."


def test_only_named_approvers_may_approve(written, rag, convener):
    record_minutes, adjuster, _item = written
    minutes.minutes_submit(actor=None, minutes=record_minutes)
    bystander = member(rag)
    with pytest.raises(PermissionDenied):
        minutes.minutes_approve(actor=bystander.user, minutes=record_minutes)
    with pytest.raises(PermissionDenied):  # nor approve in someone else's name
        minutes.minutes_approve(actor=bystander.user, minutes=record_minutes, person=adjuster)
    minutes.minutes_approve(actor=adjuster.user, minutes=record_minutes)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_approve(actor=adjuster.user, minutes=record_minutes)
    assert "har redan justerat" in messages(error.value)


def test_withdraw_returns_to_draft_and_lapses_approvals(written, convener):
    record_minutes, adjuster, item = written
    minutes.minutes_submit(actor=None, minutes=record_minutes)
    minutes.minutes_approve(actor=adjuster.user, minutes=record_minutes)
    minutes.minutes_withdraw(actor=convener.user, minutes=record_minutes)
    record_minutes.refresh_from_db()
    assert record_minutes.status == MinutesStatus.DRAFT
    assert not record_minutes.approvals.exists()
    minutes.minutes_item_note_save(
        actor=convener.user, meeting=record_minutes.meeting, agenda_item=item, text="Kompletterad"
    )


def test_correction_after_approval_is_recorded_with_reason(written, convener):
    record_minutes, adjuster, item = written
    with pytest.raises(ValidationError):
        minutes.minutes_correct(actor=None, minutes=record_minutes, text="x", reason="y")
    minutes.minutes_submit(actor=None, minutes=record_minutes)
    minutes.minutes_approve(actor=None, minutes=record_minutes, person=adjuster)
    minutes.minutes_approve(actor=None, minutes=record_minutes, person=convener)
    correction = minutes.minutes_correct(
        actor=convener.user,
        minutes=record_minutes,
        agenda_item=item,
        text="Rapporten godkändes.",
        reason="Felskrivning",
    )
    assert correction.created_by == convener.user
    assert record_minutes.history.first().history_change_reason == "Rättelse: Felskrivning"
    item.note.refresh_from_db()
    assert item.note.text == "Rapporten lades till handlingarna."  # the original stays


def test_stale_note_keeps_first_save(written, convener):
    record_minutes, _adjuster, item = written
    opened = version_of(item.note)
    minutes.minutes_item_note_save(
        actor=None,
        meeting=record_minutes.meeting,
        agenda_item=item,
        text="Först sparat",
        expected_version=opened,
    )
    with pytest.raises(ValidationError) as error:
        minutes.minutes_item_note_save(
            actor=None,
            meeting=record_minutes.meeting,
            agenda_item=item,
            text="Sent",
            expected_version=opened,
        )
    assert error.value.error_list[0].code == "stale"
    item.note.refresh_from_db()
    assert item.note.text == "Först sparat"


def test_roles_member_attendance_role_label(meeting, rag):
    person = member(rag, MembershipRole.CHAIR)
    (attendance,) = meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[{"person": person, "status": AttendanceStatus.PRESENT, "role": "chair"}],
    )
    assert attendance.role_label == "Ordförande"


def test_paper_approval_carries_the_day_it_was_signed(written, convener, admin_user):
    record_minutes, adjuster, _item = written
    minutes.minutes_submit(actor=None, minutes=record_minutes)
    # The meeting was 2025-05-06: a day before it, or in the future, is refused in Swedish.
    for day, message in (
        (datetime.date(2025, 5, 5), "kan inte ske före mötesdagen (2025-05-06)"),
        (timezone.localdate() + datetime.timedelta(days=1), "kan inte dateras i framtiden"),
    ):
        with pytest.raises(ValidationError) as error:
            minutes.minutes_approve(
                actor=admin_user, minutes=record_minutes, person=adjuster, signed_on=day
            )
        assert error.value.message_dict["signed_on"] == [f"Justeringen {message}."]
    minutes.minutes_approve(
        actor=admin_user,
        minutes=record_minutes,
        person=adjuster,
        signed_on=datetime.date(2025, 5, 13),
    )
    minutes.minutes_approve(
        actor=admin_user,
        minutes=record_minutes,
        person=convener,
        signed_on=datetime.date(2025, 5, 12),
    )
    record_minutes.refresh_from_db()
    assert record_minutes.status == "approved"
    # The minutes are approved on the day the last signature was given.
    assert timezone.localtime(record_minutes.approved_at).date() == datetime.date(2025, 5, 13)


def test_two_writers_of_a_first_note_do_not_overwrite_each_other(meeting, convener):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Ny punkt")
    record_minutes = minutes.minutes_start(actor=None, meeting=meeting)
    # Both opened the editor while the item had no note (version "").
    minutes.minutes_item_note_save(
        actor=None,
        meeting=record_minutes.meeting,
        agenda_item=item,
        text="Först",
        expected_version="",
    )
    with pytest.raises(ValidationError) as error:
        minutes.minutes_item_note_save(
            actor=None,
            meeting=record_minutes.meeting,
            agenda_item=item,
            text="Sen",
            expected_version="",
        )
    assert error.value.code == "stale"
    item.note.refresh_from_db()
    assert item.note.text == "Först"


def test_registry_numbers_are_unique_whatever_the_case_even_in_the_database(committee):
    from django.db import IntegrityError, transaction

    from tests.governance.factories import DecisionFactory

    DecisionFactory(body=committee, registry_number="RS/1009/2017")
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionFactory(body=committee, registry_number="rs/1009/2017")


def test_decision_date_cannot_move_the_paragraph_to_another_year(committee):
    decision = record(committee, decision_date=datetime.date(2024, 12, 30))
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(
            actor=None, decision=decision, decision_date=datetime.date(2025, 1, 2)
        )
    assert "registreras på nytt" in messages(error.value)
    decisions.decision_update(
        actor=None, decision=decision, decision_date=datetime.date(2024, 12, 1), reason="Datum"
    )


def test_meeting_history_names_what_changed(written, convener, admin_client):
    record_minutes, _adjuster, item = written
    from django.urls import reverse

    page = admin_client.get(reverse("governance:meeting_detail", args=[record_minutes.meeting_id]))
    content = page.content.decode()
    assert f"Anteckning, punkt {item.number}" in content
    assert f"Punkt {item.number}: Rapport" in content
    assert "Protokollet" in content


def test_a_decided_decision_recorded_on_its_own_changes_only_with_a_reason(committee):
    decision = record(committee, registry_number="RS/1009/2017")
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(actor=None, decision=decision, title="Ny rubrik")
    assert "Ange varför det ändras" in messages(error.value)
    decisions.decision_update(
        actor=None, decision=decision, title="Ny rubrik", reason="Felstavad rubrik"
    )
    decision.refresh_from_db()
    assert decision.title == "Ny rubrik"
    assert decision.history.first().history_change_reason == "Felstavad rubrik"


def test_reservation_recorded_by_mistake_is_removed_until_the_decision_locks(committee):
    first, second = member(committee), member(committee)
    meeting, item = held(committee, first, second)
    decision = record(
        committee, meeting=meeting, agenda_item=item, decision_date=meeting.starts_at.date()
    )
    wrong = decisions.decision_reservation_add(actor=None, decision=decision, person=first)
    decisions.decision_reservation_remove(actor=None, reservation=wrong)
    assert not decision.reservations.exists()
    assert Reservation.history.filter(history_type="-").count() == 1
    kept = decisions.decision_reservation_add(actor=None, decision=decision, person=second)
    decisions.decision_approve_immediately(actor=UserFactory(), decision=decision)
    with pytest.raises(ValidationError):
        decisions.decision_reservation_remove(actor=None, reservation=kept)
    assert decision.reservations.get() == kept


def test_only_members_on_the_day_of_the_decision_may_record_a_dissent(committee):
    from governance.selectors.decisions import reservation_candidates
    from groups.services import membership_end

    current = member(committee)
    former = member(committee)
    membership_end(
        actor=None, membership=former.memberships.get(), end_date=datetime.date(2024, 12, 31)
    )
    decision = record(committee, decision_date=datetime.date(2025, 3, 1))
    assert [p.person for p in reservation_candidates(decision)] == [current]
