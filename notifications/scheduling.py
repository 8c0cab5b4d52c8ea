"""Putting outbox messages in the task queue: after the commit that wrote them, and again for a
retry at its time (when the backend can defer; otherwise `manage.py send_queued_mail`, run by
the timer, picks up whatever is due)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from notifications.models import MessageStatus, OutboxMessage
from notifications.tasks import deliver_message


def schedule(message_id: int, *, at: datetime.datetime | None = None) -> None:
    if at is not None and at > timezone.now():
        if default_task_backend.supports_defer:
            deliver_message.using(run_after=at).enqueue(message_id)
        return
    deliver_message.enqueue(message_id)


def enqueue_on_commit(message_ids: list[int]) -> None:
    def send() -> None:
        for message_id in message_ids:
            schedule(message_id)

    transaction.on_commit(send)


def enqueue_due(*, now: datetime.datetime | None = None) -> int:
    """Queued messages whose attempt is due (a lost task, a retry the backend could not
    defer): enqueued again. Sending twice is impossible: `delivery.deliver` locks and checks."""
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=MessageStatus.QUEUED)
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)
    )
    for message_id in due:
        deliver_message.enqueue(message_id)
    return len(due)
