"""Audit helpers around django-simple-history, shared by every app's services."""

from django.db import models


def save_with_history(instance: models.Model, *, actor, reason: str = "") -> models.Model:
    """Validate and save an audited object, recording who changed it and why."""
    instance.full_clean()
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason or None
    instance.save()
    return instance
