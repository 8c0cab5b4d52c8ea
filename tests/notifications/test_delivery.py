"""The outbox: each message is recorded before it is sent, sent once after the commit, and a
mail server that is down or refuses leaves it queued with the error, retried with backoff,
then failed and visible until an administrator sends it again."""

import datetime
import smtplib
import socket
import threading

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications import delivery
from notifications.mail import Recipient
from notifications.models import MessageKind, MessageStatus, OutboxMessage
from notifications.selectors import failed_message_count, messages_for_user
from notifications.services import messages_queue
from tests.governance.factories import MeetingFactory
from tests.groups.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue_one(capture, *, execute=True, person=None):
    person = person or PersonFactory(
        first_name="Rut", last_name="Demosson", email="rut@example.org"
    )
    with capture(execute=execute):
        [message] = messages_queue(
            kind=MessageKind.MEETING,
            recipients=[Recipient(name=str(person), email=person.email, person=person)],
            template="meeting",
            subject="I morgon: Testnämnden",
            context={
                "meeting": MeetingFactory(group__name="Testnämnden", place="Rum 1"),
                "day": timezone.now(),
                "meeting_url": "http://portal.test/moten/1/",
            },
        )
    message.refresh_from_db()
    return message


class FailingBackend:
    """An SMTP server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"rut@example.org": (550, b"Mailbox unavailable")})


def test_a_message_is_recorded_then_sent_once_after_the_commit(
    django_capture_on_commit_callbacks,
):
    message = queue_one(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1 and message.sent_at is not None and message.last_error == ""
    [sent] = mail.outbox
    assert sent.to == ["Rut Demosson <rut@example.org>"]
    assert sent.subject == "I morgon: Testnämnden"
    assert "Hej Rut Demosson," in sent.body and "Rum 1" in sent.body
    html, mime = sent.alternatives[0]
    assert mime == "text/html" and "<h1>" in html and "Rum 1" in html
    # A second task for the same message (a duplicate, a retry racing it) sends nothing.
    assert delivery.deliver(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    message = queue_one(django_capture_on_commit_callbacks, execute=False)
    assert message.status == MessageStatus.QUEUED  # the task runs only after a commit
    assert mail.outbox == []


def test_a_refusing_server_leaves_the_message_queued_then_failed_then_sent_again(
    django_capture_on_commit_callbacks, settings, admin_client
):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FailingBackend"
    settings.MAIL_MAX_ATTEMPTS = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        message = queue_one(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert (
        "SMTPRecipientsRefused" in message.last_error
        and "Mailbox unavailable" in message.last_error
    )
    assert message.next_attempt_at == start + datetime.timedelta(minutes=1)
    # Too early: the scheduled attempt has not come.
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert delivery.deliver(message.pk) == "skipped"
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        assert delivery.deliver(message.pk) == "retry"
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == start + datetime.timedelta(minutes=2 + 5)
    with time_machine.travel(start + datetime.timedelta(minutes=8), tick=False):
        assert delivery.deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        MessageStatus.FAILED,
        3,
        None,
    )
    assert failed_message_count() == 1
    assert mail.outbox == []

    page = admin_client.get(reverse("notifications:outbox"), {"status": "failed"})
    assert "rut@example.org" in page.text and "Mailbox unavailable" in page.text
    assert "Skicka igen" in page.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("notifications:message_resend", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 4
    assert len(mail.outbox) == 1
    assert failed_message_count() == 0
    # A sent message is never sent again, not even on request.
    admin_client.post(reverse("notifications:message_resend", args=[message.pk]))
    assert len(mail.outbox) == 1


@pytest.fixture
def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_smtp_server_that_is_down_keeps_the_message_queued(
    django_capture_on_commit_callbacks, settings, closed_port
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    message = queue_one(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1 and "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at is not None


@pytest.fixture
def refusing_smtp_server():
    """A server that greets with 554 (service refused), as a misconfigured relay does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(5)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"554 5.7.1 Relaying denied\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    server.close()
    thread.join(timeout=5)


def test_an_smtp_server_that_refuses_keeps_the_message_queued(
    django_capture_on_commit_callbacks, settings, refusing_smtp_server
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", refusing_smtp_server
    settings.EMAIL_TIMEOUT = 5
    message = queue_one(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.QUEUED
    assert "SMTPConnectError" in message.last_error and "Relaying denied" in message.last_error
    assert OutboxMessage.objects.count() == 1


def test_the_outbox_is_queryable_per_user(django_capture_on_commit_callbacks):
    user = UserFactory()
    person = PersonFactory(user=user, email="ida@example.org")
    queue_one(django_capture_on_commit_callbacks, person=person)
    queue_one(django_capture_on_commit_callbacks)
    assert [m.to_email for m in messages_for_user(user)] == ["ida@example.org"]
