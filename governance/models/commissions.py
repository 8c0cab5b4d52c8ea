"""Commissions (uppdrag): a written assignment from a commissioner to a group.

A commission has ordered sections of Markdown text, deliverables with due dates, and a
lifecycle (draft → decided → reported → completed, or transferred to ongoing operations, or
cancelled). Section templates give a new commission its headings.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.decisions import Decision, registry_number_validator
from groups.models import Group
from portal.models import TimestampedModel

# Long enough for any real section (seed 002's longest is ~1,500 characters), short enough that
# a pasted document by mistake is caught with a clear message.
SECTION_BODY_MAX_LENGTH = 20_000


class CommissionKind(models.TextChoices):
    PROJECT = "project", _("Tidsbegränsat projekt")
    PERMANENT = "permanent", _("Permanent grupp")


class CommissionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    DECIDED = "decided", _("Beslutat (pågår)")
    REPORTED = "reported", _("Avrapporterat")
    COMPLETED = "completed", _("Avslutat")
    TRANSFERRED = "transferred", _("Överfört till fortlöpande arbete")
    CANCELLED = "cancelled", _("Avbrutet")


class Commission(TimestampedModel):
    title = models.CharField(_("titel"), max_length=300)
    commissioner = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="commissions_given",
        verbose_name=_("uppdragsgivare"),
    )
    assignee = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="commissions_received",
        verbose_name=_("grupp/enhet"),
        help_text=_("Gruppen som utför uppdraget."),
    )
    assignee_description = models.CharField(
        _("beskrivning av grupp/enhet"),
        max_length=500,
        blank=True,
        help_text=_("Fritext om vilka som ingår, om gruppens namn inte räcker."),
    )
    kind = models.CharField(
        _("typ av uppdrag"),
        max_length=20,
        choices=CommissionKind.choices,
        default=CommissionKind.PROJECT,
    )
    registry_number = models.CharField(
        _("diarienummer"),
        max_length=50,
        blank=True,
        help_text=_("T.ex. RS/1009/2017."),
        validators=[registry_number_validator],
    )
    start_date = models.DateField(_("period från"), null=True, blank=True)
    end_date = models.DateField(
        _("period till"), null=True, blank=True, help_text=_("Tomt för en permanent grupp.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommissionStatus.choices,
        default=CommissionStatus.DRAFT,
    )
    status_date = models.DateField(_("statusdatum"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commissions",
        verbose_name=_("beslut"),
        help_text=_("Beslutet bakom senaste statusändring (beslutat, överfört, avbrutet)."),
    )
    signatory_name = models.CharField(_("undertecknare"), max_length=200, blank=True)
    signatory_title = models.CharField(
        _("undertecknarens titel"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Ordf. Centrumrådet Hjärtsjukvård."),
    )
    signed_on = models.DateField(_("datum för underskrift"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="commission_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # The commission list's order (selectors.commission_list).
            models.Index(fields=["-start_date", "title", "id"], name="commission_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:commission_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Periodens slut kan inte vara före dess början.")
        if self.commissioner_id and self.commissioner_id == self.assignee_id:
            errors["assignee"] = _("Uppdragsgivaren kan inte ge uppdraget till sig själv.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == CommissionStatus.DRAFT

    def covers(self, day: datetime.date) -> bool:
        """Whether a date lies within the commission's period (open ends count as covering)."""
        if self.start_date and day < self.start_date:
            return False
        return not (self.end_date and day > self.end_date)


