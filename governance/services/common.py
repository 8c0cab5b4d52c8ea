"""Rules shared by the governance services: the meeting lock, locked minutes, stale forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from governance.models import Meeting, Minutes, MinutesStatus
from governance.services.rules import meeting_edit_refusal


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


def lock_meeting(meeting_id: int) -> Meeting:
    """Take the meeting's row lock: every write that depends on whether the meeting can still
    change (its agenda, attendance, guests, notes, decisions, attachments, minutes header) and
    every change of the minutes' status (submit, withdraw, approve) takes it first, so one
    waits for the other and nothing lands in minutes submitted a moment earlier.

    Lock order, everywhere: the meeting, then its minutes, then anything else (the row a form
    was opened on, the § counter). Never lock a meeting while holding one of those."""
    return Meeting.objects.select_for_update().get(pk=meeting_id)


def ensure_meeting_editable(meeting: Meeting) -> None:
    """Lock the meeting and refuse the write when its minutes are submitted or approved
    (rules.meeting_edit_refusal), reading their status only after the lock is held."""
    lock_meeting(meeting.pk)
    minutes = Minutes.objects.filter(meeting_id=meeting.pk).only("status").first()
    refusal = meeting_edit_refusal(minutes)
    if refusal:
        code = "locked" if minutes.status == MinutesStatus.APPROVED else "submitted"
        raise ValidationError(refusal, code=code)
