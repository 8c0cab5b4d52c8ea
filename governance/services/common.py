"""Rules shared by the governance services: locked minutes and stale forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from governance.models import Meeting, Minutes, MinutesStatus


def version_of(instance: models.Model) -> str:
    """What a form carries in its hidden version field: the object's last save time."""
    modified = getattr(instance, "modified_at", None)
    return modified.isoformat() if modified else ""


def check_version(instance: models.Model, expected: str | None) -> None:
    """Optimistic concurrency: refuse to overwrite what someone else saved after the form was
    opened. The row is locked first so two saves cannot both pass the check."""
    if expected is None or instance.pk is None:
        return
    current = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
    if current is not None and version_of(current) != expected:
        raise ValidationError(
            _(
                "Någon annan har sparat ändringar medan du skrev. Det du skrev är inte sparat "
                "men finns kvar i formuläret. Jämför med den senast sparade versionen och spara "
                "igen om du vill ersätta den."
            ),
            code="stale",
        )


def minutes_of(meeting: Meeting) -> Minutes | None:
    try:
        return meeting.minutes
    except Minutes.DoesNotExist:
        return None


def ensure_meeting_editable(meeting: Meeting) -> None:
    """Approved minutes are locked, and with them the meeting's agenda, attendance and
    decisions; minutes waiting for approval are locked until they are taken back."""
    minutes = Minutes.objects.filter(meeting_id=meeting.pk).only("status").first()
    if minutes is None:
        return
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(
            _(
                "Protokollet är justerat och kan inte ändras. Gör en rättelse i stället; "
                "den visas tillsammans med protokollet."
            ),
            code="locked",
        )
    if minutes.status == MinutesStatus.SUBMITTED:
        raise ValidationError(
            _(
                "Protokollet är lämnat för justering och kan inte ändras. Ta tillbaka det för "
                "ändring först."
            ),
            code="submitted",
        )
