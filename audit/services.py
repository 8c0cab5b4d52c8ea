"""The one write of the audit app: store an event recorded through portal.events."""

from audit.models import AuditEvent
from portal.events import Event


def event_store(event: Event) -> AuditEvent:
    user = event.user if event.user is not None and event.user.is_authenticated else None
    return AuditEvent.objects.create(
        kind=event.kind,
        user=user,
        username=event.username,
        ip_address=event.ip_address,
        path=event.path,
        object_type=event.object_type,
        object_id=event.object_id,
        object_label=event.object_label,
        detail=event.detail,
    )
