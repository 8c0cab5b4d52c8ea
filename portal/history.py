"""Audit helpers around django-simple-history, shared by every app's services."""

from django.db import models
from django.utils.translation import gettext as _


def save_with_history(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """Validate and save an audited object, recording who changed it and why."""
    instance.full_clean()
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason or None
    instance.save()
    return instance


def user_label(user) -> str:
    """Who did something, for display: the user's name, else the username; "Systemet" when no
    user did it (demo data, commands). Templates get this ready-made, since a filter argument
    such as `default:x.user.username` raises when the user is None."""
    if user is None:
        return _("Systemet")
    return user.get_full_name() or user.get_username()


class HistoryEntry:
    """One line of a combined change history: a historical record and what it concerns.

    Pages that show one object's history together with its parts' (a group and its
    memberships, a meeting and its agenda and notes) wrap each record with a subject.
    """

    def __init__(self, record, subject: str):
        self.record = record
        self.subject = subject

    def __getattr__(self, name):
        return getattr(self.record, name)


def merged_history(*sources, limit: int = 40) -> list[HistoryEntry]:
    """Newest first across several (records, subject-of-record) sources."""
    entries = [
        HistoryEntry(record, subject(record)) for records, subject in sources for record in records
    ]
    return sorted(entries, key=lambda e: e.history_date, reverse=True)[:limit]
