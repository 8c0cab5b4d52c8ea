"""groups' part of a person's data (portal.gdpr): the person, the account and memberships
for the export; the roles to hand over before an erasure."""

from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Membership
from portal import gdpr
from portal.access import is_administrator


def person_section(person) -> dict:
    data = gdpr.row(person)
    user = person.user
    data["user_account"] = (
        None
        if user is None
        else {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }
    )
    return data


def memberships_section(person) -> list[dict]:
    return [
        {**gdpr.row(membership), "group": membership.group.name}
        for membership in Membership.objects.filter(person=person)
        .select_related("group")
        .order_by("start_date", "pk")
    ]


def roles_to_hand_over(person) -> list[str]:
    reasons = []
    current = (
        Membership.objects.current(timezone.localdate())
        .filter(person=person)
        .select_related("group")
        .order_by("group__name")
    )
    seats = [f"{m.get_role_display().lower()} i {m.group.name}" for m in current]
    if seats:
        reasons.append(
            _(
                "Personen har uppdrag som pågår: %(seats)s. Avsluta uppdragen eller lämna över "
                "dem till någon annan först."
            )
            % {"seats": ", ".join(seats)}
        )
    if person.user_id and is_administrator(person.user):
        reasons.append(_("Personen är administratör. Ta bort administratörsbehörigheten först."))
    return reasons


def register() -> None:
    gdpr.register_export_section("person", person_section)
    gdpr.register_export_section("memberships", memberships_section)
    gdpr.register_erasure_check(roles_to_hand_over)
