"""Group rights follow memberships and their dates, through one service."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from groups import access
from groups.permissions import MANAGE_DECISIONS, MANAGE_MEETINGS, MANAGE_MINUTES, VIEW_INTERNAL
from groups.services import membership_end, membership_start
from tests.groups.factories import GroupFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def fresh(user):
    # guardian caches permissions on the user object; a new request has a new user.
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def convener():
    user = UserFactory()
    person = PersonFactory(user=user)
    return user, person


def test_convener_manages_own_group_and_is_refused_on_another(convener):
    user, person = convener
    own, other = GroupFactory(), GroupFactory()
    membership_start(
        actor=None, person=person, group=own, role="convener", start_date=D(2020, 1, 1)
    )

    for permission in (MANAGE_MEETINGS, MANAGE_MINUTES, MANAGE_DECISIONS, VIEW_INTERNAL):
        assert access.group_for_permission(own.pk, user=fresh(user), permission=permission) == own
    with pytest.raises(PermissionDenied):
        access.group_for_permission(other.pk, user=fresh(user), permission=MANAGE_MEETINGS)


def test_plain_member_only_reads(convener):
    user, person = convener
    group = GroupFactory()
    membership_start(
        actor=None, person=person, group=group, role="member", start_date=D(2020, 1, 1)
    )
    assert access.user_can_on_group(fresh(user), VIEW_INTERNAL, group)
    assert not access.user_can_on_group(fresh(user), MANAGE_MEETINGS, group)


def test_ending_the_membership_removes_the_right(convener):
    user, person = convener
    group = GroupFactory()
    membership = membership_start(
        actor=None, person=person, group=group, role="chair", start_date=D(2020, 1, 1)
    )
    assert access.user_can_on_group(fresh(user), MANAGE_MEETINGS, group)
    membership_end(actor=None, membership=membership, end_date=D(2021, 1, 1))
    assert not access.user_can_on_group(fresh(user), MANAGE_MEETINGS, group)
    assert not access.user_can_on_group(fresh(user), VIEW_INTERNAL, group)


def test_right_disappears_when_the_clock_passes_the_end_date(convener):
    user, person = convener
    group = GroupFactory()
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        membership_start(
            actor=None,
            person=person,
            group=group,
            role="convener",
            start_date=D(2026, 1, 1),
            end_date=D(2026, 3, 31),
        )
        assert access.user_can_on_group(fresh(user), MANAGE_MINUTES, group)
    # The daily scheduled command runs on the first day after the term.
    with time_machine.travel(datetime.datetime(2026, 4, 1, 0, 5, tzinfo=datetime.UTC), tick=False):
        call_command("sync_group_permissions", verbosity=0)
    assert not access.user_can_on_group(fresh(user), MANAGE_MINUTES, group)


def test_right_starts_on_the_start_date(convener):
    user, person = convener
    group = GroupFactory()
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC), tick=False):
        membership_start(
            actor=None, person=person, group=group, role="secretary", start_date=D(2026, 6, 1)
        )
        assert not access.user_can_on_group(fresh(user), MANAGE_DECISIONS, group)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 0, 5, tzinfo=datetime.UTC), tick=False):
        call_command("sync_group_permissions", verbosity=0)
    assert access.user_can_on_group(fresh(user), MANAGE_DECISIONS, group)


def test_deactivated_login_loses_rights(convener, admin_user):
    from groups.services import person_deactivate_login

    user, person = convener
    group = GroupFactory()
    membership_start(
        actor=None, person=person, group=group, role="convener", start_date=D(2020, 1, 1)
    )
    person_deactivate_login(actor=admin_user, person=person)
    assert not access.user_can_on_group(fresh(user), MANAGE_MEETINGS, group)
    # The membership itself stays: history is never deleted.
    assert person.memberships.count() == 1


def test_only_administrators_edit_groups(user_client, admin_client):
    group = GroupFactory()
    assert user_client.get(f"/grupper/{group.pk}/andra/").status_code == 403
    assert user_client.get(f"/grupper/{group.pk}/medlemmar/ny/").status_code == 403
    assert admin_client.get(f"/grupper/{group.pk}/andra/").status_code == 200
