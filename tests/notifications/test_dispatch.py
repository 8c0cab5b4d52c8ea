"""Expediering: "Utdrag till" as structured recipients (a group, a person, a region, an
external address with a name), the extract sent to all of them in one action after justering,
and each dispatch recorded with time, sender, recipients and the PDF's checksum."""

import hashlib
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from governance.access.actions import decision_actions
from governance.models import DecisionRecipient, Dispatch, MinutesStatus, RecipientKind
from governance.services import decisions as decision_services
from governance.services.dispatch import decision_recipient_add
from notifications.models import OutboxMessage
from notifications.services import decision_dispatch
from tests.groups.factories import GroupFactory, PersonFactory, RegionFactory
from tests.notifications.conftest import approve, held_protocol

pytestmark = pytest.mark.django_db


def add_all_kinds(decision):
    rag = GroupFactory(name="RAG Lab", contact_email="rag.lab@example.org")
    person = PersonFactory(first_name="Olle", last_name="Mottagare", email="olle@example.org")
    region = RegionFactory(name="Region Testlän")
    for kind, fields in [
        (RecipientKind.GROUP, {"group": rag}),
        (RecipientKind.PERSON, {"person": person}),
        (RecipientKind.REGION, {"region": region, "email": "registrator@testlan.example"}),
        (
            RecipientKind.EXTERNAL,
            {
                "name": "Chef Område teknik, diagnostik och service",
                "email": "chef.otds@example.se",
            },
        ),
    ]:
        decision_recipient_add(actor=None, decision=decision, kind=kind, **fields)


def test_a_dispatch_before_justering_is_refused_with_a_clear_message(
    committee, board, client, django_capture_on_commit_callbacks
):
    _meeting, _minutes, decision = held_protocol(committee, board)
    add_all_kinds(decision)
    with pytest.raises(ValidationError, match="först när protokollet är justerat"):
        decision_dispatch(actor=board["secretary"].user, decision=decision)
    actions = decision_actions(
        board["secretary"].user, decision, minutes_status=MinutesStatus.SUBMITTED
    )
    assert not actions.can_dispatch and "justerat" in actions.dispatch_refusal

    client.force_login(board["secretary"].user)
    page = client.get(decision.get_absolute_url())
    assert "först när protokollet är justerat" in page.text
    assert reverse("notifications:decision_dispatch", args=[decision.pk]) not in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:decision_dispatch", args=[decision.pk]))
    assert response.status_code == 200 and "först när protokollet är justerat" in response.text
    assert Dispatch.objects.count() == 0 and OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_after_justering_the_extract_goes_to_every_recipient_and_is_recorded(
    committee, board, client, django_capture_on_commit_callbacks
):
    _meeting, minutes, decision = held_protocol(committee, board)
    add_all_kinds(decision)
    approve(minutes, board)
    client.force_login(board["secretary"].user)
    page = client.get(reverse("notifications:decision_dispatch", args=[decision.pk]))
    assert "chef.otds@example.se" in page.text and "Expediera" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:decision_dispatch", args=[decision.pk]))

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        '"Chef Område teknik, diagnostik och service" <chef.otds@example.se>',
        "Olle Mottagare <olle@example.org>",
        "RAG Lab <rag.lab@example.org>",
        "Region Testlän <registrator@testlan.example>",
    ]
    message = mail.outbox[0]
    assert message.subject == "Protokollsutdrag: § 2 Samverkansavtal"
    assert "RVN 2026/12" in message.body and "Testnämnden" in message.body
    assert "RVN 2026/12" in message.alternatives[0][0]
    [(filename, pdf, mime)] = message.attachments
    assert mime == "application/pdf" and pdf.startswith(b"%PDF")
    dispatch = Dispatch.objects.get()
    assert dispatch.dispatched_by == board["secretary"].user
    assert dispatch.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert dispatch.pdf_name == filename and dispatch.pdf_size == len(pdf)
    assert "Chef Område teknik, diagnostik och service <chef.otds@example.se>" in (
        dispatch.recipient_list
    )
    page = client.get(decision.get_absolute_url())
    assert f"Expedierat {dispatch.dispatched_at:%Y-%m-%d}" in page.text
    assert dispatch.pdf_sha256 in page.text and "4 av 4 meddelanden skickade" in page.text
    register = client.get(reverse("governance:decision_list"))
    local_day = timezone.localtime(dispatch.dispatched_at).date()
    assert f"Expedierat {local_day:%Y-%m-%d}" in register.text
    # The protokoll says it too, under the §.
    minutes_pdf = client.get(reverse("governance:meeting_minutes_pdf", args=[_meeting.pk]))
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(minutes_pdf.content)).pages
    )
    assert f"Expedierat {local_day:%Y-%m-%d}." in text


