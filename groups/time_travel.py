"""A group's composition as the portal recorded it on a past day: the group, its members with
their roles and the regions they represented, all from the history tables (selectors for the
past view of the group page). A fixed number of queries, whatever the history holds."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404

from groups.models import Group, HealthcareRegion, Membership, MembershipRole, Person, Region
from portal.time_travel import as_of_by_pk, first_recorded_day, instance_as_of, rows_as_of

ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


@dataclass(frozen=True)
class PastMember:
    name: str
    title: str
    role: str
    start_date: datetime.date
    end_date: datetime.date | None
    voting_right: bool


@dataclass(frozen=True)
class PastSeats:
    region: str  # the represented region's name then, or "" for none
    members: list[PastMember]


@dataclass(frozen=True)
class GroupAsOf:
    day: datetime.date
    group: Group  # the group's row as it was (not saved, relations not loaded)
    kind: str
    status: str
    healthcare_region: str
    parent: str
    seats: list[PastSeats]
    member_count: int


def group_for_time_travel(group_id: int) -> tuple[Group, datetime.date | None]:
    """The group as it is now (for the page's heading and links) and its first history day;
    404 if there is no such group. Two queries."""
    group = get_object_or_404(Group, pk=group_id)
    return group, first_recorded_day(Group, group.pk)


def group_as_of(group_id: int, day: datetime.date) -> GroupAsOf | None:
    """The group and the memberships whose term covered `day`, as recorded at its end."""
    group = instance_as_of(Group, group_id, day)
    if group is None:
        return None
    memberships = rows_as_of(
        Membership,
        day,
        Q(end_date__isnull=True) | Q(end_date__gte=day),
        group_id=group_id,
        start_date__lte=day,
    )
    people = as_of_by_pk(Person, day, (m.person_id for m in memberships))
    regions = as_of_by_pk(Region, day, (m.region_id for m in memberships))
    healthcare = as_of_by_pk(HealthcareRegion, day, [group.healthcare_region_id])
    parents = as_of_by_pk(Group, day, [group.parent_id])
    seats: dict[int | None, list[PastMember]] = defaultdict(list)
    for membership in sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 99), _last_name(people.get(m.person_id))),
    ):
        person = people.get(membership.person_id)
        seats[membership.region_id].append(
            PastMember(
                name=person.full_name if person else "–",
                title=person.title if person else "",
                role=membership.get_role_display(),
                start_date=membership.start_date,
                end_date=membership.end_date,
                voting_right=membership.voting_right,
            )
        )
    ordered = sorted(
        seats.items(),
        key=lambda pair: (pair[0] is None, _name(regions.get(pair[0]))),
    )
    region = healthcare.get(group.healthcare_region_id)
    parent = parents.get(group.parent_id)
    return GroupAsOf(
        day=day,
        group=group,
        kind=group.get_kind_display(),
        status=group.get_status_display(),
        healthcare_region=region.name if region else "–",
        parent=parent.name if parent else "",
        seats=[PastSeats(_name(regions.get(pk)), members) for pk, members in ordered],
        member_count=len(memberships),
    )


def _name(row) -> str:
    return row.name if row is not None else ""


def _last_name(person) -> str:
    return person.last_name if person is not None else ""
