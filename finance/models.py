"""Multi-year budgets (seed 004, Bilaga 2): revisions, lines, amounts per year, closing checks.

Amounts are in thousands of SEK (tkr) and always Decimal. A cost line stores the amount spent
as a positive number; the sign convention of the source file is handled by the importer and
the display (costs are shown negative, as in the sheets).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Commission, Decision
from groups.models import Group
from portal.models import TimestampedModel

AMOUNT_DIGITS = 14
AMOUNT_DECIMALS = 2
MAX_YEARS = 20


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ADOPTED = "adopted", _("Fastställd")
    SUPERSEDED = "superseded", _("Ersatt")


class LineKind(models.TextChoices):
    INCOME = "income", _("Intäkt")
    COST = "cost", _("Kostnad")


class LineCategory(models.TextChoices):
    SHARED_FINANCING = "shared_financing", _("Solidarisk finansiering (regionerna)")
    STATE_GRANT = "state_grant", _("Statliga ersättningar")
    RUNNING_COSTS = "running_costs", _("Löpande utgifter")
    STAFF = "staff", _("Personal")
    DECIDED_ADDITIONAL = "decided_additional", _("Tillkommande beslutade kostnader")
    OTHER = "other", _("Övrigt")


class Budget(TimestampedModel):
    """A body's budget over consecutive years, in tkr."""

    owner = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("ägare")
    )
    title = models.CharField(_("rubrik"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("första år"))
    last_year = models.PositiveSmallIntegerField(_("sista år"))
    unit = models.CharField(_("enhet"), max_length=10, default="tkr", editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=BudgetStatus.choices, default=BudgetStatus.DRAFT
    )
    adopted_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("fastställd genom beslut"),
    )
    adopted_on = models.DateField(_("fastställd den"), null=True, blank=True)
    adopted_revision = models.ForeignKey(
        "BudgetRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd revision"),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("ersatt av"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["owner__name", "-first_year", "title"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="budget_last_year_after_first"
            ),
            models.CheckConstraint(
                condition=Q(first_year__gte=1900) & Q(last_year__lte=2200),
                name="budget_years_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("finance:budget_detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def clean(self) -> None:
        errors = {}
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                errors["last_year"] = _("Sista år kan inte vara före första år.")
            elif self.last_year - self.first_year + 1 > MAX_YEARS:
                errors["last_year"] = _("En budget kan omfatta högst %(max)s år.") % {
                    "max": MAX_YEARS
                }
        if self.adopted_by_id and self.owner_id and self.adopted_by.body_id != self.owner_id:
            errors["adopted_by"] = _("Beslutet måste vara fattat av budgetens ägare.")
        if self.status == BudgetStatus.ADOPTED and not self.adopted_revision_id:
            errors["status"] = _("En fastställd budget måste ange vilken revision som fastställts.")
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            errors["superseded_by"] = _("En budget kan inte ersätta sig själv.")
        if errors:
            raise ValidationError(errors)


class BudgetRevision(TimestampedModel):
    """One version of a budget's lines. A new revision starts as a copy of the previous one;
    earlier revisions are kept unchanged and stay readable."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("budget")
    )
    number = models.PositiveIntegerField(_("revision"))
    created_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kopierad från"),
    )
    note = models.CharField(_("anteckning"), max_length=500, blank=True)
    opening_balance = models.DecimalField(
        _("ingående balans första året"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_DECIMALS,
        default=0,
        help_text=_(
            "Ackumulerat överskott som förs in i budgetens första år. Varje revision har sin "
            "egen, så att tidigare revisioner behåller sina siffror."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["budget", "number"]
        verbose_name = _("budgetrevision")
        verbose_name_plural = _("budgetrevisioner")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "number"], name="budget_revision_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="budget_revision_number_gte_1"),
        ]

    def __str__(self) -> str:
        return _("Revision %(number)s") % {"number": self.number}


class BudgetLine(TimestampedModel):
    revision = models.ForeignKey(
        BudgetRevision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("revision")
    )
    position = models.PositiveIntegerField(_("ordning"))
    label = models.CharField(_("benämning"), max_length=300)
    kind = models.CharField(_("typ"), max_length=10, choices=LineKind.choices)
    category = models.CharField(
        _("kategori"), max_length=30, choices=LineCategory.choices, default=LineCategory.OTHER
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("beslut"),
        help_text=_("Beslutet bakom raden, om något."),
    )
    commission = models.ForeignKey(
        Commission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("uppdrag"),
        help_text=_("Uppdraget bakom raden, om något."),
    )
    reference = models.CharField(
        _("hänvisning"),
        max_length=200,
        blank=True,
        help_text=_("Fritext, t.ex. ”enligt ärende 2”."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "position"], name="budget_line_position_unique"
            ),
            models.UniqueConstraint(
                fields=["revision", "kind", "label"],
                name="budget_line_label_unique",
                violation_error_message=_(
                    "Det finns redan en rad med den benämningen och typen i revisionen."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class BudgetAmount(TimestampedModel):
    line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("rad")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(
        _("belopp (tkr)"), max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_DECIMALS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["line", "year"]
        verbose_name = _("belopp")
        verbose_name_plural = _("belopp")
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="budget_amount_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}: {self.amount}"


class ClosingCheck(TimestampedModel):
    """A closing balance that the source sheet itself states, to compare with the computed one."""

    revision = models.ForeignKey(
        BudgetRevision,
        on_delete=models.CASCADE,
        related_name="closing_checks",
        verbose_name=_("revision"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    stated_closing_balance = models.DecimalField(
        _("angiven utgående balans"), max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_DECIMALS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "year"]
        verbose_name = _("kontroll av utgående balans")
        verbose_name_plural = _("kontroller av utgående balans")
        constraints = [
            models.UniqueConstraint(fields=["revision", "year"], name="closing_check_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.stated_closing_balance}"
