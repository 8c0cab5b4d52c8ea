"""Healthcare regions, regions, groups, people and memberships: who collaborates, and how."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from portal.models import TimestampedModel


class HealthcareRegion(TimestampedModel):
    """A sjukvårdsregion: several regions that collaborate (Södra, Sydöstra, …)."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    # Database defaults on the fields added later: code at an older migration can still insert.
    short_name = models.CharField(
        _("kort namn"),
        max_length=40,
        blank=True,
        default="",
        db_default="",
        help_text=_("Namnet i listor och val, t.ex. Södra."),
    )
    slug = models.SlugField(
        _("adressnamn"),
        max_length=40,
        unique=True,
        help_text=_("Små bokstäver utan å, ä, ö, t.ex. sodra. Används i sidornas adresser."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sjukvårdsregion")
        verbose_name_plural = _("sjukvårdsregioner")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The short name lists add after a group's name: "RPO Akutvård (Södra)"."""
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:coverage", args=[self.slug])


class Region(TimestampedModel):
    """A member organisation (region, formerly landsting) of a healthcare region."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    code = models.CharField(
        _("kod"),
        max_length=10,
        unique=True,
        help_text=_("Kort kod, t.ex. RKL för Region Kalmar län."),
    )
    county_code = models.CharField(
        _("länskod"),
        max_length=2,
        blank=True,
        default="",
        db_default="",
        validators=[RegexValidator(r"^\d{2}$", _("Länskoden är två siffror, t.ex. 08."))],
        help_text=_(
            "SCB:s tvåsiffriga länskod, t.ex. 08 för Kalmar län. Används vid import av folkmängd."
        ),
    )
    healthcare_region = models.ForeignKey(
        HealthcareRegion,
        on_delete=models.PROTECT,
        related_name="regions",
        verbose_name=_("sjukvårdsregion"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        constraints = [
            models.UniqueConstraint(
                fields=["county_code"],
                condition=~Q(county_code=""),
                name="region_county_code_unique",
                violation_error_message=_("Det finns redan en region med den länskoden."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RegionPopulation(TimestampedModel):
    """Population of a region in a year: the key for sharing costs between regions."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="populations", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    population = models.PositiveIntegerField(_("folkmängd"))
    source = models.CharField(
        _("källa"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. SCB 31 december, eller demovärde."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["region__name", "year"]
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängder")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="population_one_per_region_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2200), name="population_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.population}"


class GroupKind(models.TextChoices):
    COMMITTEE = "committee", _("Nämnd")
    POLITICAL_STEERING = "political_steering", _("Politisk styrgrupp")
    OFFICIAL_STEERING = "official_steering", _("Tjänstemannastyrgrupp")
    MANAGEMENT = "management", _("Ledningsgrupp")
    RPO = "rpo", _("Regionalt programområde (RPO)")
    RAG = "rag", _("Regional arbetsgrupp (RAG)")
    RSG = "rsg", _("Regional samverkansgrupp (RSG)")
    HEADS_COUNCIL = "heads_council", _("Chefsamråd")
    PROJECT = "project", _("Projekt")
    SUBPROJECT = "subproject", _("Delprojekt")
    PROJECT_GROUP = "project_group", _("Projektgrupp")
    COORDINATION_GROUP = "coordination_group", _("Samordningsgrupp")
    REFERENCE_GROUP = "reference_group", _("Referensgrupp")
    WORKING_GROUP = "working_group", _("Arbetsgrupp")
    COUNCIL = "council", _("Råd")
    TEAM = "team", _("Team")
    SECRETARIAT = "secretariat", _("Kansli")


# Political bodies whose formal protokoll are announced on a notice board unless a group says
# otherwise (Group.notice_board): the committees (nämnder), whose decisions can be appealed.
NOTICE_BOARD_KINDS = frozenset({"committee"})


class NoticeBoardChoice(models.TextChoices):
    BY_KIND = "", _("Enligt grupptyp (nämnder har en anslagstavla)")
    YES = "yes", _("Ja, protokollen anslås")
    NO = "no", _("Nej")


def keeps_notice_board_q(prefix: str = "") -> Q:
    """The groups that keep a notice board, as a filter (prefix e.g. "meeting__group__")."""
    return Q(**{f"{prefix}notice_board": NoticeBoardChoice.YES}) | Q(
        **{
            f"{prefix}notice_board": NoticeBoardChoice.BY_KIND,
            f"{prefix}kind__in": NOTICE_BOARD_KINDS,
        }
    )


class GroupStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    ACTIVE = "active", _("Aktiv")
    DORMANT = "dormant", _("Vilande")
    CLOSED = "closed", _("Avslutad")


class HostingKind(models.TextChoices):
    """How a group is hosted (seed 004, Bilaga 1, writes both words)."""

    HOSTING = "hosting", _("Värdskap")
    CARE = "care", _("Vårdskap")


class Group(TimestampedModel):
    """Every collaboration happens in a group: a committee, an RPO, a RAG, a project, a team…"""

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=30, choices=GroupKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad grupp"),
    )
    healthcare_region = models.ForeignKey(
        HealthcareRegion,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("sjukvårdsregion"),
    )
    host_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_groups",
        verbose_name=_("värdregion"),
        help_text=_(
            "Regionen som har värdskapet eller vårdskapet. Lämna tomt för vårdskap som hela "
            "sjukvårdsregionen har."
        ),
    )
    hosting_kind = models.CharField(
        _("typ av värdskap"),
        max_length=20,
        choices=HostingKind.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_(
            "Värdskap: en region är värd för gruppen. Vårdskap: sjukvårdsregionen (eller en "
            "region i den) håller i programområdet nationellt."
        ),
    )
    is_national = models.BooleanField(
        _("nationell grupp"),
        default=False,
        db_default=False,
        help_text=_(
            "En nationell grupp har medlemmar från hela landet, och grupper i alla "
            "sjukvårdsregioner kan ligga under den. Sjukvårdsregionen är den som håller i den."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    description = models.TextField(_("kort beskrivning"), blank=True, max_length=2000)
    contact_email = models.EmailField(_("kontaktadress"), blank=True)
    notice_board = models.CharField(
        _("anslagstavla"),
        max_length=10,
        choices=NoticeBoardChoice.choices,
        blank=True,
        default=NoticeBoardChoice.BY_KIND,
        db_default=NoticeBoardChoice.BY_KIND,
        help_text=_(
            "Om justeringen av gruppens protokoll tillkännages på den offentliga anslagstavlan."
        ),
    )
    minutes_kept_at = models.CharField(
        _("protokollet förvaras"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text=_("Var protokollen finns att läsa, t.ex. Regionvårdsnämndens kansli, Lund."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("grupp")
        verbose_name_plural = _("grupper")
        permissions = [
            ("manage_meetings", _("Kan hantera gruppens möten")),
            ("manage_minutes", _("Kan hantera gruppens minnesanteckningar och protokoll")),
            ("manage_decisions", _("Kan hantera gruppens beslut")),
            ("view_internal", _("Kan se gruppens icke-publika material")),
            ("manage_finances", _("Kan hantera gruppens budgetar")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="group_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="group_not_own_parent"
            ),
            models.UniqueConstraint(
                fields=["healthcare_region", "name"],
                name="group_name_unique_per_healthcare_region",
                violation_error_message=_(
                    "Det finns redan en grupp med det namnet i sjukvårdsregionen."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status"]),
            # Lists sorted by a group's name (the register's "Organ", the meetings' "Grupp")
            # walk this index instead of sorting every joined row.
            models.Index(fields=["name", "id"], name="group_name_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatum kan inte vara före startdatum.")
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                errors["parent"] = _("En grupp kan inte vara överordnad sig själv.")
            elif self.pk and self.pk in self._ancestor_ids(self.parent_id):
                errors["parent"] = _(
                    "Gruppen kan inte placeras under en av sina egna undergrupper."
                )
        if "parent" not in errors and self.parent_id and self.healthcare_region_id:
            parent = self.parent
            if not parent.is_national and parent.healthcare_region_id != self.healthcare_region_id:
                errors["parent"] = _(
                    "Den överordnade gruppen hör till %(parent_region)s. En grupp kan bara ligga "
                    "under en grupp i den egna sjukvårdsregionen, eller under en nationell grupp."
                ) % {"parent_region": parent.healthcare_region.name}
        if self.pk and self.healthcare_region_id and not self.is_national:
            strays = (
                Group.objects.filter(parent_id=self.pk)
                .exclude(healthcare_region_id=self.healthcare_region_id)
                .order_by("name")
                .values_list("name", flat=True)
            )
            if strays:
                errors["healthcare_region"] = _(
                    "Undergrupperna %(names)s hör till en annan sjukvårdsregion. Flytta dem "
                    "först, eller markera gruppen som nationell."
                ) % {"names": ", ".join(f"”{name}”" for name in strays)}
        errors.update(self._hosting_errors())
        if errors:
            raise ValidationError(errors)

    def _hosting_errors(self) -> dict[str, str]:
        if self.hosting_kind == HostingKind.HOSTING and not self.host_region_id:
            return {"host_region": _("Välj regionen som har värdskapet.")}
        if self.host_region_id and not self.hosting_kind:
            return {"hosting_kind": _("Välj om regionen har värdskap eller vårdskap.")}
        if (
            self.host_region_id
            and self.healthcare_region_id
            and not self.is_national
            and self.host_region.healthcare_region_id != self.healthcare_region_id
        ):
            return {"host_region": _("Värdregionen måste höra till gruppens sjukvårdsregion.")}
        return {}

    @property
    def hosting_label(self) -> str:
        """E.g. "Värdskap: Region Östergötland", "Vårdskap: Södra sjukvårdsregionen (vilande)"."""
        kind = self.hosting_kind or (HostingKind.HOSTING if self.host_region_id else "")
        if not kind:
            return ""
        host = self.host_region.name if self.host_region_id else self.healthcare_region.name
        text = f"{HostingKind(kind).label}: {host}"
        if self.status == GroupStatus.DORMANT:
            text += " (" + str(_("vilande")) + ")"
        return text

    @property
    def keeps_notice_board(self) -> bool:
        if self.notice_board == NoticeBoardChoice.BY_KIND:
            return self.kind in NOTICE_BOARD_KINDS
        return self.notice_board == NoticeBoardChoice.YES

    @property
    def choice_label(self) -> str:
        """The group's name with where it belongs, for choices where names repeat."""
        where = _("nationell") if self.is_national else self.healthcare_region.label
        return f"{self.name} ({where})"

    @staticmethod
    def _ancestor_ids(group_id: int) -> set[int]:
        """The ids of a group and all its ancestors (one query per level; trees are shallow)."""
        seen: set[int] = set()
        current: int | None = group_id
        while current is not None and current not in seen:
            seen.add(current)
            current = Group.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        return seen


class GroupUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key object permissions for users (guardian's fast path)."""

    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)


class GroupGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)


class Person(TimestampedModel):
    """Someone who sits in groups. A login (user account) is optional."""

    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    title = models.CharField(_("titel/yrke"), max_length=200, blank=True)
    employer = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("arbetsgivare"),
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("användarkonto"),
    )
    # Set when the personal fields were pseudonymised under the GDPR (docs/gdpr.md).
    erased_at = models.DateTimeField(
        _("personuppgifter raderade"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name_order"),
            # The people list sorted by title (?sortera=titel) reads a page from the index.
            models.Index(fields=["title", "last_name", "first_name"], name="person_title_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="person_email_unique",
                violation_error_message=_("Det finns redan en person med den e-postadressen."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("groups:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Ordförande")
    VICE_CHAIR = "vice_chair", _("Vice ordförande")
    CONVENER = "convener", _("Sammankallande")
    MEMBER = "member", _("Ledamot")
    SUBSTITUTE = "substitute", _("Ersättare")
    CO_OPTED = "co_opted", _("Adjungerad")
    SECRETARY = "secretary", _("Sekreterare")
    PROCESS_LEADER = "process_leader", _("Processledare")
    PATIENT_REPRESENTATIVE = "patient_representative", _("Patientrepresentant")


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class Membership(TimestampedModel):
    """A person's seat in a group, representing a region, for a term. Ended, never deleted."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("grupp")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("företräder region"),
        help_text=_("Regionen personen företräder i gruppen."),
    )
    role = models.CharField(_("roll"), max_length=30, choices=MembershipRole.choices)
    start_date = models.DateField(_("från"))
    end_date = models.DateField(
        _("till"), null=True, blank=True, help_text=_("Sista dagen i uppdraget.")
    )
    voting_right = models.BooleanField(_("rösträtt"), default=True)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group__name", "start_date"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            # The open-ended chair is unique in the database; dated overlaps are checked in clean()
            # and, on PostgreSQL, by the exclusion constraint added in a migration.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", end_date__isnull=True),
                name="membership_one_open_chair_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.group}"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatum kan inte vara före startdatum.")
        if (
            self.region_id
            and self.group_id
            and not self.group.is_national
            and self.region.healthcare_region_id != self.group.healthcare_region_id
        ):
            errors["region"] = _("Regionen hör inte till gruppens sjukvårdsregion.")
        if not errors and self.person_id and self.group_id and self.start_date:
            overlapping = self._overlapping(Membership.objects.filter(person_id=self.person_id))
            if overlapping.exists():
                errors["start_date"] = _(
                    "Personen har redan ett medlemskap i gruppen under den här perioden."
                )
            if self.role == MembershipRole.CHAIR:
                chairs = self._overlapping(Membership.objects.filter(role=MembershipRole.CHAIR))
                if chairs.exists():
                    errors["role"] = _(
                        "Gruppen har redan en ordförande under den här perioden. "
                        "Avsluta det uppdraget först."
                    )
        if errors:
            raise ValidationError(errors)

    def _overlapping(self, queryset: models.QuerySet) -> models.QuerySet:
        queryset = queryset.filter(group_id=self.group_id).exclude(pk=self.pk)
        queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if self.end_date:
            queryset = queryset.filter(start_date__lte=self.end_date)
        return queryset


class AdministratorChange(models.Model):
    """Who gave or took away someone's administrator rights, when and why.

    Membership of the Django group "Administratörer" has no history of its own; this log is
    written in the same transaction as the change (groups.services.administrator_grant/revoke).
    """

    class Action(models.TextChoices):
        GRANTED = "granted", _("Blev administratör")
        REVOKED = "revoked", _("Slutade vara administratör")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="administrator_changes",
        verbose_name=_("användare"),
    )
    action = models.CharField(_("ändring"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    reason = models.CharField(_("anledning"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ändring av administratörer")
        verbose_name_plural = _("ändringar av administratörer")

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display().lower()}"
