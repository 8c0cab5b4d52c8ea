"""What the OParl API and the open data read. Organisation data (groups, regions, people by
name and their memberships) is public; meetings, papers and files come from the one
definition of what is published, `public.selectors`. Each function returns a queryset that
owns its joins and prefetches, so a list page runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, Min, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from groups.models import Group, HealthcareRegion, Membership, Person, Region


def bodies() -> QuerySet[HealthcareRegion]:
    """Healthcare regions with at least one group: each is an OParl Body."""
    return HealthcareRegion.objects.filter(
        Exists(Group.objects.filter(healthcare_region=OuterRef("pk")))
    ).order_by("pk")


def groups(body: HealthcareRegion | None = None) -> QuerySet[Group]:
    queryset = Group.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.only("pk", "group_id").order_by("pk"))
    )
    return queryset.filter(healthcare_region=body) if body is not None else queryset


def regions(body: HealthcareRegion | None = None) -> QuerySet[Region]:
    return (
        Region.objects.filter(healthcare_region=body) if body is not None else Region.objects.all()
    )


def memberships(body: HealthcareRegion | None = None) -> QuerySet[Membership]:
    queryset = Membership.objects.select_related("group")
    return queryset.filter(group__healthcare_region=body) if body is not None else queryset


def people(body: HealthcareRegion | None = None) -> QuerySet[Person]:
    """People with a membership (in one of the body's groups): shown by name only, with their
    memberships; a person without any membership is not published."""
    seats = Membership.objects.filter(person=OuterRef("pk"))
    shown = Membership.objects.order_by("start_date", "pk")
    if body is not None:
        seats = seats.filter(group__healthcare_region=body)
    return (
        Person.objects.filter(Exists(seats))
        .only("pk", "first_name", "last_name", "created_at", "modified_at")
        .prefetch_related(Prefetch("memberships", queryset=shown))
    )


def unpublished_people(body: HealthcareRegion | None = None) -> QuerySet[Person]:
    return Person.objects.exclude(pk__in=people(body).values("pk")).only(
        "pk", "created_at", "modified_at"
    )


def system_times() -> tuple:
    """The System's created and modified: the first body's creation, the last change of one."""
    times = HealthcareRegion.objects.aggregate(
        created=Min("created_at"), modified=Max("modified_at")
    )
    now = timezone.now()
    return times["created"] or now, times["modified"] or now


@dataclass(frozen=True)
class DeletedRow:
    pk: int
    created_at: datetime.datetime
    modified_at: datetime.datetime


def deleted_row(model, pk: int) -> DeletedRow | None:
    """A row removed from the database, from its history: created as it was, modified when it
    was deleted."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    record = history.filter(id=pk, history_type="-").order_by("-history_date").first()
    if record is None:
        return None
    return DeletedRow(pk=pk, created_at=record.created_at, modified_at=record.history_date)
