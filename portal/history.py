"""Audit helpers around django-simple-history, shared by every app's services."""

from django.db import models
from django.utils.translation import gettext as _


def save_with_history(
    instance: models.Model, *, actor, reason: str = "", parts_changed: bool = False
) -> models.Model:
    """Validate and save an audited object, recording who changed it and why.

    An existing object whose fields all equal the stored row is not saved: a form sent back
    unchanged leaves no history row and keeps its version (`modified_at`). A caller whose
    form also changed the object's parts (a decision's clauses, the minutes' adjusters) passes
    `parts_changed=True`: the object is saved anyway, so its version moves and another form
    opened on the old version is refused as stale.
    """
    instance.full_clean()
    if not parts_changed and not has_changes(instance):
        return instance
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason or None
    instance.save()
    return instance


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a change is made of: not the key, not times the save itself sets."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def has_changes(instance: models.Model) -> bool:
    """True for a new object, or one with a field that differs from its stored row."""
    if instance._state.adding or instance.pk is None:
        return True
    fields = compared_fields(type(instance))
    stored = (
        type(instance)
        ._base_manager.filter(pk=instance.pk)
        .values(*(field.attname for field in fields))
        .first()
    )
    if stored is None:
        return True
    return any(stored[field.attname] != getattr(instance, field.attname) for field in fields)


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
