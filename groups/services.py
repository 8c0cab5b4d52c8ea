"""Writes for the organisation. Every change goes through here, with its audit row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.models import Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from groups.models import (
    AdministratorChange,
    Group,
    GroupUserObjectPermission,
    HealthcareRegion,
    Membership,
    Person,
    Region,
    RegionPopulation,
)
from groups.permissions import SYNCED_PERMISSIONS, permissions_for_role
from portal import events, gdpr
from portal.access import ADMINISTRATORS_GROUP
from portal.history import save_with_history

User = get_user_model()

GROUP_FIELDS = (
    "name",
    "kind",
    "parent",
    "healthcare_region",
    "host_region",
    "hosting_kind",
    "is_national",
    "status",
    "notice_board",
    "minutes_kept_at",
    "start_date",
    "end_date",
    "description",
    "contact_email",
)
PERSON_FIELDS = ("first_name", "last_name", "title", "employer", "email", "phone")


@transaction.atomic
def group_create(*, actor, reason: str = "", **fields) -> Group:
    group = Group(**{name: fields[name] for name in GROUP_FIELDS if name in fields})
    return save_with_history(group, actor=actor, reason=reason or _("Grupp skapad"))


@transaction.atomic
def group_update(*, actor, group: Group, reason: str = "", **fields) -> Group:
    for name in GROUP_FIELDS:
        if name in fields:
            setattr(group, name, fields[name])
    return save_with_history(group, actor=actor, reason=reason or _("Grupp ändrad"))


@transaction.atomic
def person_create(*, actor, reason: str = "", **fields) -> Person:
    person = Person(**{name: fields[name] for name in PERSON_FIELDS if name in fields})
    return save_with_history(person, actor=actor, reason=reason or _("Person skapad"))


@transaction.atomic
def person_update(*, actor, person: Person, reason: str = "", **fields) -> Person:
    for name in PERSON_FIELDS:
        if name in fields:
            setattr(person, name, fields[name])
    save_with_history(person, actor=actor, reason=reason or _("Person ändrad"))
    if person.user_id:
        _copy_person_to_user(person)
    return person


@transaction.atomic
def membership_start(
    *,
    actor,
    person: Person,
    group: Group,
    role: str,
    start_date: datetime.date,
    region=None,
    end_date: datetime.date | None = None,
    voting_right: bool = True,
    note: str = "",
    reason: str = "",
) -> Membership:
    # Serialise membership changes per group so the overlap and chair checks see each other.
    Group.objects.select_for_update().filter(pk=group.pk).first()
    membership = Membership(
        person=person,
        group=group,
        role=role,
        start_date=start_date,
        end_date=end_date,
        region=region,
        voting_right=voting_right,
        note=note,
    )
    save_with_history(membership, actor=actor, reason=reason or _("Medlemskap påbörjat"))
    group_permissions_sync(group=group)
    return membership


@dataclass(frozen=True)
class NewPerson:
    """A person typed into the add-member form, created together with their membership."""

    first_name: str
    last_name: str
    title: str = ""
    email: str = ""


@transaction.atomic
def membership_add(
    *,
    actor,
    group: Group,
    person: Person | None,
    new_person: NewPerson | None,
    role: str,
    region: Region,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    voting_right: bool = True,
    note: str = "",
) -> Membership:
    """Add a member: an existing person, or a new one (employed by the region they represent)
    created in the same transaction, so a refused membership leaves no stray person."""
    if person is None:
        if new_person is None:
            raise ValidationError(_("Välj en befintlig person eller fyll i en ny."))
        person = person_create(
            actor=actor,
            first_name=new_person.first_name,
            last_name=new_person.last_name,
            title=new_person.title,
            email=new_person.email,
            employer=region,
        )
    return membership_start(
        actor=actor,
        person=person,
        group=group,
        role=role,
        region=region,
        start_date=start_date,
        end_date=end_date,
        voting_right=voting_right,
        note=note,
    )


@transaction.atomic
def membership_end(
    *, actor, membership: Membership, end_date: datetime.date, reason: str = ""
) -> Membership:
    if membership.end_date and membership.end_date < end_date:
        raise ValidationError(
            {
                "end_date": _("Medlemskapet har redan avslutats %(date)s.")
                % {"date": membership.end_date}
            }
        )
    membership.end_date = end_date
    save_with_history(membership, actor=actor, reason=reason or _("Medlemskap avslutat"))
    group_permissions_sync(group=membership.group)
    return membership


@transaction.atomic
def group_permissions_sync(
    *, group: Group | None = None, today: datetime.date | None = None
) -> dict[str, int]:
    """Bring guardian's object permissions in step with the memberships current today.

    The one place that grants and revokes group rights. Called after every membership change
    and daily by `manage.py sync_group_permissions`, so a term that starts or ends on a date
    gives or loses its rights on that date without anyone doing anything by hand.
    """
    today = today or timezone.localdate()
    memberships = Membership.objects.current(today).filter(person__user__is_active=True)
    existing = GroupUserObjectPermission.objects.filter(
        permission__codename__in=SYNCED_PERMISSIONS,
        permission__content_type__app_label="groups",
    )
    if group is not None:
        memberships = memberships.filter(group=group)
        existing = existing.filter(content_object=group)

    wanted: set[tuple[int, int, str]] = set()
    for user_id, group_id, role in memberships.values_list("person__user_id", "group_id", "role"):
        for codename in permissions_for_role(role):
            wanted.add((user_id, group_id, codename))

    have = {
        (row.user_id, row.content_object_id, row.permission.codename): row.pk
        for row in existing.select_related("permission")
    }
    to_remove = [pk for key, pk in have.items() if key not in wanted]
    to_add = wanted - have.keys()
    if to_remove:
        GroupUserObjectPermission.objects.filter(pk__in=to_remove).delete()
    if to_add:
        permissions = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label="groups", codename__in=SYNCED_PERMISSIONS
            )
        }
        GroupUserObjectPermission.objects.bulk_create(
            GroupUserObjectPermission(
                user_id=user_id, content_object_id=group_id, permission=permissions[codename]
            )
            for user_id, group_id, codename in sorted(to_add)
        )
    return {"granted": len(to_add), "revoked": len(to_remove)}


def _username_for(person: Person) -> str:
    base = (person.email.split("@")[0] if person.email else person.full_name).lower()
    base = "".join(ch for ch in base if ch.isalnum() or ch in "._-")[:140] or "person"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _copy_person_to_user(person: Person) -> None:
    user = person.user
    user.first_name, user.last_name, user.email = person.first_name, person.last_name, person.email
    user.save(update_fields=["first_name", "last_name", "email"])


@transaction.atomic
def person_invite(*, actor, person: Person, base_url: str) -> User:
    """Give a person a login: an account without password and a one-time link to set one."""
    if not person.email:
        raise ValidationError(_("Personen saknar e-postadress. Lägg till en innan du bjuder in."))
    if person.user_id and person.user.is_active and person.user.has_usable_password():
        raise ValidationError(_("Personen har redan en aktiv inloggning."))
    user = person.user
    if user is None:
        if User.objects.filter(email__iexact=person.email).exclude(person=person).exists():
            raise ValidationError(_("E-postadressen används redan av ett annat användarkonto."))
        user = User(username=_username_for(person))
        user.set_unusable_password()
    user.is_active = True
    user.first_name, user.last_name, user.email = person.first_name, person.last_name, person.email
    user.save()
    if person.user_id != user.pk:
        person.user = user
        save_with_history(person, actor=actor, reason=_("Inloggning skapad"))
    group_permissions_sync()
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url.rstrip("/") + reverse("account_activate", args=[uid, token])
    context = {"person": person, "link": link, "username": user.username}
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Inbjudan till Samverkansportalen"),
            message=render_to_string("groups/email/invitation.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
    )
    return user


@transaction.atomic
def person_deactivate_login(*, actor, person: Person) -> None:
    """Stop a person's login. The person, memberships and history all stay."""
    if not person.user_id:
        raise ValidationError(_("Personen har ingen inloggning."))
    user = person.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    # The person's own fields stay; the history row is the record of the login ending.
    save_with_history(person, actor=actor, reason=_("Inloggning avaktiverad"), parts_changed=True)
    group_permissions_sync()


