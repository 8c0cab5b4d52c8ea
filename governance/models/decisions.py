"""Decisions (beslut) of a body: § numbered per body and year, with their att-clauses."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.models import Group
from portal.models import TimestampedModel


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Förslag")
    DECIDED = "decided", _("Beslutat")
    DEFERRED = "deferred", _("Bordlagt")
    WITHDRAWN = "withdrawn", _("Återtaget")


class Decision(TimestampedModel):
    body = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("beslutande organ"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(
        _("paragraf (§)"), null=True, blank=True, help_text=_("Tilldelas när beslutet registreras.")
    )
    registry_number = models.CharField(
        _("diarienummer"), max_length=50, blank=True, help_text=_("T.ex. RS/1009/2017.")
    )
    title = models.CharField(_("ärende"), max_length=300)
    case_description = models.TextField(_("ärendebeskrivning"), blank=True)
    proposal = models.TextField(_("beslutsförslag"), blank=True)
    proposed_by = models.CharField(_("förslag av"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="decision_paragraph_unique_per_body_year"
            ),
            models.UniqueConstraint(
                fields=["body", "registry_number"],
                condition=~Q(registry_number=""),
                name="decision_registry_number_unique_per_body",
            ),
        ]

    def __str__(self) -> str:
        paragraph = f"§ {self.number} " if self.number else ""
        return f"{paragraph}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:decision_detail", args=[self.pk])


class DecisionClause(TimestampedModel):
    """One decision clause; by Swedish convention each begins "att …"."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("beslut")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    text = models.TextField(_("beslutssats"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "position"]
        verbose_name = _("beslutssats")
        verbose_name_plural = _("beslutssatser")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "position"], name="decision_clause_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text
