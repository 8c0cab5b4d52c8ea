"""Kallelse: the convener sends the notice to everyone called — members, substitutes and
guests with an address — with the agenda PDF attached and the public papers linked; sending
again after the agenda changed is an "Ändrad kallelse", and the meeting page says when, to whom
and in which version."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Attachment, MeetingStatus
from governance.services import attachments, meetings
from notifications.models import Mailing, MessageKind, OutboxMessage
from notifications.services import meeting_notice_send
from tests.notifications.conftest import upcoming_meeting

pytestmark = pytest.mark.django_db


def send(client_or_none, meeting, capture, *, actor=None):
    with capture(execute=True):
        if client_or_none is None:
            return meeting_notice_send(actor=actor, meeting=meeting)
        return client_or_none.post(reverse("notifications:meeting_notice", args=[meeting.pk]))


def test_the_kallelse_reaches_everyone_called_with_the_pdf_and_the_public_papers(
    committee, board, client, django_capture_on_commit_callbacks
):
    meeting = upcoming_meeting(committee)
    item = meeting.agenda_items.get(number=2)
    public = attachments.attachment_add(actor=None, agenda_item=item, title="Budgetförslag 2027")
    secret = attachments.attachment_add(actor=None, agenda_item=item, title="Anbud (sekretess)")
    Attachment.objects.filter(pk=secret.pk).update(
        is_confidential=True, confidentiality_ground="OSL 31 kap. 16 §"
    )
    meetings.guest_add(actor=None, meeting=meeting, name="Eva Gäst", email="eva@example.org")
    meetings.guest_add(actor=None, meeting=meeting, name="Utan Adress")
    client.force_login(board["convener"].user)

    response = send(client, meeting, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    called = [
        board["chair"],
        *board["members"],
        board["substitute"],
        board["convener"],
        board["secretary"],
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"{p} <{p.email}>" for p in called] + ["Eva Gäst <eva@example.org>"]
    )
    message = next(m for m in mail.outbox if "eva@example.org" in m.to[0])
    assert message.subject.startswith("Kallelse: Testnämnden ")
    assert "Budget 2027" in message.body and "Regionhuset, sal 3" in message.body
    public_url = reverse("governance:attachment_download", args=[public.pk])
    assert f"Budgetförslag 2027: http://127.0.0.1:8000{public_url}" in message.body
    assert "Anbud" not in message.body
    html = message.alternatives[0][0]
    assert "Budget 2027" in html and public_url in html and "Anbud" not in html
    [(filename, content, mime)] = message.attachments
    assert mime == "application/pdf" and content.startswith(b"%PDF")
    assert filename.startswith("kallelse-") and filename.endswith(".pdf")
    # One PDF for all: rendered once, the same bytes to everyone.
    assert {m.attachments[0][1] for m in mail.outbox} == {content}
    assert Mailing.objects.get().document.sha256

    page = client.get(meeting.get_absolute_url())
    assert "Kallelse" in page.text and "version 1" in page.text
    assert "Till 7 mottagare" in page.text and "Eva Gäst" in page.text


def test_sending_again_after_the_agenda_changed_is_an_andrad_kallelse(
    committee, board, django_capture_on_commit_callbacks, client
):
    meeting = upcoming_meeting(committee)
    first = send(None, meeting, django_capture_on_commit_callbacks)
    same = send(None, meeting, django_capture_on_commit_callbacks)
    assert (first.version, first.is_changed, same.version, same.is_changed) == (1, False, 1, False)

    meetings.agenda_item_add(actor=None, meeting=meeting, title="Extra ärende: lokaler")
    mail.outbox.clear()
    changed = send(None, meeting, django_capture_on_commit_callbacks)

    assert (changed.version, changed.is_changed) == (2, True)
    assert all(m.subject.startswith("Ändrad kallelse: Testnämnden") for m in mail.outbox)
    assert "ÄNDRAD KALLELSE (version 2)" in mail.outbox[0].body
    assert "Extra ärende: lokaler" in mail.outbox[0].body
    client.force_login(board["members"][0].user)
    page = client.get(meeting.get_absolute_url())
    assert "Ändrad kallelse" in page.text and "version 2" in page.text


def test_the_confirmation_says_it_will_be_changed_and_who_has_no_address(
    committee, board, client, django_capture_on_commit_callbacks
):
    meeting = upcoming_meeting(committee)
    send(None, meeting, django_capture_on_commit_callbacks)
    meetings.agenda_item_add(actor=None, meeting=meeting, title="Nytt ärende")
    board["members"][1].email = ""
    board["members"][1].save()
    client.force_login(board["convener"].user)
    page = client.get(reverse("notifications:meeting_notice", args=[meeting.pk]))
    assert "Skicka ändrad kallelse" in page.text and "version 2" in page.text
    assert "saknar e-postadress och får ingen kallelse" in page.text


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"status": MeetingStatus.CANCELLED}, "Mötet är inställt"),
        ({"days": -1}, "Mötet har redan börjat"),
        ({"titles": ()}, "Dagordningen är tom"),
    ],
)
def test_no_kallelse_for_a_cancelled_past_or_empty_meeting(
    committee, board, client, django_capture_on_commit_callbacks, change, refusal
):
    meeting = upcoming_meeting(
        committee, days=change.get("days", 10), titles=change.get("titles", ("Ärende",))
    )
    if "status" in change:
        meetings.meeting_update(actor=None, meeting=meeting, status=change["status"])
    with pytest.raises(ValidationError, match=refusal):
        meeting_notice_send(actor=None, meeting=meeting)
    client.force_login(board["convener"].user)
    page = client.get(reverse("notifications:meeting_notice", args=[meeting.pk]))
    assert (
        refusal in page.text
        and '<button type="submit" class="ds-button" data-variant="primary"' not in page.text
    )
    response = send(client, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and refusal in response.text
    assert OutboxMessage.objects.count() == 0 and mail.outbox == []


def test_only_those_who_plan_the_meeting_send_the_kallelse(committee, board, client):
    meeting = upcoming_meeting(committee)
    client.force_login(board["members"][0].user)
    url = reverse("notifications:meeting_notice", args=[meeting.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert "Skicka kallelse" not in client.get(meeting.get_absolute_url()).text
    assert OutboxMessage.objects.count() == 0


def test_kallelse_cannot_be_turned_off(committee, board, django_capture_on_commit_callbacks):
    from notifications.services import preferences_save

    user = board["members"][0].user
    preferences_save(actor=user, user=user, enabled_kinds=set())
    meeting = upcoming_meeting(committee)
    send(None, meeting, django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.filter(user=user, kind=MessageKind.NOTICE).count() == 1


@pytest.mark.parametrize("items", [1, 6])
def test_the_confirmation_page_has_a_fixed_number_of_queries(
    committee, board, client, django_assert_num_queries, items
):
    meeting = upcoming_meeting(committee, titles=[f"Ärende {n}" for n in range(items)])
    for n in range(items):
        meetings.guest_add(actor=None, meeting=meeting, name=f"Gäst {n}", email=f"g{n}@example.org")
    client.force_login(board["convener"].user)
    url = reverse("notifications:meeting_notice", args=[meeting.pk])
    client.get(url)
    with django_assert_num_queries(17):
        assert client.get(url).status_code == 200
