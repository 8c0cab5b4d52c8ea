import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from groups.models import Membership, MembershipRole
from groups.services import group_update, membership_start
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    MembershipFactory,
    PersonFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def group():
    hr = HealthcareRegionFactory()
    RegionFactory(healthcare_region=hr)
    return GroupFactory(healthcare_region=hr)


def test_membership_end_before_start_is_refused_with_swedish_message(group):
    membership = Membership(
        person=PersonFactory(),
        group=group,
        role="member",
        start_date=D(2024, 5, 1),
        end_date=D(2024, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict["end_date"] == ["Slutdatum kan inte vara före startdatum."]


def test_overlapping_memberships_of_one_person_in_one_group_are_refused(group):
    person = PersonFactory()
    membership_start(
        actor=None,
        person=person,
        group=group,
        role="member",
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        membership_start(
            actor=None, person=person, group=group, role="convener", start_date=D(2024, 6, 1)
        )
    assert "redan ett medlemskap" in str(error.value)
    # A new term after the first one ended is fine.
    membership_start(
        actor=None, person=person, group=group, role="convener", start_date=D(2025, 1, 1)
    )
    assert Membership.objects.filter(person=person).count() == 2


def test_database_refuses_overlap_even_without_validation(group):
    person = PersonFactory()
    MembershipFactory(person=person, group=group, start_date=D(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(person=person, group=group, start_date=D(2024, 3, 1))


def test_only_one_current_chair(group):
    membership_start(
        actor=None,
        person=PersonFactory(),
        group=group,
        role=MembershipRole.CHAIR,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 6, 30),
    )
    with pytest.raises(ValidationError) as error:
        membership_start(
            actor=None,
            person=PersonFactory(),
            group=group,
            role=MembershipRole.CHAIR,
            start_date=D(2024, 6, 1),
        )
    assert "redan en ordförande" in str(error.value)
    # The next chair may start the day after the first one's term ends.
    membership_start(
        actor=None,
        person=PersonFactory(),
        group=group,
        role=MembershipRole.CHAIR,
        start_date=D(2024, 7, 1),
    )


def test_database_refuses_two_open_ended_chairs(group):
    MembershipFactory(group=group, role=MembershipRole.CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(group=group, role=MembershipRole.CHAIR)


def test_group_cannot_be_its_own_ancestor(group):
    child = GroupFactory(parent=group, healthcare_region=group.healthcare_region)
    grandchild = GroupFactory(parent=child, healthcare_region=group.healthcare_region)
    with pytest.raises(ValidationError) as error:
        group_update(actor=None, group=group, parent=grandchild)
    assert "egna undergrupper" in str(error.value)
    with pytest.raises(ValidationError):
        group_update(actor=None, group=group, parent=group)


def test_group_end_before_start_is_refused(group):
    with pytest.raises(ValidationError) as error:
        group_update(actor=None, group=group, start_date=D(2024, 1, 1), end_date=D(2023, 1, 1))
    assert "end_date" in error.value.message_dict


def test_membership_region_must_belong_to_the_groups_healthcare_region(group):
    elsewhere = RegionFactory()
    with pytest.raises(ValidationError) as error:
        membership_start(
            actor=None,
            person=PersonFactory(),
            group=group,
            role="member",
            region=elsewhere,
            start_date=D(2024, 1, 1),
        )
    assert "region" in error.value.message_dict


def test_changes_are_recorded_in_history_with_user_and_reason(group, admin_user):
    group_update(actor=admin_user, group=group, description="Ny beskrivning", reason="Rättad text")
    record = group.history.latest()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Rättad text"
    assert record.description == "Ny beskrivning"
