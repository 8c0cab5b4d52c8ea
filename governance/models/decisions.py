"""Decisions (beslut) of a body: § numbered per body and year, with their att-clauses."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.confidentiality import Confidential
from governance.models.meetings import AgendaItem, Meeting
from groups.models import Group, Person
from portal.models import TimestampedModel

# Letters and digits in parts separated by /, - or a space, with a four-digit year as one part:
# RS/1009/2017, RVN 2018/12, SRVN-2019-0045.
REGISTRY_NUMBER_RE = re.compile(
    r"^(?=.*(?<![0-9])(19|20)[0-9]{2}(?![0-9]))[0-9A-Za-zÅÄÖåäöÉé]+(?:[/\- ][0-9A-Za-zÅÄÖåäöÉé]+)*$"
)
registry_number_validator = RegexValidator(
    REGISTRY_NUMBER_RE,
    _(
        "Diarienumret ska bestå av bokstäver och siffror åtskilda av /, - eller mellanslag och "
        "innehålla ett fyrsiffrigt år, t.ex. RS/1009/2017 eller RVN 2018/12."
    ),
)
CLAUSE_PREFIX = "att "


class DecisionStatus(models.TextChoices):
    """The outcome of an item. Only DECIDED needs att-clauses; the others are printed as what
    they are ("… beslutar att bordlägga ärendet", "Ärendet återtas."), see
    governance.selectors.paragraphs."""

    PROPOSED = "proposed", _("Förslag")
    DECIDED = "decided", _("Beslutat")
    DEFERRED = "deferred", _("Bordlagt")
    REFERRED_BACK = "referred_back", _("Återremitterat")
    REJECTED = "rejected", _("Avslaget")
    WITHDRAWN = "withdrawn", _("Återtaget")


class Decision(Confidential, TimestampedModel):
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
        _("diarienummer"),
        max_length=50,
        blank=True,
        help_text=_("T.ex. RS/1009/2017."),
        validators=[registry_number_validator],
    )
    title = models.CharField(_("ärende"), max_length=300)
    case_description = models.TextField(_("ärendebeskrivning"), blank=True)
    proposal = models.TextField(_("beslutsförslag"), blank=True)
    proposed_by = models.CharField(_("förslag av"), max_length=200, blank=True)
    motivation = models.TextField(
        _("motivering"),
        blank=True,
        help_text=_(
            "T.ex. varför ärendet bordläggs eller återremitteras; skrivs ut under beslutet."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("möte"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("punkt på dagordningen"),
    )
    distribution = models.TextField(
        _("utdrag till"), blank=True, help_text=_("En mottagare per rad.")
    )
    certified_by = models.CharField(
        _("rätt utdraget intygar"),
        max_length=200,
        blank=True,
        help_text=_("Sekreterarens namn på protokollsutdraget."),
    )
    responsible = models.CharField(_("ansvarig för verkställighet"), max_length=200, blank=True)
    due_date = models.DateField(_("ska vara verkställt"), null=True, blank=True)
    execution_done = models.BooleanField(_("verkställt"), default=False)
    execution_note = models.TextField(_("kommentar om verkställighet"), blank=True)
    immediately_approved_at = models.DateTimeField(_("omedelbart justerat"), null=True, blank=True)
    immediately_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("omedelbart justerat av"),
    )
    concerned_commissions = models.ManyToManyField(
        "governance.Commission",
        blank=True,
        related_name="concerning_decisions",
        verbose_name=_("berörda uppdrag"),
    )
    history = HistoricalRecords(m2m_fields=["concerned_commissions"])

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        # The register's order (governance.selectors.decisions.REGISTER_ORDER), so a page of it
        # is read from the index without sorting every decision.
        indexes = [
            models.Index(fields=["-year", "body", "-number"], name="decision_register_order"),
            # The dashboard's latest decided decisions.
            models.Index(
                fields=["status", "-decision_date", "-number"], name="decision_status_date"
            ),
            # The register sorted by a column (selectors.decisions.REGISTER_COLUMNS), either
            # way (a backward scan), each with the tie-breaker so a page is read, not sorted.
            models.Index(fields=["title", "id"], name="decision_title_order"),
            models.Index(fields=["registry_number", "id"], name="decision_registry_order"),
            models.Index(fields=["decision_date", "id"], name="decision_date_order"),
        ]
        constraints = [
            Confidential.confidentiality_constraint("decision_confidential_has_ground"),
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="decision_paragraph_unique_per_body_year"
            ),
            # Case-insensitive like clean(): "rs/1009/2017" is the same number as "RS/1009/2017".
            models.UniqueConstraint(
                "body",
                Lower("registry_number"),
                condition=~Q(registry_number=""),
                name="decision_registry_number_unique_per_body",
            ),
        ]

    def __str__(self) -> str:
        paragraph = f"§ {self.number} " if self.number else ""
        return f"{paragraph}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:decision_detail", args=[self.pk])

    @property
    def distribution_list(self) -> list[str]:
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]

    def clean(self) -> None:
        self.clean_confidentiality()
        errors = {}
        if self.registry_number:
            self.registry_number = " ".join(self.registry_number.split())
            duplicate = Decision.objects.filter(
                body_id=self.body_id, registry_number__iexact=self.registry_number
            ).exclude(pk=self.pk)
            if self.body_id and duplicate.exists():
                errors["registry_number"] = _(
                    "Diarienumret %(number)s används redan för ett annat beslut i %(body)s."
                ) % {"number": self.registry_number, "body": self.body}
        if self.meeting_id and self.body_id and self.meeting.group_id != self.body_id:
            errors["meeting"] = _("Mötet hör till en annan grupp än det beslutande organet.")
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("Punkten hör inte till det valda mötet.")
        if self.year and not 1900 <= self.year <= 2200:
            errors["year"] = _("Ange ett rimligt år.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() reports a duplicate diarienummer next to its field, in words a person reads.
        exclude = set(exclude or ()) | {"registry_number"}
        super().validate_constraints(exclude=exclude)


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

    def clean(self) -> None:
        if not self.text.strip().lower().startswith(CLAUSE_PREFIX):
            raise ValidationError({"text": _("En beslutssats ska börja med ”att …”.")})


class Reservation(TimestampedModel):
    """A member's recorded dissent against a decision, shown in the minutes and the extract.

    At a meeting it names the seat (attendance) through which the member took part, so a
    serving substitute, who is known by name only, can reserve too; a decision recorded on its
    own names the member (person)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="reservations", verbose_name=_("beslut")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ledamot"),
    )
    attendance = models.ForeignKey(
        "governance.Attendance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reservations",
        verbose_name=_("tjänstgörande vid mötet"),
    )
    text = models.TextField(
        _("reservation"), blank=True, help_text=_("Motivering, om ledamoten lämnade någon.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "created_at"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservationer")
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], name="reservation_once"),
            models.UniqueConstraint(
                fields=["decision", "attendance"], name="reservation_once_per_seat"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(attendance__isnull=False),
                name="reservation_names_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.attendance_id:
            return self.attendance.seat_name
        return self.person.full_name if self.person_id else ""


class ParagraphCounter(models.Model):
    """The last § given out per body and year. Locked row by row while a number is taken, so
    two secretaries saving at once get consecutive numbers. Derived state: no history."""

    body = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="paragraph_counter_per_body_year")
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last_number}"
