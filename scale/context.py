"""What the generator's parts share: the random source, the writer, the day it counts from,
and the rows made so far that later parts refer to."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from scale.sizes import Scale
from scale.writer import RowWriter

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The data is dated from a fixed day so that a seed always gives the same rows.
ANCHOR = datetime.date(2026, 12, 1)
FIRST_MEETING_DAY = datetime.date(2016, 1, 11)
REASON = "Skalningsdata"


@dataclass
class Seat:
    """A generated membership, as the meeting part needs it."""

    id: int
    person_id: int
    role: str
    region_id: int | None
    start: datetime.date
    end: datetime.date | None
    voting: bool

    def current(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass
class GroupInfo:
    id: int
    name: str
    kind: str
    healthcare_region_id: int
    status: str
    start: datetime.date
    end: datetime.date | None
    code: str
    seats: list[Seat] = field(default_factory=list)
    lead_person_id: int | None = None
    secretary_person_id: int | None = None
    commission_ids: list[int] = field(default_factory=list)
    decided_ids: list[int] = field(default_factory=list)


@dataclass
class Context:
    scale: Scale
    seed: int
    rng: random.Random
    writer: RowWriter
    admin_user_id: int | None
    # username -> (user id, person id) of the demo logins
    logins: dict[str, tuple[int, int]]
    person_users: dict[int, int] = field(default_factory=dict)
    healthcare_regions: list[tuple[int, list[int]]] = field(default_factory=list)
    groups: list[GroupInfo] = field(default_factory=list)
    people_by_region: dict[int, list[int]] = field(default_factory=dict)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)