class CommissionSection(TimestampedModel):
    """One section of a commission's text: a heading and Markdown body, in order.

    Positions are renumbered 1..n by the services on every save. There is no unique constraint
    on (commission, position): reordering would violate it mid-way unless it were deferrable,
    which SQLite (the local default) cannot do.
    """

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="sections", verbose_name=_("uppdrag")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        max_length=SECTION_BODY_MAX_LENGTH,
        # TextField's max_length only sizes the form widget; the validator enforces it.
        validators=[MaxLengthValidator(SECTION_BODY_MAX_LENGTH)],
    )
    required = models.BooleanField(
        _("obligatoriskt"), default=False, help_text=_("Får inte lämnas tomt.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["commission", "position", "pk"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")

    def __str__(self) -> str:
        return self.heading


class SectionTemplate(TimestampedModel):
    """The headings a new commission starts with. Administrators edit them."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(
        _("typ av uppdrag"),
        max_length=20,
        choices=CommissionKind.choices,
        default=CommissionKind.PROJECT,
    )
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("avsnittsmall")
        verbose_name_plural = _("avsnittsmallar")

    def __str__(self) -> str:
        return self.name


class SectionTemplateItem(TimestampedModel):
    template = models.ForeignKey(
        SectionTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("mall")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(
        _("förifylld text"),
        blank=True,
        max_length=SECTION_BODY_MAX_LENGTH,
        validators=[MaxLengthValidator(SECTION_BODY_MAX_LENGTH)],
    )
    required = models.BooleanField(_("obligatoriskt"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("mallavsnitt")
        verbose_name_plural = _("mallavsnitt")

    def __str__(self) -> str:
        return self.heading


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    DELIVERED = "delivered", _("Levererad")
    # Not stored: a planned deliverable past its due date is shown as late.
    LATE = "late", _("Försenad")


class DeliverableRecurrence(models.TextChoices):
    NONE = "", _("Engångsleverans")
    YEARLY = "yearly", _("Återkommer årligen")


class Deliverable(TimestampedModel):
    commission = models.ForeignKey(
        Commission,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("uppdrag"),
    )
    title = models.CharField(_("leverans"), max_length=300)
    due_date = models.DateField(_("senast"))
    recipient = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables_received",
        verbose_name=_("mottagare"),
    )
    recurrence = models.CharField(
        _("återkommande"),
        max_length=10,
        choices=DeliverableRecurrence.choices,
        default=DeliverableRecurrence.NONE,
        blank=True,
        help_text=_("En årlig leverans får en ny planerad leverans ett år senare när den lämnas."),
    )
    is_final = models.BooleanField(_("slutleverans"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[c for c in DeliverableStatus.choices if c[0] != DeliverableStatus.LATE],
        default=DeliverableStatus.PLANNED,
    )
    delivered_on = models.DateField(_("levererad"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name=_("beslut"),
    )
    document = models.CharField(
        _("dokument"),
        max_length=500,
        blank=True,
        help_text=_("Länk (https://…) eller hänvisning till det levererande dokumentet."),
    )
    note = models.CharField(_("anteckning"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commission", "due_date", "pk"]
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")
        # The dashboard's deliverables due (planned, by due date).
        indexes = [models.Index(fields=["status", "due_date"], name="deliverable_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned", delivered_on__isnull=True)
                | Q(status="delivered", delivered_on__isnull=False),
                name="deliverable_delivered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == DeliverableStatus.DELIVERED and not self.delivered_on:
            raise ValidationError({"delivered_on": _("Ange när leveransen lämnades.")})
        if self.status == DeliverableStatus.PLANNED:
            self.delivered_on = None

    def current_status(self, today: datetime.date | None = None) -> str:
        if self.status == DeliverableStatus.DELIVERED:
            return DeliverableStatus.DELIVERED
        today = today or timezone.localdate()
        return DeliverableStatus.LATE if self.due_date < today else DeliverableStatus.PLANNED

    @property
    def display_status(self) -> str:
        return DeliverableStatus(self.current_status()).label

    @property
    def status_key(self) -> str:
        return self.current_status()

    @property
    def is_late(self) -> bool:
        return self.current_status() == DeliverableStatus.LATE

    @property
    def outside_period(self) -> bool:
        """Due outside its commission's period: allowed, but shown as a warning."""
        return not self.commission.covers(self.due_date)

    @property
    def document_is_link(self) -> bool:
        return self.document.startswith(("https://", "http://"))
