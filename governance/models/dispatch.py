"""Expediering: the structured "Utdrag till" of a decision and the record of each dispatch.

`Decision.distribution` stays the free-text line printed on the paper; the recipients here are
who the extract is actually sent to. The sending itself (e-mail with the extract PDF) is done by
the notifications app, which builds on governance; governance only keeps the record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.decisions import Decision
from groups.models import Group, Person, Region
from portal.models import TimestampedModel


class RecipientKind(models.TextChoices):
    GROUP = "group", _("Grupp")
    PERSON = "person", _("Person")
    REGION = "region", _("Region")
    EXTERNAL = "external", _("Extern mottagare")


class DecisionRecipient(TimestampedModel):
    """One line of "Utdrag till": a group, a person, a region (at the address given, e.g. its
    registrar) or an external recipient with a name and an address."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("beslut")
    )
    kind = models.CharField(_("typ av mottagare"), max_length=20, choices=RecipientKind.choices)
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grupp"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("mottagare av protokollsutdrag")
        verbose_name_plural = _("mottagare av protokollsutdrag")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="group", group__isnull=False, person__isnull=True, region__isnull=True)
                    | Q(
                        kind="person", person__isnull=False, group__isnull=True, region__isnull=True
                    )
                    | Q(
                        kind="region", region__isnull=False, group__isnull=True, person__isnull=True
                    )
                    | Q(
                        kind="external",
                        group__isnull=True,
                        person__isnull=True,
                        region__isnull=True,
                    )
                    & ~Q(name="")
                    & ~Q(email="")
                ),
                name="decision_recipient_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == RecipientKind.GROUP and self.group_id:
            return str(self.group)
        if self.kind == RecipientKind.PERSON and self.person_id:
            return str(self.person)
        if self.kind == RecipientKind.REGION and self.region_id:
            return str(self.region)
        return self.name

    def clean(self) -> None:
        errors = {}
        needs = {
            RecipientKind.GROUP: ("group", _("Välj en grupp.")),
            RecipientKind.PERSON: ("person", _("Välj en person.")),
            RecipientKind.REGION: ("region", _("Välj en region.")),
        }
        if self.kind in needs:
            field, message = needs[self.kind]
            if getattr(self, f"{field}_id") is None:
                errors[field] = message
            for other in ("group", "person", "region"):
                if other != field:
                    setattr(self, other, None)
        if self.kind == RecipientKind.EXTERNAL:
            self.group = self.person = self.region = None
            if not self.name.strip():
                errors["name"] = _("Ange mottagarens namn.")
            if not self.email:
                errors["email"] = _("Ange mottagarens e-postadress.")
        if self.kind == RecipientKind.REGION and not self.email:
            errors["email"] = _("Ange regionens e-postadress (t.ex. registratorn).")
        if errors:
            raise ValidationError(errors)


class Dispatch(models.Model):
    """One dispatch of a decision's extract: when, by whom, to whom (the recipients' names and
    addresses as they were), and the PDF sent, by its SHA-256 checksum (filled in when the
    background task has rendered it; every message of the dispatch carries the same file)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("beslut")
    )
    dispatched_at = models.DateTimeField(_("expedierat"))
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expedierat av"),
    )
    recipients = models.TextField(_("mottagare"), help_text=_("En mottagare per rad."))
    pdf_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(_("storlek (byte)"), null=True, blank=True)

    class Meta:
        ordering = ["decision", "-dispatched_at"]
        verbose_name = _("expediering")
        verbose_name_plural = _("expedieringar")

    def __str__(self) -> str:
        return f"{self.decision} {self.dispatched_at:%Y-%m-%d}"

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]
