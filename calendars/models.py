"""Secret, revocable addresses of a user's calendar feeds (webcal)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import TimestampedModel


class CalendarToken(TimestampedModel):
    """The secret part of a user's feed addresses. Revoked, never deleted; at most one in use
    per user. The history says who created and revoked it. It holds the secret too, which
    gives nothing more away than the table itself (the page must show the address again, so
    the secret is stored as it is), and a history row that leaves a field out would make the
    audit log read the table for each row's label."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("användare"),
    )
    token = models.CharField(_("hemlighet"), max_length=64, unique=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kalenderlänk")
        verbose_name_plural = _("kalenderlänkar")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_in_use_per_user",
            )
        ]

    def __str__(self) -> str:
        state = _("återkallad") if self.revoked_at else _("i bruk")
        return f"{self.user} ({state})"
