import datetime

import pytest
from django.utils import timezone

from governance.services.decisions import decision_record
from groups.models import Person
from groups.services import membership_start
from tests.governance.factories import CommissionFactory, DeliverableFactory, MeetingFactory
from tests.groups.factories import GroupFactory, PersonFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


def make_world(n: int, user):
    today = timezone.localdate()
    person = Person.objects.filter(user=user).first() or PersonFactory(user=user)
    for i in range(n):
        group = GroupFactory()
        membership_start(
            actor=None,
            person=person,
            group=group,
            role="convener",
            start_date=datetime.date(2020, 1, 1),
        )
        MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=i + 1))
        commission = CommissionFactory(commissioner=group, assignee=group)
        DeliverableFactory(commission=commission, due_date=today + datetime.timedelta(days=10 + i))
        decision_record(
            actor=None,
            body=group,
            title=f"Beslut {i}",
            clauses=["att besluta"],
            decision_date=today,
        )


def test_dashboard_shows_what_needs_attention(admin_client, admin_user):
    make_world(2, admin_user)
    content = admin_client.get("/").content.decode()
    assert "Som sammankallande" in content and "Möten att förbereda" in content
    assert "Dagordning saknas" in content  # the factories' meetings have no agenda yet
    assert "Leveranser de närmaste 60 dagarna" in content
    assert "Beslut 1" in content and "Beslut 0" in content


def test_dashboard_runs_constant_queries(admin_client, admin_user):
    make_world(2, admin_user)
    small = page_queries(admin_client, "/")
    make_world(9, admin_user)  # more than every short list shows
    assert page_queries(admin_client, "/") == small == 18
