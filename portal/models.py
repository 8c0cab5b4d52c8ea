"""Abstract model building blocks shared by every app (portal/ imports no app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """Created/modified times on every object (the OParl shape asks for both)."""

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    modified_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True
