"""The real worker: `manage.py db_worker` (django-tasks-db) started as a process against the
test PostgreSQL database sends what the portal queued, and the outbox records it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from notifications.mail import Recipient
from notifications.models import MessageKind, MessageStatus, OutboxMessage
from notifications.services import messages_queue
from tests.governance.factories import MeetingFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_sends_the_queued_message(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    meeting = MeetingFactory(group__name="Testnämnden", place="Rum 4")
    [message] = messages_queue(  # autocommit: the task row is written at once
        kind=MessageKind.MEETING,
        recipients=[Recipient(name="Rut Demosson", email="rut@example.org")],
        template="meeting",
        subject="I morgon: Testnämnden",
        context={"meeting": meeting, "day": meeting.starts_at, "meeting_url": "http://x/"},
        meeting=meeting,
    )
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.deliver_message").count() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED  # nothing is sent in the request

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.local",
            "DATABASE_URL": database_url(),
            "TASK_BACKEND": "django_tasks_db.backend.DatabaseBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        },
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert worker.returncode == 0, worker.stderr
    assert "Subject: =?utf-8?q?I_morgon=3A_Testn=C3=A4mnden?=" in worker.stdout
    assert "rut@example.org" in worker.stdout
    message = OutboxMessage.objects.get(pk=message.pk)
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
