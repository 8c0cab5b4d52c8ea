"""The rules of justering (governance/services/rules.py): minutes are submitted and approved
only after the meeting, never dated before it, by a chair and adjusters who were there; a
protokoll records attendance and states the quorum; the 14-day limit is shown and flagged."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from governance.documents.meetings import minutes_pdf
from governance.models import (
    Attendance,
    AttendanceStatus,
    MeetingStatus,
    Minutes,
    MinutesKind,
    MinutesStatus,
)
from governance.selectors.meetings import meeting_list, memberships_on_meeting_day
from governance.services import meetings, minutes, rules
from groups.models import MembershipRole
from tests.governance.conftest import member, write_header

pytestmark = pytest.mark.django_db

PRESENT, ABSENT, SUBSTITUTED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.SUBSTITUTED,
)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def days_from_now(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def board(committee):
    """A committee of a chair and three members, a substitute and a secretary."""
    return {
        "chair": member(committee, MembershipRole.CHAIR, username="ordforande"),
        "members": [member(committee, username=f"ledamot{n}") for n in range(3)],
        "substitute": member(committee, MembershipRole.SUBSTITUTE, username="ersattare"),
        "secretary": member(committee, MembershipRole.SECRETARY, username="sekreterare"),
    }


def committee_meeting(committee, *, days: int = -3):
    meeting = meetings.meeting_create(
        actor=None, group=committee, title="Sammanträde", starts_at=days_from_now(days), place="Rum"
    )
    meetings.agenda_item_add(actor=None, meeting=meeting, title="Val av justerare")
    return meeting


def attend(meeting, statuses: dict, substitutes: dict | None = None) -> None:
    substitutes = substitutes or {}
    meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[
            {
                "person": person,
                "status": status,
                "substitute_name": substitutes.get(person.pk, ""),
            }
            for person, status in statuses.items()
        ],
    )


def all_present(board) -> dict:
    return {p: PRESENT for p in (board["chair"], *board["members"], board["secretary"])}


def header(meeting, board, **changes):
    values = {
        "kind": MinutesKind.PROTOCOL,
        "chair": board["chair"],
        "secretary": board["secretary"],
        "adjusters": [board["members"][0]],
    }
    values.update(changes)
    return write_header(meeting, **values)


# --- dates --------------------------------------------------------------------------------


def test_minutes_of_a_meeting_not_yet_held_are_neither_submitted_nor_approved(committee, board):
    """Review: minutes of a meeting two weeks ahead were submitted and approved today and the
    meeting flipped to "held"."""
    meeting = committee_meeting(committee, days=14)
    attend(meeting, all_present(board))
    record = header(meeting, board)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_submit(actor=None, minutes=record)
    assert "Mötet har inte börjat ännu" in messages(error.value)
    record.refresh_from_db()
    meeting.refresh_from_db()
    assert record.status == MinutesStatus.DRAFT
    assert meeting.status == MeetingStatus.PLANNED
    # Nor can anyone approve today what is dated before the meeting day.
    record.status = MinutesStatus.SUBMITTED
    refusal = rules.minutes_approval_refusal(
        record, board["chair"], on=timezone.localdate(), today=timezone.localdate()
    )
    assert refusal.startswith("Justeringen kan inte ske före mötesdagen")


def test_the_approval_date_is_never_before_the_meeting_day(committee, board, admin_client):
    meeting = committee_meeting(committee)
    attend(meeting, all_present(board))
    day = rules.meeting_day(meeting)
    with pytest.raises(ValidationError) as error:
        header(meeting, board, approval_date=day - datetime.timedelta(days=1))
    assert error.value.message_dict["approval_date"] == [
        f"Justeringen kan inte ske före mötesdagen ({day.isoformat()})."
    ]
    assert not Minutes.objects.exists()  # nothing saved in part, not even the minutes

    url = reverse("governance:meeting_minutes_edit", args=[meeting.pk])
    page = admin_client.get(url).content.decode()
    deadline = (day + datetime.timedelta(days=14)).isoformat()
    assert f"senast 14 dagar efter mötet ({deadline})" in page
    response = admin_client.post(
        url,
        {
            "kind": MinutesKind.PROTOCOL,
            "chair": board["chair"].pk,
            "adjusters": [board["members"][0].pk],
            "approval_date": (day - datetime.timedelta(days=1)).isoformat(),
            "approval_place": "Regionhuset",
            "version": "",
        },
    )
    assert response.status_code == 200
    assert "kan inte ske före mötesdagen" in response.context["form"].errors["approval_date"][0]
    assert 'value="Regionhuset"' in response.content.decode()  # the user's text is kept
    assert not Minutes.objects.exists()


def test_a_paper_approval_is_dated_from_the_meeting_day_to_today(committee, board, admin_user):
    meeting = committee_meeting(committee, days=-5)
    attend(meeting, all_present(board))
    record = header(meeting, board)
    minutes.minutes_submit(actor=None, minutes=record)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_approve(
            actor=admin_user,
            minutes=record,
            person=board["chair"],
            signed_on=rules.meeting_day(meeting) - datetime.timedelta(days=1),
        )
    assert "före mötesdagen" in error.value.message_dict["signed_on"][0]
    minutes.minutes_approve(
        actor=admin_user,
        minutes=record,
        person=board["chair"],
        signed_on=rules.meeting_day(meeting),
    )


# --- who approves -------------------------------------------------------------------------


def test_an_absent_member_is_not_offered_nor_accepted_as_adjuster(committee, board, admin_client):
    """Review: a member marked absent was chosen as adjuster and approved."""
    meeting = committee_meeting(committee)
    present, absent = board["members"][0], board["members"][1]
    attend(meeting, {board["chair"]: PRESENT, present: PRESENT, absent: ABSENT})
    url = reverse("governance:meeting_minutes_edit", args=[meeting.pk])
    response = admin_client.get(url)
    offered = set(response.context["form"].fields["adjusters"].queryset)
    assert offered == {board["chair"], present}
    assert "Bara de som är registrerade som närvarande" in response.content.decode()

    with pytest.raises(ValidationError) as error:
        header(meeting, board, adjusters=[absent])
    assert error.value.message_dict["adjusters"] == [
        f"{absent.full_name} är inte registrerad som närvarande vid mötet och kan inte vara "
        "justerare. Bara den som var med vid mötet justerar protokollet."
    ]
    with pytest.raises(ValidationError) as error:
        header(meeting, board, chair=absent, adjusters=[present])
    assert "kan inte vara ordförande" in error.value.message_dict["chair"][0]


def test_an_adjuster_recorded_absent_afterwards_stops_the_submission(committee, board):
    meeting = committee_meeting(committee)
    adjuster = board["members"][0]
    record = header(meeting, board)  # chosen before attendance was recorded
    attend(meeting, {**all_present(board), adjuster: ABSENT})
    with pytest.raises(ValidationError) as error:
        minutes.minutes_submit(actor=None, minutes=record)
    assert f"{adjuster.full_name} är inte registrerad som närvarande" in messages(error.value)


def test_an_approver_not_present_cannot_approve(committee, board):
    meeting = committee_meeting(committee)
    adjuster = board["members"][0]
    attend(meeting, all_present(board))
    record = header(meeting, board)
    minutes.minutes_submit(actor=None, minutes=record)
    # Attendance is locked once submitted; this stands for a record made wrong some other way.
    Attendance.objects.filter(meeting=meeting, person=adjuster).update(status=ABSENT)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_approve(actor=adjuster.user, minutes=record)
    assert "inte registrerad som närvarande vid mötet" in messages(error.value)
    assert not record.approvals.exists()


def test_a_serving_substitute_recorded_present_may_adjust_and_fills_the_seat(committee, board):
    meeting = committee_meeting(committee)
    absent, substitute = board["members"][2], board["substitute"]
    # Named as "Ersatt av" with their row left blank: recorded present as they served.
    attend(
        meeting,
        {board["chair"]: PRESENT, absent: SUBSTITUTED},
        substitutes={absent.pk: f" {substitute.full_name.upper()} "},
    )
    served = Attendance.objects.get(meeting=meeting, person=substitute)
    assert (served.status, served.role) == (PRESENT, MembershipRole.SUBSTITUTE)
    record = header(meeting, board, adjusters=[substitute])
    assert list(record.adjusters.all()) == [substitute]
    quorum = rules.quorum(meeting, memberships_on_meeting_day(meeting))
    # Seats: chair and three members (not the substitute, not the secretary); two filled.
    assert (quorum.seats, quorum.filled, quorum.has_quorum) == (4, 2, False)


def test_a_substitute_recorded_absent_cannot_serve(committee, board):
    meeting = committee_meeting(committee)
    absent, substitute = board["members"][2], board["substitute"]
    with pytest.raises(ValidationError) as error:
        attend(
            meeting,
            {absent: SUBSTITUTED, substitute: ABSENT},
            substitutes={absent.pk: substitute.full_name},
        )
    assert messages(error.value) == (
        f"{substitute.full_name} anges som ersättare för {absent.full_name} men är inte "
        "registrerad som närvarande."
    )
    assert not Attendance.objects.filter(meeting=meeting).exists()  # all rows or none


# --- a protokoll --------------------------------------------------------------------------


def test_a_protokoll_needs_its_attendance_before_it_is_submitted(committee, board, rag, convener):
    """Review: a nämnd protokoll was approved with no attendance at all."""
    meeting = committee_meeting(committee)
    record = header(meeting, board)
    with pytest.raises(ValidationError) as error:
        minutes.minutes_submit(actor=None, minutes=record)
    assert messages(error.value) == (
        "Registrera närvaron innan protokollet lämnas för justering: ett protokoll visar vilka "
        "som var närvarande."
    )
    attend(meeting, all_present(board))
    minutes.minutes_submit(actor=None, minutes=record)
    # Minnesanteckningar of a working group may go without.
    notes_meeting = meetings.meeting_create(
        actor=None, group=rag, starts_at=days_from_now(-1), place="Video"
    )
    meetings.agenda_item_add(actor=None, meeting=notes_meeting, title="Rapport")
    notes = write_header(notes_meeting, adjusters=[member(rag)])
    assert notes.kind == MinutesKind.NOTES
    minutes.minutes_submit(actor=None, minutes=notes)


@pytest.mark.parametrize(
    ("present", "substituted", "expected"),
    [(1, 0, False), (2, 0, False), (2, 1, True), (3, 0, True), (4, 0, True)],
)
def test_quorum_is_more_than_half_of_the_voting_seats(
    committee, board, present, substituted, expected
):
    meeting = committee_meeting(committee)
    seats = [board["chair"], *board["members"]]
    statuses = {p: ABSENT for p in seats}
    names = {}
    for person in seats[:present]:
        statuses[person] = PRESENT
    for person in seats[present : present + substituted]:
        statuses[person] = SUBSTITUTED
        names[person.pk] = "Extern Ersättare"
    statuses[board["substitute"]] = PRESENT  # present, but serving for nobody: no seat
    attend(meeting, statuses, names)
    quorum = rules.quorum(meeting, memberships_on_meeting_day(meeting))
    assert quorum.seats == 4
    assert quorum.filled == present + substituted
    assert quorum.has_quorum is expected
    assert quorum.text.startswith("Nämnden är beslutsför" if expected else "Nämnden är inte")


def test_the_meeting_page_and_the_protokoll_state_the_quorum(committee, board, admin_client):
    meeting = committee_meeting(committee)
    attend(meeting, all_present(board))
    header(meeting, board)
    page = admin_client.get(meeting.get_absolute_url()).content.decode()
    assert "Nämnden är beslutsför: 4 av 4 ledamöter med rösträtt närvarande eller ersatta." in page
    pdf, _name = minutes_pdf(meeting.pk)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Nämnden är beslutsför" in " ".join(text.split())

    attend(meeting, {p: ABSENT for p in board["members"]})
    page = admin_client.get(meeting.get_absolute_url()).content.decode()
    assert "Nämnden är inte beslutsför: bara 1 av 4" in page
    assert "Ett organ som inte är beslutsfört kan inte fatta beslut." in page


# --- the 14 days --------------------------------------------------------------------------


def test_minutes_past_the_14_days_are_flagged_on_the_meeting_page_and_list(
    committee, board, admin_client
):
    late = committee_meeting(committee, days=-20)
    attend(late, all_present(board))
    header(late, board)
    recent = committee_meeting(committee, days=-3)
    attend(recent, all_present(board))
    header(recent, board)
    approved = committee_meeting(committee, days=-30)
    attend(approved, all_present(board))
    record = header(approved, board)
    minutes.minutes_submit(actor=None, minutes=record)
    for person in (board["chair"], board["members"][0]):
        minutes.minutes_approve(actor=person.user, minutes=record)

    page = admin_client.get(late.get_absolute_url()).content.decode()
    deadline = rules.approval_deadline(late)
    assert f"skulle ha justerats senast {deadline.isoformat()}" in page
    page = admin_client.get(recent.get_absolute_url()).content.decode()
    assert f"ska justeras senast {rules.approval_deadline(recent).isoformat()}" in page
    assert "skulle ha justerats" not in page

    listing = admin_client.get(reverse("governance:meeting_list")).content.decode()
    assert listing.count("Ej justerat inom 14 dagar") == 1
    months = reverse("governance:meeting_group_list", args=[committee.pk])
    assert admin_client.get(months).content.decode().count("Ej justerat inom 14 dagar") == 1
    # The list's SQL says what the rule says, meeting by meeting.
    today = timezone.localdate()
    for meeting in meeting_list(user=board["secretary"].user):
        expected = rules.approval_overdue(
            meeting, Minutes.objects.filter(meeting=meeting).first(), today=today
        )
        assert meeting.approval_overdue is expected, meeting
    assert [m.approval_overdue for m in meeting_list(user=board["secretary"].user)] == [
        False,
        True,
        False,
    ]


def test_the_meeting_page_says_what_keeps_draft_minutes_from_submission(committee, board, client):
    meeting = committee_meeting(committee)
    write_header(meeting, kind=MinutesKind.PROTOCOL, chair=board["chair"])
    client.force_login(board["secretary"].user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Innan protokollet kan lämnas för justering" in page
    assert "Välj minst en justerare innan protokollet lämnas för justering." in page
    assert "Registrera närvaron innan protokollet lämnas för justering" in page
    assert "Lämna för justering</button>" not in page
    attend(meeting, all_present(board))
    header(meeting, board)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Innan protokollet kan lämnas för justering" not in page
    assert "Lämna för justering</button>" in page


def test_the_approval_page_tells_an_absent_approver_why_not(committee, board, client):
    meeting = committee_meeting(committee)
    adjuster = board["members"][0]
    attend(meeting, all_present(board))
    record = header(meeting, board)
    minutes.minutes_submit(actor=None, minutes=record)
    Attendance.objects.filter(meeting=meeting, person=adjuster).update(status=ABSENT)
    client.force_login(adjuster.user)
    page = client.get(reverse("governance:meeting_minutes_approve", args=[meeting.pk]))
    html = page.content.decode()
    assert "inte registrerad som närvarande vid mötet" in html
    assert "Jag justerar protokollet" not in html


def test_the_first_write_starts_the_minutes_in_one_service_call(meeting, convener, client):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    client.force_login(convener.user)
    url = reverse("governance:meeting_minutes_item", args=[meeting.pk, item.pk])
    response = client.post(url, {"text": "Rapporten lades till handlingarna.", "version": ""})
    assert response.status_code == 302
    record = Minutes.objects.get(meeting=meeting)
    assert record.chair == convener  # started with the group's convener
    assert record.history.earliest().history_change_reason == "Protokoll påbörjat"
    assert item.note.text == "Rapporten lades till handlingarna."
    # The header form opened before the minutes existed ("" version) is now stale.
    response = client.post(
        reverse("governance:meeting_minutes_edit", args=[meeting.pk]),
        {"kind": MinutesKind.NOTES, "chair": convener.pk, "version": ""},
    )
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in response.content.decode()
