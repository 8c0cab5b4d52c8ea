"""Background tasks (django-tasks, docs/decisions/0010). They run in `manage.py db_worker` in
production and at once under the ImmediateBackend (`make run`, tests)."""

from django_tasks import task

from notifications import delivery


@task()
def deliver_message(message_id: int) -> str:
    """Send one outbox message (rendering its mailing's PDF first if nobody has yet)."""
    return delivery.deliver(message_id)
