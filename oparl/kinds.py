"""The OParl object types the API serves: for each, its model, the published rows (all, or a
body's), the body scope of its unpublished rows, and how a row becomes an OParl object.
Views, the list pages and the open-data archive all read from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from governance.models import AgendaItem, Attachment, Commission, Decision, Meeting, Minutes
from groups.models import Group, HealthcareRegion, Membership, Person, Region
from oparl import objects, selectors
from oparl.urls_builder import Urls


@dataclass(frozen=True)
class Kind:
    key: str  # URL name of the object, and the name of its file in the archive
    type_name: str  # OParl type
    model: type[Model]
    published: Callable[[HealthcareRegion | None], QuerySet]
    serialize: Callable[[Urls, Model], dict]
    # The rows of a body that may be unpublished (None: every unpublished row).
    scope: Callable[[HealthcareRegion], Q] | None = None

    def unpublished(self, body: HealthcareRegion | None) -> QuerySet:
        """Rows that exist but are not (or no longer) published: at their URL and, with
        modified_since, in lists they answer as deleted."""
        rows = self.model.objects.exclude(pk__in=self.published(None).values("pk"))
        if body is not None and self.scope is not None:
            rows = rows.filter(self.scope(body))
        return rows.only("pk", "created_at", "modified_at")

    def marker(self, u: Urls, row) -> dict:
        return objects.deleted(
            u(self.key, row.pk), self.type_name, created=row.created_at, modified=row.modified_at
        )


ORGANIZATION = Kind("organization", "Organization", Group, selectors.groups, objects.organization)
REGION = Kind("region", "Organization", Region, selectors.regions, objects.region_organization)
PERSON = Kind("person", "Person", Person, selectors.people, objects.person)
MEMBERSHIP = Kind("membership", "Membership", Membership, selectors.memberships, objects.membership)

MEETING = Kind(
    "meeting",
    "Meeting",
    Meeting,
    selectors.meetings,
    objects.meeting,
    lambda body: Q(group__healthcare_region=body),
)
AGENDA_ITEM = Kind(
    "agendaitem",
    "AgendaItem",
    AgendaItem,
    selectors.agenda_items,
    objects.agenda_item,
    lambda body: Q(meeting__group__healthcare_region=body),
)
PAPER_DECISION = Kind(
    "paper_decision",
    "Paper",
    Decision,
    selectors.decisions,
    objects.paper_decision,
    lambda body: Q(body__healthcare_region=body),
)
PAPER_COMMISSION = Kind(
    "paper_commission",
    "Paper",
    Commission,
    selectors.commissions,
    objects.paper_commission,
    lambda body: Q(commissioner__healthcare_region=body),
)
CONSULTATION = Kind(
    "consultation",
    "Consultation",
    Decision,
    selectors.decisions,
    objects.consultation,
    lambda body: Q(body__healthcare_region=body),
)
FILE = Kind(
    "file",
    "File",
    Attachment,
    selectors.files,
    objects.file,
    lambda body: (
        Q(agenda_item__meeting__group__healthcare_region=body)
        | Q(decision__body__healthcare_region=body)
    ),
)
MINUTES_FILE = Kind(
    "file_minutes",
    "File",
    Minutes,
    selectors.minutes,
    objects.minutes_file,
    lambda body: Q(meeting__group__healthcare_region=body),
)
EXTRACT_FILE = Kind(
    "file_extract",
    "File",
    Decision,
    selectors.extracts,
    objects.extract_file,
    lambda body: Q(body__healthcare_region=body),
)
COMMISSION_FILE = Kind(
    "file_commission",
    "File",
    Commission,
    selectors.commissions,
    objects.commission_file,
    lambda body: Q(commissioner__healthcare_region=body),
)

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        ORGANIZATION,
        REGION,
        PERSON,
        MEMBERSHIP,
        MEETING,
        AGENDA_ITEM,
        PAPER_DECISION,
        PAPER_COMMISSION,
        CONSULTATION,
        FILE,
        MINUTES_FILE,
        EXTRACT_FILE,
        COMMISSION_FILE,
    )
}

# The external lists of a body: the kinds they are made of, in order.
BODY_LISTS: dict[str, tuple[Kind, ...]] = {
    "organizations": (ORGANIZATION, REGION),
    "people": (PERSON,),
    "memberships": (MEMBERSHIP,),
    "meetings": (MEETING,),
    "papers": (PAPER_DECISION, PAPER_COMMISSION),
    "agendaitems": (AGENDA_ITEM,),
    "consultations": (CONSULTATION,),
    "files": (FILE, MINUTES_FILE, EXTRACT_FILE, COMMISSION_FILE),
}
