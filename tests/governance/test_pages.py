"""Pages and permissions: conveners manage their own group only, adjusters approve only what
they were named for, members read, everything else answers 403."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Decision, DecisionStatus, Meeting, MinutesStatus
from governance.services import decisions, meetings, minutes
from governance.services.common import version_of
from groups.models import MembershipRole
from tests.governance.conftest import member, write_header
from tests.governance.factories import MeetingFactory
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


@pytest.fixture
def other_meeting(db):
    return MeetingFactory(group=GroupFactory(name="Annan grupp"))


def test_convener_schedules_meeting_in_own_group_only(client, convener, rag, other_meeting):
    client.force_login(convener.user)
    response = client.post(
        url("meeting_create", rag.pk),
        {
            "title": "Nätverksmöte",
            "starts_at": "2025-09-01T13:00",
            "ends_at": "2025-09-01T15:00",
            "place": "Videomöte",
            "status": "planned",
        },
    )
    meeting = Meeting.objects.get(group=rag)
    assert response.status_code == 302
    assert response["Location"] == url("meeting_agenda", meeting.pk)
    other = other_meeting
    for name, args in [
        ("meeting_create", (other.group_id,)),
        ("meeting_edit", (other.pk,)),
        ("meeting_agenda", (other.pk,)),
        ("meeting_attendance", (other.pk,)),
        ("meeting_minutes_edit", (other.pk,)),
        ("meeting_detail", (other.pk,)),
        ("meeting_group_list", (other.group_id,)),
    ]:
        assert client.get(url(name, *args)).status_code == 403, name
    assert client.post(url("meeting_create", other.group_id), {}).status_code == 403
    assert not Meeting.objects.filter(group=other.group, title="Nätverksmöte").exists()


def test_meeting_that_ends_before_start_keeps_input(client, convener, rag):
    client.force_login(convener.user)
    response = client.post(
        url("meeting_create", rag.pk),
        {
            "title": "Felaktigt möte",
            "starts_at": "2025-09-01T13:00",
            "ends_at": "2025-09-01T11:00",
            "place": "Rum 3",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "Mötet kan inte sluta innan det börjar." in response.content.decode()
    assert 'value="Felaktigt möte"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_member_reads_but_cannot_change(client, meeting, rag):
    reader = member(rag)
    client.force_login(reader.user)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 200
    assert client.get(url("meeting_edit", meeting.pk)).status_code == 403
    assert client.get(url("meeting_minutes_edit", meeting.pk)).status_code == 403
    response = client.get(url("meeting_list"))
    assert meeting.get_absolute_url() in response.content.decode()


def test_outsider_sees_no_meetings(client, meeting, user):
    client.force_login(user)
    assert client.get(url("meeting_detail", meeting.pk)).status_code == 403
    assert meeting.get_absolute_url() not in client.get(url("meeting_list")).content.decode()


def test_administrator_manages_any_group(admin_client, meeting):
    assert admin_client.get(url("meeting_edit", meeting.pk)).status_code == 200
    assert admin_client.get(url("meeting_attendance", meeting.pk)).status_code == 200


def submitted_minutes(meeting, rag, convener):
    adjuster = member(rag, username="justerare")
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    record = minutes.minutes_start(actor=None, meeting=meeting)
    write_header(meeting, adjusters=[adjuster])
    minutes.minutes_item_note_save(
        actor=None, meeting=record.meeting, agenda_item=item, text="Noterat."
    )
    minutes.minutes_submit(actor=None, minutes=record)
    return record, adjuster, item


def test_adjuster_approves_only_minutes_named_for(client, meeting, rag, convener):
    record, adjuster, _item = submitted_minutes(meeting, rag, convener)
    bystander = member(rag)
    client.force_login(bystander.user)
    assert client.get(url("meeting_minutes_approve", meeting.pk)).status_code == 403
    assert client.post(url("meeting_minutes_approve", meeting.pk)).status_code == 403

    client.force_login(adjuster.user)
    page = client.get(url("meeting_minutes_approve", meeting.pk))
    assert page.status_code == 200 and "Jag justerar protokollet" in page.content.decode()
    client.post(url("meeting_minutes_approve", meeting.pk))
    client.force_login(convener.user)
    client.post(url("meeting_minutes_approve", meeting.pk))
    record.refresh_from_db()
    assert record.status == MinutesStatus.APPROVED

    other = MeetingFactory(group=GroupFactory())
    other_minutes = minutes.minutes_start(actor=None, meeting=other)
    assert other_minutes.status == MinutesStatus.DRAFT
    client.force_login(adjuster.user)
    assert client.get(url("meeting_minutes_approve", other.pk)).status_code == 403


def test_editing_approved_minutes_is_refused_with_swedish_message(client, meeting, rag, convener):
    record, adjuster, item = submitted_minutes(meeting, rag, convener)
    minutes.minutes_approve(actor=adjuster.user, minutes=record)
    minutes.minutes_approve(actor=convener.user, minutes=record)
    client.force_login(convener.user)
    response = client.post(
        url("meeting_minutes_item", meeting.pk, item.pk), {"text": "Tyst ändring", "version": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Protokollet är justerat och kan inte ändras" in body
    assert "Tyst ändring" in body  # the text is kept in the form
    item.note.refresh_from_db()
    assert item.note.text == "Noterat."
    response = client.post(
        url("meeting_minutes_correct", meeting.pk),
        {"agenda_item": item.pk, "text": "Rapporten godkändes.", "reason": "Felskrivning"},
    )
    assert response.status_code == 302
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Rapporten godkändes." in page and "Felskrivning" in page


def test_stale_note_form_says_so_and_keeps_text(client, meeting, rag, convener):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    record = minutes.minutes_start(actor=None, meeting=meeting)
    note = minutes.minutes_item_note_save(
        actor=None, meeting=record.meeting, agenda_item=item, text="A"
    )
    opened = version_of(note)
    minutes.minutes_item_note_save(
        actor=None, meeting=record.meeting, agenda_item=item, text="Kollegans text"
    )
    client.force_login(convener.user)
    response = client.post(
        url("meeting_minutes_item", meeting.pk, item.pk), {"text": "Min text", "version": opened}
    )
    body = response.content.decode()
    assert "Någon annan har sparat ändringar" in body
    assert "Min text" in body and "Kollegans text" in body
    # Saving again, having seen the other version, goes through.
    fresh = response.context["form"].data["version"]
    client.post(
        url("meeting_minutes_item", meeting.pk, item.pk), {"text": "Min text", "version": fresh}
    )
    item.note.refresh_from_db()
    assert item.note.text == "Min text"


def test_attendance_page_records_present_absent_substituted(client, meeting, rag, convener):
    absent = member(rag)
    client.force_login(convener.user)
    response = client.post(
        url("meeting_attendance", meeting.pk),
        {
            f"status_{convener.pk}": "present",
            f"status_{absent.pk}": "substituted",
            f"substitute_{absent.pk}": "",
        },
    )
    assert "Ange vem som ersatte" in response.content.decode()
    assert not meeting.attendances.exists()
    client.post(
        url("meeting_attendance", meeting.pk),
        {
            f"status_{convener.pk}": "present",
            f"status_{absent.pk}": "substituted",
            f"substitute_{absent.pk}": "Ersättare Ersättarsson",
        },
    )
    assert {(a.person_id, a.status, a.substitute_name) for a in meeting.attendances.all()} == {
        (convener.pk, "present", ""),
        (absent.pk, "substituted", "Ersättare Ersättarsson"),
    }


# --- decisions ----------------------------------------------------------------------------


@pytest.fixture
def secretary(committee):
    return member(committee, MembershipRole.SECRETARY, username="sekreterare")


def decision_post(body, **overrides):
    data = {
        "body": body.pk,
        "title": "Rapport om laboratoriesamverkan",
        "registry_number": "RS/1009/2017",
        "status": "decided",
        "decision_date": "2018-10-09",
        "clauses": "godkänna rapporten",
        "distribution": "Chef Område teknik, diagnostik och service",
    }
    data.update(overrides)
    return data


def test_secretary_records_decision_and_gets_403_elsewhere(client, secretary, committee):
    client.force_login(secretary.user)
    response = client.post(url("decision_create"), decision_post(committee))
    decision = Decision.objects.get(body=committee)
    assert response.status_code == 302
    assert (decision.number, decision.year) == (1, 2018)
    assert decision.clauses.get().text == "att godkänna rapporten"
    assert decision.certified_by == secretary.user.get_full_name()
    other = GroupFactory()
    response = client.post(url("decision_create"), decision_post(other))
    assert response.status_code == 200  # not a choice: the body field refuses it
    assert "body" in response.context["form"].errors
    foreign = decisions.decision_record(actor=None, body=other, title="Annat", clauses=["att x"])
    assert client.get(url("decision_edit", foreign.pk)).status_code == 403
    assert client.post(url("decision_reservation_add", foreign.pk), {}).status_code == 403


def test_duplicate_registry_number_and_missing_clauses_shown_at_fields(
    client, secretary, committee
):
    client.force_login(secretary.user)
    client.post(url("decision_create"), decision_post(committee))
    response = client.post(
        url("decision_create"), decision_post(committee, clauses="", title="Andra ärendet")
    )
    errors = response.context["form"].errors
    assert errors["registry_number"] == [
        "Diarienumret RS/1009/2017 används redan för ett annat beslut i Testnämnden."
    ]
    assert "minst en beslutssats" in errors["clauses"][0]
    assert 'value="Andra ärendet"' in response.content.decode()
    assert Decision.objects.count() == 1


def test_register_hides_proposals_from_outsiders_and_filters(client, user, committee):
    decided = decisions.decision_record(
        actor=None,
        body=committee,
        title="Fattat beslut",
        clauses=["att a"],
        decision_date=datetime.date(2024, 5, 1),
    )
    decisions.decision_record(
        actor=None,
        body=committee,
        title="Hemligt förslag",
        clauses=[],
        status=DecisionStatus.PROPOSED,
        decision_date=datetime.date(2024, 6, 1),
    )
    client.force_login(user)
    page = client.get(url("decision_list")).content.decode()
    assert "Fattat beslut" in page and "Hemligt förslag" not in page
    assert client.get(url("decision_detail", decided.pk)).status_code == 200
    proposal = Decision.objects.get(title="Hemligt förslag")
    assert client.get(url("decision_detail", proposal.pk)).status_code == 403
    page = client.get(url("decision_list"), {"q": "ingenting sådant"}).content.decode()
    assert "Fattat beslut" not in page
    page = client.get(url("decision_list"), {"q": "att a", "year": 2024}).content.decode()
    assert "Fattat beslut" in page


def test_register_exports_csv_and_xlsx(admin_client, committee):
    import io

    from openpyxl import load_workbook

    decisions.decision_record(
        actor=None,
        body=committee,
        title="Överföring av projekt",
        clauses=["att överföra"],
        registry_number="RVN 2018/12",
        distribution="Ledningsgruppen",
        decision_date=datetime.date(2018, 4, 23),
    )
    csv_response = admin_client.get(url("decision_export", "csv"), {"year": 2018})
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Beslutande organ;År;Paragraf;Diarienummer")
    assert "Testnämnden;2018;1;RVN 2018/12;Överföring av projekt" in text
    xlsx = admin_client.get(url("decision_export", "xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["E2"].value == "Överföring av projekt"
    assert sheet["H2"].value == "att överföra"


def test_group_page_lists_meetings_and_decisions(client, convener, rag, meeting):
    decisions.decision_record(actor=None, body=rag, title="Gruppens beslut", clauses=["att b"])
    client.force_login(convener.user)
    page = client.get(reverse("groups:detail", args=[rag.pk])).content.decode()
    assert "Möten och beslut" in page
    assert meeting.get_absolute_url() in page and "Gruppens beslut" in page
    assert url("meeting_create", rag.pk) in page


def test_month_overview_groups_meetings(client, convener, rag):
    MeetingFactory(
        group=rag, title="Vårmöte", starts_at=datetime.datetime(2025, 3, 4, 9, tzinfo=datetime.UTC)
    )
    MeetingFactory(
        group=rag,
        title="Höstmöte",
        starts_at=datetime.datetime(2025, 10, 4, 9, tzinfo=datetime.UTC),
    )
    client.force_login(convener.user)
    page = client.get(url("meeting_group_list", rag.pk)).content.decode()
    assert "Mars 2025" in page and "Oktober 2025" in page
    assert page.index("Vårmöte") < page.index("Höstmöte")


def test_register_exports_cannot_carry_spreadsheet_formulas(admin_client, committee):
    import io

    from openpyxl import load_workbook

    decisions.decision_record(
        actor=None,
        body=committee,
        title='=HYPERLINK("http://example.invalid","Klicka")',
        clauses=["att godkänna"],
        decision_date=datetime.date(2018, 4, 23),
    )
    text = admin_client.get(url("decision_export", "csv")).content.decode("utf-8-sig")
    assert ";\"'=HYPERLINK(" in text
    sheet = load_workbook(
        io.BytesIO(admin_client.get(url("decision_export", "xlsx")).content)
    ).active
    assert sheet["E2"].data_type == "s"  # a string cell: shown as typed, never evaluated
    assert sheet["E2"].value.startswith("=HYPERLINK")


def test_an_empty_post_shows_each_required_fields_error(admin_client, rag):
    """A form is bound on every POST, even an empty one: the user is told what is missing."""
    response = admin_client.post(reverse("governance:meeting_create", args=[rag.pk]), {})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    response = admin_client.post(reverse("groups:person_create"), {})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
