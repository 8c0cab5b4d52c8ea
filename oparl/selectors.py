"""What the OParl API and the open data read. Organisation data (groups, regions, people by
name and their memberships) is public; meetings, papers and files come from the one
definition of what is published, `public.selectors`. Each function returns a queryset that
owns its joins and prefetches, so a list page runs a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Attachment,
    Attendance,
    AttendanceStatus,
    Commission,
    Decision,
    Meeting,
    Minutes,
)
from governance.selectors.paragraphs import record_prefetch
from groups.models import Group, HealthcareRegion, Membership, Person, Region
from public.selectors import (
    downloadable_attachments,
    published_commissions,
    published_decisions,
    published_minutes,
)


def bodies() -> QuerySet[HealthcareRegion]:
    """Healthcare regions with a group or a member region: each is an OParl Body (so every
    region, the organisation a member represents, has its body)."""
    return HealthcareRegion.objects.filter(
        Exists(Group.objects.filter(healthcare_region=OuterRef("pk")))
        | Exists(Region.objects.filter(healthcare_region=OuterRef("pk")))
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


# Meetings, agenda items, papers, consultations and files: only what `public.selectors`
# publishes.


def decisions(body: HealthcareRegion | None = None) -> QuerySet[Decision]:
    """Published decisions with everything their § and votes need."""
    record = [p for p in record_prefetch() if p.prefetch_to != "clauses"]  # already there
    queryset = (
        published_decisions()
        .select_related("vote", "meeting__group")
        .prefetch_related(*record)
        .order_by("pk")
    )
    return queryset.filter(body__healthcare_region=body) if body is not None else queryset


def _agenda_item_rows() -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.select_related("meeting")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk")),
            Prefetch("decisions", queryset=decisions(), to_attr="published_decisions"),
        )
        .order_by("number", "pk")
    )


def meetings(body: HealthcareRegion | None = None) -> QuerySet[Meeting]:
    """Meetings whose minutes are approved (justerade), with their agenda and who was there."""
    queryset = (
        Meeting.objects.filter(pk__in=published_minutes().values("meeting_id"))
        .select_related("group", "minutes")
        .prefetch_related(
            Prefetch("agenda_items", queryset=_agenda_item_rows()),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(status=AttendanceStatus.PRESENT).order_by("pk"),
                to_attr="present",
            ),
        )
    )
    return queryset.filter(group__healthcare_region=body) if body is not None else queryset


def agenda_items(body: HealthcareRegion | None = None) -> QuerySet[AgendaItem]:
    return _agenda_item_rows().filter(meeting__in=meetings(body).values("pk"))


def commissions(body: HealthcareRegion | None = None) -> QuerySet[Commission]:
    queryset = published_commissions().order_by("pk")
    return queryset.filter(commissioner__healthcare_region=body) if body is not None else queryset


def minutes(body: HealthcareRegion | None = None) -> QuerySet[Minutes]:
    """Approved minutes: each is a File (the public register's PDF of them)."""
    queryset = published_minutes().order_by("pk")
    return queryset.filter(meeting__group__healthcare_region=body) if body is not None else queryset


def extracts(body: HealthcareRegion | None = None) -> QuerySet[Decision]:
    """Published decisions as their extracts (protokollsutdrag): no § text needed."""
    queryset = published_decisions().prefetch_related(None).order_by("pk")
    return queryset.filter(body__healthcare_region=body) if body is not None else queryset


def files(body: HealthcareRegion | None = None) -> QuerySet[Attachment]:
    """Attachment files the public may download (never a confidential one)."""
    queryset = downloadable_attachments().select_related(
        "agenda_item__meeting__group", "decision__meeting"
    )
    if body is None:
        return queryset
    return queryset.filter(
        Q(agenda_item__meeting__group__healthcare_region=body)
        | Q(decision__body__healthcare_region=body)
    )
