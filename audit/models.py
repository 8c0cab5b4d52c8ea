"""Events that are not changes to a model (logins, lockouts, documents issued). Changes to
models are in each app's history tables and are read from there (audit.sources)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Written once, never changed: who did what, when and from where.

    `kind` is one of portal.events.KINDS (no choices here, so a new kind needs no migration).
    The username is kept beside the user: a failed login has only what was typed.
    """

    occurred_at = models.DateTimeField(_("tid"), default=timezone.now)
    kind = models.CharField(_("händelse"), max_length=32)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the (user, time) index below serves it
    )
    username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    path = models.CharField(_("adress"), max_length=255, blank=True)
    object_type = models.CharField(_("objekttyp"), max_length=100, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    object_label = models.CharField(_("objekt"), max_length=255, blank=True)
    detail = models.CharField(_("uppgift"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("granskningshändelse")
        verbose_name_plural = _("granskningshändelser")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["-occurred_at", "-id"], name="audit_event_time"),
            models.Index(fields=["user", "-occurred_at"], name="audit_event_user"),
            models.Index(fields=["kind", "-occurred_at"], name="audit_event_kind"),
            models.Index(
                fields=["object_type", "object_id", "-occurred_at"], name="audit_event_object"
            ),
        ]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.username}"
