import datetime

import pytest

from groups import services as group_services
from groups.models import MembershipRole
from tests.governance.factories import TZ
from tests.groups.factories import GroupFactory, PersonFactory, UserFactory

ROLE_START = datetime.date(2020, 1, 1)


def member(group, role=MembershipRole.MEMBER, *, username=None, with_login=True):
    """A person with a login who sits in the group; rights synced through the real service."""
    user = (UserFactory(username=username) if username else UserFactory()) if with_login else None
    person = PersonFactory(user=user)
    if user is not None:
        user.first_name, user.last_name = person.first_name, person.last_name
        user.save()
    group_services.membership_start(
        actor=None, person=person, group=group, role=role, start_date=ROLE_START
    )
    return person


@pytest.fixture
def committee(db):
    from groups.models import GroupKind

    return GroupFactory(name="Testnämnden", kind=GroupKind.COMMITTEE)


@pytest.fixture
def rag(db):
    return GroupFactory(name="RAG Test")


@pytest.fixture
def convener(rag):
    return member(rag, MembershipRole.CONVENER, username="sammankallande")


@pytest.fixture
def meeting(rag):
    from governance.services.meetings import meeting_create

    return meeting_create(
        actor=None,
        group=rag,
        title="Nätverksmöte",
        starts_at=datetime.datetime(2025, 5, 6, 13, tzinfo=TZ),
        ends_at=datetime.datetime(2025, 5, 6, 15, tzinfo=TZ),
        place="Videomöte",
    )


def write_header(meeting, *, actor=None, **changes):
    """minutes_update with every header field as it stands (or as the minutes would start),
    except the `changes`: what the header form sends when one field is edited."""
    from governance.models import Minutes
    from governance.services.minutes import minutes_defaults, minutes_update

    current = Minutes.objects.filter(meeting=meeting).first()
    base = current or Minutes(meeting=meeting, **minutes_defaults(meeting))
    values = {
        "kind": base.kind,
        "chair": base.chair,
        "secretary": base.secretary,
        "adjusters": list(current.adjusters.all()) if current else [],
        "general_notes": base.general_notes,
        "approval_place": base.approval_place,
        "approval_date": base.approval_date,
    }
    values.update(changes)
    return minutes_update(actor=actor, meeting=meeting, **values)