# --- administration: healthcare regions, regions, populations, administrators -------------


@transaction.atomic
def healthcare_region_save(
    *,
    actor,
    healthcare_region: HealthcareRegion | None = None,
    name: str,
    short_name: str,
    slug: str,
) -> HealthcareRegion:
    """Create a healthcare region (when none is given) or change one."""
    creating = healthcare_region is None
    healthcare_region = healthcare_region or HealthcareRegion()
    healthcare_region.name = name.strip()
    healthcare_region.short_name = short_name.strip()
    healthcare_region.slug = slug.strip()
    return save_with_history(
        healthcare_region,
        actor=actor,
        reason=_("Sjukvårdsregion skapad") if creating else _("Sjukvårdsregion ändrad"),
    )


@transaction.atomic
def region_save(
    *,
    actor,
    region: Region | None = None,
    name: str,
    code: str,
    county_code: str,
    healthcare_region: HealthcareRegion,
) -> Region:
    """Create a region (when none is given) or change one. A region that has members or
    groups in its healthcare region cannot move to another one: they would sit outside it."""
    creating = region is None
    region = region or Region()
    # Compare with what is stored: a model form has already put the new value on the object.
    stored = (
        None
        if creating
        else Region.objects.filter(pk=region.pk).values_list("healthcare_region", flat=True)[0]
    )
    if (
        stored is not None
        and stored != healthcare_region.pk
        and (
            region.memberships.exclude(group__is_national=True).exists()
            or region.hosted_groups.exclude(is_national=True).exists()
        )
    ):
        raise ValidationError(
            {
                "healthcare_region": _(
                    "Regionen har medlemmar eller värdskap i grupper i %(current)s och kan "
                    "inte flyttas. Avsluta dem först."
                )
                % {"current": HealthcareRegion.objects.get(pk=stored).name}
            }
        )
    region.name = name.strip()
    region.code = code.strip()
    region.county_code = county_code.strip()
    region.healthcare_region = healthcare_region
    return save_with_history(
        region, actor=actor, reason=_("Region skapad") if creating else _("Region ändrad")
    )


