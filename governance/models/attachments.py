"""Attachments (bilagor) of agenda items and decisions: files checked by content, or a
reference to a paper that exists only outside the portal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.confidentiality import Confidential
from governance.models.decisions import Decision
from governance.models.meetings import AgendaItem
from portal.models import TimestampedModel


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is the checksum, never the uploader's file name.
    return f"governance/attachments/{instance.sha512[:2]}/{instance.sha512[:40]}"


class Attachment(Confidential, TimestampedModel):
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("punkt"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("beslut"),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=1)
    title = models.CharField(
        _("benämning"), max_length=300, help_text=_("T.ex. Bilaga 1 – Aktuella grupper.")
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, blank=True, max_length=200)
    original_name = models.CharField(_("ursprungligt filnamn"), max_length=255, blank=True)
    mime_type = models.CharField(_("filtyp"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), null=True, blank=True)
    sha512 = models.CharField(_("kontrollsumma (SHA-512)"), max_length=128, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        constraints = [
            Confidential.confidentiality_constraint("attachment_confidential_has_ground"),
            models.CheckConstraint(
                condition=(Q(agenda_item__isnull=False) & Q(decision__isnull=True))
                | (Q(agenda_item__isnull=True) & Q(decision__isnull=False)),
                name="attachment_belongs_to_one_object",
            ),
            models.CheckConstraint(
                condition=Q(file="") | (~Q(sha512="") & Q(size__isnull=False) & ~Q(mime_type="")),
                name="attachment_file_has_metadata",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    def get_absolute_url(self) -> str:
        return reverse("governance:attachment_download", args=[self.pk])

    def clean(self) -> None:
        self.clean_confidentiality()
        if bool(self.agenda_item_id) == bool(self.decision_id):
            raise ValidationError(_("En bilaga hör till antingen en punkt eller ett beslut."))
