"""Meetings of a group: agenda, attendance, guests, and the minutes with their approval."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.confidentiality import Confidential
from groups.models import Group, MembershipRole, Person, Region
from portal.models import TimestampedModel


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planerat")
    HELD = "held", _("Genomfört")
    CANCELLED = "cancelled", _("Inställt")


class Meeting(TimestampedModel):
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("grupp")
    )
    title = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. Sammanträde eller Nätverksmöte."),
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    video_link = models.URLField(_("videolänk"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notice = models.TextField(
        _("kallelsetext"),
        blank=True,
        help_text=_("Visas i kallelsen ovanför dagordningen, t.ex. anmälan av förhinder."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mötet kan inte sluta innan det börjar."),
            )
        ]
        indexes = [
            models.Index(fields=["group", "starts_at"]),
            # The meeting list of every readable group, newest or next first.
            models.Index(fields=["starts_at"], name="meeting_starts_at"),
            # The meeting list sorted by a column (selectors.meetings.MEETING_COLUMNS).
            models.Index(fields=["title", "-starts_at", "-id"], name="meeting_title_order"),
            models.Index(fields=["place", "-starts_at", "-id"], name="meeting_place_order"),
            models.Index(fields=["status", "-starts_at", "-id"], name="meeting_status_order"),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} {self.starts_at:%Y-%m-%d}"

    @property
    def display_title(self) -> str:
        return self.title or str(_("Möte"))

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Mötet kan inte sluta innan det börjar.")
        if not self.place and not self.video_link and self.status != MeetingStatus.CANCELLED:
            errors["place"] = _("Ange en plats, en videolänk eller båda.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() already reports the end-before-start case next to the field.
        exclude = set(exclude or ()) | {"ends_at"}
        super().validate_constraints(exclude=exclude)


class AgendaItem(Confidential, TimestampedModel):
    """One numbered item (ärende) on a meeting's agenda (dagordning)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("möte")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    presenter = models.CharField(_("föredragande"), max_length=200, blank=True)
    commission = models.ForeignKey(
        "governance.Commission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("uppdrag som behandlas"),
    )
    paragraph = models.PositiveIntegerField(
        _("paragraf (§)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "I ett protokoll: punktens § i organets serie för året, given när protokollet "
            "lämnas för justering. Ändras aldrig."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("punkt på dagordningen")
        verbose_name_plural = _("dagordning")
        constraints = [
            Confidential.confidentiality_constraint("agenda_item_confidential_has_ground"),
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique_per_meeting",
                violation_error_message=_("Det finns redan en punkt med det numret."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "paragraph"], name="agenda_item_paragraph_unique_per_meeting"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="agenda_item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        self.clean_confidentiality()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Närvarande")
    ABSENT = "absent", _("Frånvarande")
    SUBSTITUTED = "substituted", _("Ersatt av")


class AttendanceQuerySet(models.QuerySet):
    def voting(self) -> AttendanceQuerySet:
        """The seats that vote: members present with a vote, or a substitute serving for one."""
        return self.filter(
            status__in=[AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED], voting_right=True
        )


class Attendance(TimestampedModel):
    """A member's attendance at a meeting, with the role, region and voting right they held on
    the day. A substitute serving in the member's place takes the seat and its vote."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("möte")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person")
    )
    role = models.CharField(_("roll"), max_length=30, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("företräder region"),
    )
    status = models.CharField(_("närvaro"), max_length=20, choices=AttendanceStatus.choices)
    substitute_name = models.CharField(_("ersättare"), max_length=200, blank=True)
    voting_right = models.BooleanField(
        _("rösträtt"), default=True, help_text=_("Kopierad från medlemskapet på mötesdagen.")
    )
    history = HistoricalRecords()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "person__last_name", "person__first_name"]
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_one_per_person_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"

    @property
    def role_label(self) -> str:
        return MembershipRole(self.role).label if self.role in MembershipRole.values else self.role

    @property
    def seat_name(self) -> str:
        """Who sat in the seat: the member, or the substitute serving in their place."""
        if self.status == AttendanceStatus.SUBSTITUTED:
            return _("%(substitute)s (ersättare för %(member)s)") % {
                "substitute": self.substitute_name,
                "member": self.person.full_name,
            }
        return self.person.full_name

    @property
    def speaker_name(self) -> str:
        """The name of whoever spoke from the seat: "Erik Ersättare yrkar …"."""
        if self.status == AttendanceStatus.SUBSTITUTED:
            return self.substitute_name
        return self.person.full_name

    def clean(self) -> None:
        if self.status == AttendanceStatus.SUBSTITUTED and not self.substitute_name.strip():
            raise ValidationError(
                {"substitute_name": _("Ange vem som ersatte %(name)s.") % {"name": self.person}}
            )
        if self.status != AttendanceStatus.SUBSTITUTED and self.substitute_name:
            self.substitute_name = ""


class Guest(TimestampedModel):
    """Someone who attended without a seat: invited speakers, officials, observers."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="guests", verbose_name=_("möte")
    )
    name = models.CharField(_("namn"), max_length=200)
    affiliation = models.CharField(_("titel eller organisation"), max_length=200, blank=True)
    email = models.EmailField(
        _("e-postadress"), blank=True, help_text=_("Får kallelsen när den skickas.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "name"]
        verbose_name = _("gäst")
        verbose_name_plural = _("gäster")

    def __str__(self) -> str:
        return self.name


class MinutesKind(models.TextChoices):
    NOTES = "notes", _("Minnesanteckningar")
    PROTOCOL = "protocol", _("Protokoll")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Lämnat för justering")
    APPROVED = "approved", _("Justerat")


class Minutes(TimestampedModel):
    """The minutes of one meeting, written per agenda item and approved (justerat)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("möte")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=MinutesKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    chair = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordförande"),
    )
    secretary = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sekreterare"),
    )
    adjusters = models.ManyToManyField(
        Person,
        through="MinutesAdjuster",
        related_name="adjusted_minutes",
        blank=True,
        verbose_name=_("justerare"),
    )
    general_notes = models.TextField(
        _("inledande anteckningar"), blank=True, help_text=_("T.ex. mötets öppnande.")
    )
    approval_place = models.CharField(_("plats för justering"), max_length=200, blank=True)
    approval_date = models.DateField(_("dag för justering"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("lämnat för justering"), null=True, blank=True)
    approved_at = models.DateTimeField(_("justerat"), null=True, blank=True)
    announced_on = models.DateField(
        _("justeringen tillkännagiven"),
        null=True,
        blank=True,
        help_text=_(
            "Dagen då justeringen tillkännagavs, för en nämnd på anslagstavlan: "
            "överklagandetiden räknas från den dagen."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.meeting}"


class MinutesAdjuster(TimestampedModel):
    """Naming of an adjuster (justerare): "Till justerare valdes …"."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="adjuster_links",
        verbose_name=_("protokoll"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("justerare")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "person__last_name"]
        verbose_name = _("justerare")
        verbose_name_plural = _("justerare")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="minutes_adjuster_unique")
        ]

    def __str__(self) -> str:
        return str(self.person)


class MinutesItemNote(TimestampedModel):
    """What was said and done under one agenda item."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="item_notes", verbose_name=_("protokoll")
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="note", verbose_name=_("punkt")
    )
    text = models.TextField(_("anteckning"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item__number"]
        verbose_name = _("anteckning till punkt")
        verbose_name_plural = _("anteckningar till punkter")

    def __str__(self) -> str:
        return f"{self.agenda_item}"


class ApproverRole(models.TextChoices):
    CHAIR = "chair", _("Ordförande")
    ADJUSTER = "adjuster", _("Justerare")


class MinutesApproval(TimestampedModel):
    """One approver's approval (justering), with who clicked and when."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("protokoll")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("justerat av")
    )
    role = models.CharField(_("i egenskap av"), max_length=20, choices=ApproverRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrerat av användare"),
        help_text=_("Tomt när justeringen lästes in av systemet (t.ex. demodata)."),
    )
    approved_at = models.DateTimeField(_("tidpunkt"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "approved_at"]
        verbose_name = _("justering")
        verbose_name_plural = _("justeringar")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="minutes_approval_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.approved_at:%Y-%m-%d %H:%M}"

    @property
    def on_paper(self) -> bool:
        """Registered by someone else (an administrator) after a signature on paper."""
        return self.user_id is None or self.user_id != self.person.user_id


class MinutesCorrection(TimestampedModel):
    """A correction (rättelse) of approved minutes: never a silent edit."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("protokoll")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("gäller punkt"),
    )
    text = models.TextField(_("rättelse"))
    reason = models.TextField(_("skäl"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gjord av"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "created_at"]
        verbose_name = _("rättelse")
        verbose_name_plural = _("rättelser")

    def __str__(self) -> str:
        return self.text[:60]
