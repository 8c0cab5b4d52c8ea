import datetime

import pytest

from groups import services as group_services
from groups.models import MembershipRole
from tests.finance.factories import CommitteeFactory
from tests.groups.factories import PersonFactory, UserFactory


@pytest.fixture
def committee(db):
    return CommitteeFactory(name="Södra Regionvårdsnämnden")


@pytest.fixture
def secretary(committee):
    """A user who is the committee's current secretary (holds groups.manage_finances)."""
    user = UserFactory(username="sekreterare")
    person = PersonFactory(user=user)
    group_services.membership_start(
        actor=None,
        person=person,
        group=committee,
        role=MembershipRole.SECRETARY,
        start_date=datetime.date(2020, 1, 1),
    )
    return user