@dataclass(frozen=True)
class PopulationInput:
    region: Region
    year: int
    population: int


@transaction.atomic
def populations_save(
    *, actor, figures: list[PopulationInput], source: str, reason: str = ""
) -> dict[str, int]:
    """Set the population of regions in years (new figures added, existing ones replaced),
    all or nothing. Figures equal to the stored ones are left alone."""
    regions = {figure.region.pk for figure in figures}
    years = {figure.year for figure in figures}
    existing = {
        (row.region_id, row.year): row
        for row in RegionPopulation.objects.select_for_update().filter(
            region_id__in=regions, year__in=years
        )
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    reason = reason or _("Import av folkmängd")
    for figure in figures:
        row = existing.get((figure.region.pk, figure.year))
        if row is None:
            row = RegionPopulation(region=figure.region, year=figure.year)
            counts["created"] += 1
        elif row.population == figure.population and row.source == source:
            counts["unchanged"] += 1
            continue
        else:
            counts["updated"] += 1
        row.population = figure.population
        row.source = source
        save_with_history(row, actor=actor, reason=reason)
    return counts


def administrators_group() -> AuthGroup:
    group, _created = AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    return group


def _other_administrators(group: AuthGroup, user) -> int:
    """Active administrators other than `user`: group members and superusers."""
    return (
        User.objects.filter(is_active=True)
        .filter(models.Q(groups=group) | models.Q(is_superuser=True))
        .exclude(pk=user.pk)
        .distinct()
        .count()
    )


@transaction.atomic
def administrator_grant(*, actor, user, reason: str = "") -> AdministratorChange:
    """Make a user an administrator (member of the Django group "Administratörer")."""
    group = administrators_group()
    AuthGroup.objects.select_for_update().filter(pk=group.pk).first()
    if not user.is_active:
        raise ValidationError(
            {"user": _("Kontot är avaktiverat. Bjud in personen igen innan du ger behörighet.")}
        )
    if user.groups.filter(pk=group.pk).exists():
        raise ValidationError({"user": _("%(name)s är redan administratör.") % _named(user)})
    user.groups.add(group)
    return AdministratorChange.objects.create(
        user=user, action=AdministratorChange.Action.GRANTED, actor=actor, reason=reason.strip()
    )


@transaction.atomic
def administrator_revoke(*, actor, user, reason: str = "") -> AdministratorChange:
    """Take a user's administrator rights away; never the last administrator's."""
    group = administrators_group()
    # One revocation at a time: two administrators removing each other must not leave none.
    AuthGroup.objects.select_for_update().filter(pk=group.pk).first()
    if not user.groups.filter(pk=group.pk).exists():
        raise ValidationError(_("%(name)s är inte administratör.") % _named(user))
    if _other_administrators(group, user) == 0:
        raise ValidationError(
            _(
                "%(name)s är den enda administratören. Gör någon annan till administratör "
                "först, så att portalen alltid har någon som kan administrera den."
            )
            % _named(user)
        )
    user.groups.remove(group)
    user.__dict__.pop("_is_portal_administrator", None)
    return AdministratorChange.objects.create(
        user=user, action=AdministratorChange.Action.REVOKED, actor=actor, reason=reason.strip()
    )


def _named(user) -> dict[str, str]:
    return {"name": user.get_full_name() or user.get_username()}


# --- GDPR erasure (docs/gdpr.md, docs/decisions/0025) ----------------------------------------

ERASED_FIRST_NAME = "Raderad"


@transaction.atomic
def person_erase(*, actor, person: Person) -> Person:
    """Pseudonymise a person: the name becomes "Raderad person NNN", the contact details and
    title go, the login is deactivated and scrubbed, and the history rows of the person's own
    record are scrubbed too. Memberships, attendance, minutes and decisions stay (official
    records, GDPR art. 17.3 b and d), now naming the pseudonym. Refused while the person holds
    a role someone must take over first."""
    if person.erased_at is not None:
        raise ValidationError(_("Personens uppgifter är redan raderade."))
    refusals = gdpr.erasure_refusals(person)
    if refusals:
        raise ValidationError(refusals)
    scrubbed = {
        "first_name": ERASED_FIRST_NAME,
        "last_name": f"person {person.pk:03d}",
        "title": "",
        "email": "",
        "phone": "",
        "employer": None,
    }
    for name, value in scrubbed.items():
        setattr(person, name, value)
    person.erased_at = timezone.now()
    if person.user_id:
        user = person.user
        user.username = f"raderad-{user.pk}"
        user.email = user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    gdpr.run_erasure_steps(person, actor)
    save_with_history(person, actor=actor, reason=_("Personuppgifter raderade (GDPR)"))
    # The earlier rows of the person's own history held the same personal fields.
    history_fields = {("employer_id" if k == "employer" else k): v for k, v in scrubbed.items()}
    Person.history.filter(id=person.pk).update(**history_fields)
    events.record_event(events.PERSON_ERASED, user=actor, obj=person)
    return person
