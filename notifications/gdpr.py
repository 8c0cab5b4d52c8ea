"""notifications' part of a person's data (portal.gdpr): every message sent to them, and on
erasure their name and address taken out of the outbox (the messages stay, as the record of
what was sent, without the name or address)."""

from django.db.models import Q

from notifications.models import OutboxMessage
from portal import gdpr


def messages_section(person) -> list[dict]:
    messages = OutboxMessage.objects.filter(Q(person=person) | Q(user__person=person))
    return [
        gdpr.row(
            message,
            fields=(
                "kind",
                "to_name",
                "to_email",
                "subject",
                "status",
                "attempts",
                "created_at",
                "sent_at",
            ),
        )
        for message in messages.order_by("-created_at", "-pk")
    ]


def erase_addresses(person, actor) -> None:
    OutboxMessage.objects.filter(Q(person=person) | Q(user__person=person)).update(
        to_name="", to_email="raderad@invalid"
    )


def register() -> None:
    gdpr.register_export_section("messages", messages_section)
    gdpr.register_erasure_step(erase_addresses)
