import datetime

import pytest
from django.utils import timezone

from governance.models import MinutesKind
from governance.services import minutes as minutes_services
from groups.models import GroupKind
from tests.governance.conftest import write_header
from tests.governance.records import held_meeting, protocol, sitting
from tests.groups.factories import GroupFactory


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def seats(body):
    """The body's chair, one member and a secretary, created once per body."""
    if not hasattr(body, "_test_seats"):
        body._test_seats = sitting(body, members=1)
    return body._test_seats


def approved_protocol(body, *, held: int, approved: int, announced: int | None = None):
    """Formal minutes of `body` from a meeting `held` days ago, approved on paper `approved`
    days ago and announced `announced` days ago (today when None)."""
    chair, ordinary, secretary = seats(body)
    meeting, _items = held_meeting(
        body, ["Val av justerare"], day=ago(held), present=[chair, ordinary[0], secretary]
    )
    protocol(meeting, chair=chair, adjuster=ordinary[0], secretary=secretary)
    minutes = write_header(meeting, kind=MinutesKind.PROTOCOL)  # also for a non-committee
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    for person in (chair, ordinary[0]):
        minutes = minutes_services.minutes_approve(
            actor=None,
            minutes=minutes,
            person=person,
            signed_on=ago(approved),
            announced_on=None if announced is None else ago(announced),
        )
    return minutes


@pytest.fixture
def committee(db):
    return GroupFactory(name="Testnämnden", kind=GroupKind.COMMITTEE)