def test_a_group_without_its_own_address_gets_it_through_its_leaders(
    committee, board, django_capture_on_commit_callbacks
):
    _meeting, minutes, decision = held_protocol(committee, board)
    decision_recipient_add(actor=None, decision=decision, kind=RecipientKind.GROUP, group=committee)
    approve(minutes, board)
    with django_capture_on_commit_callbacks(execute=True):
        decision_dispatch(actor=None, decision=decision)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{p} <{p.email}>" for p in (board["chair"], board["convener"], board["secretary"])
    )


def test_an_immediately_approved_decision_may_be_dispatched_before_the_minutes(
    committee, board, django_capture_on_commit_callbacks
):
    from governance.services import minutes as minutes_services

    _meeting, minutes, decision = held_protocol(committee, board)
    minutes_services.minutes_withdraw(actor=None, minutes=minutes)
    decision_services.decision_approve_immediately(actor=board["secretary"].user, decision=decision)
    add_all_kinds(decision)
    with django_capture_on_commit_callbacks(execute=True):
        decision_dispatch(actor=None, decision=decision)
    assert len(mail.outbox) == 4


def test_a_proposal_is_not_dispatched(committee, board):
    from tests.governance.factories import DecisionFactory

    proposal = DecisionFactory(body=committee, status="proposed", number=None)
    add_all_kinds(proposal)
    with pytest.raises(ValidationError, match="Ett förslag till beslut kan inte expedieras"):
        decision_dispatch(actor=None, decision=proposal)


def test_recipients_are_checked_at_the_field_and_the_text_is_kept(committee, board, client):
    _meeting, _minutes, decision = held_protocol(committee, board)
    client.force_login(board["secretary"].user)
    url = reverse("notifications:decision_recipients", args=[decision.pk])
    response = client.post(url, {"kind": "external", "name": "Chef OTDS", "email": "chef@@x"})
    assert response.status_code == 200
    assert "Ange en giltig e-postadress, t.ex. namn@region.se." in response.text
    assert 'value="Chef OTDS"' in response.text and 'value="chef@@x"' in response.text
    response = client.post(url, {"kind": "external", "name": "", "email": ""})
    assert "Ange mottagarens namn." in response.text
    assert "Ange mottagarens e-postadress." in response.text
    response = client.post(url, {"kind": "region"})
    assert "Välj en region." in response.text
    assert DecisionRecipient.objects.count() == 0

    response = client.post(
        url, {"kind": "external", "name": "Chef OTDS", "email": "chef.otds@example.se"}
    )
    assert response.status_code == 302
    recipient = DecisionRecipient.objects.get()
    assert (recipient.name, recipient.email) == ("Chef OTDS", "chef.otds@example.se")
    response = client.post(reverse("notifications:decision_recipient_remove", args=[recipient.pk]))
    assert response.status_code == 302 and DecisionRecipient.objects.count() == 0


def test_only_those_who_record_decisions_change_recipients_or_dispatch(committee, board, client):
    _meeting, _minutes, decision = held_protocol(committee, board)
    client.force_login(board["members"][1].user)
    for name in ("decision_recipients", "decision_dispatch"):
        assert client.get(reverse(f"notifications:{name}", args=[decision.pk])).status_code == 403
    page = client.get(decision.get_absolute_url())
    assert "Ändra mottagare" not in page.text


def test_a_recipient_without_an_address_stops_the_dispatch(committee, board):
    _meeting, minutes, decision = held_protocol(committee, board)
    nobody = PersonFactory(first_name="Utan", last_name="Adress", email="")
    decision_recipient_add(actor=None, decision=decision, kind=RecipientKind.PERSON, person=nobody)
    approve(minutes, board)
    with pytest.raises(ValidationError, match="Det finns ingen e-postadress för: Utan Adress"):
        decision_dispatch(actor=None, decision=decision)
    assert Dispatch.objects.count() == 0


@pytest.mark.parametrize("recipients", [1, 5])
def test_the_decision_page_and_the_dispatch_page_have_fixed_query_counts(
    committee,
    board,
    client,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    recipients,
):
    _meeting, minutes, decision = held_protocol(committee, board)
    for n in range(recipients):
        decision_recipient_add(
            actor=None,
            decision=decision,
            kind=RecipientKind.EXTERNAL,
            name=f"Mottagare {n}",
            email=f"m{n}@example.org",
        )
    approve(minutes, board)
    with django_capture_on_commit_callbacks(execute=True):
        decision_dispatch(actor=None, decision=decision)
    client.force_login(board["secretary"].user)
    client.get(decision.get_absolute_url())
    with django_assert_num_queries(9):  # the decision page's 8 and the secretary's rights
        assert client.get(decision.get_absolute_url()).status_code == 200
    with django_assert_num_queries(7):  # group rights in one query (was two and a lookup)
        url = reverse("notifications:decision_dispatch", args=[decision.pk])
        assert client.get(url).status_code == 200
    with django_assert_num_queries(9):  # as above
        url = reverse("notifications:decision_recipients", args=[decision.pk])
        assert client.get(url).status_code == 200
