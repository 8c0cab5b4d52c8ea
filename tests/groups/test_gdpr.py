"""GDPR (issue 14, item 8): a person's data as JSON, and erasure by pseudonymisation that
keeps the official records readable and refuses while a role must be handed over."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from governance.models import (
    ApproverRole,
    Attendance,
    AttendanceStatus,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesKind,
    MinutesStatus,
)
from groups import services
from groups.models import Membership, MembershipRole, Person
from portal.access import ADMINISTRATORS_GROUP
from tests.governance.factories import MeetingFactory
from tests.groups.factories import GroupFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def karin(admin_user):
    """A former member with a login, named in approved minutes she attended and approved."""
    user = UserFactory(username="karin", email="karin@region.example")
    person = PersonFactory(
        first_name="Karin",
        last_name="Lund",
        email="karin@region.example",
        phone="070-123 45 67",
        title="Överläkare",
        user=user,
    )
    group = GroupFactory(name="RAG Njurmedicin")
    services.membership_start(
        actor=admin_user,
        person=person,
        group=group,
        role=MembershipRole.MEMBER,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    services.person_update(actor=admin_user, person=person, phone="070-765 43 21")
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(days=400))
    Attendance.objects.create(meeting=meeting, person=person, status=AttendanceStatus.PRESENT)
    minutes = Minutes.objects.create(
        meeting=meeting, kind=MinutesKind.PROTOCOL, status=MinutesStatus.APPROVED, chair=person
    )
    MinutesAdjuster.objects.create(minutes=minutes, person=person)
    MinutesApproval.objects.create(
        minutes=minutes,
        person=person,
        role=ApproverRole.CHAIR,
        user=user,
        approved_at=timezone.now(),
    )
    return person


def export(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_the_administrator_exports_everything_recorded_about_a_person(
    karin, admin_client, django_assert_num_queries
):
    url = reverse("groups:person_data_export", args=[karin.pk])
    # session, user, administrator?, person, 9 sections (messages sent among them), own
    # history, changes made (one union over every audited model), the audit event
    with django_assert_num_queries(15):
        data = export(admin_client, url)
    assert data["person"]["email"] == "karin@region.example"
    assert data["person"]["user_account"]["username"] == "karin"
    assert "password" not in json.dumps(data)
    assert [m["group"] for m in data["memberships"]] == ["RAG Njurmedicin"]
    assert data["attendance"][0]["status"] == "present"
    assert data["minutes"][0]["as"] == ["chair"] and len(data["adjuster_of"]) == 1
    assert data["approvals"][0]["role"] == "chair"
    own = data["history"]["own_record"]
    assert [row["values"]["phone"] for row in own] == ["070-123 45 67", "070-765 43 21"]
    assert AuditEvent.objects.filter(kind="export", object_id=str(karin.pk)).exists()


def test_changes_the_person_made_are_in_the_export(karin):
    client = Client()
    client.force_login(karin.user)
    other = PersonFactory()
    services.person_update(actor=karin.user, person=other, title="Sjuksköterska")
    data = export(client, reverse("accounts:my_data"))
    made = data["history"]["changes_made"]
    assert {"model": "groups.person", "object_id": str(other.pk)} in [
        {"model": row["model"], "object_id": row["object_id"]} for row in made
    ]


def test_a_user_downloads_their_own_data_and_only_theirs(karin, user_client):
    client = Client()
    client.force_login(karin.user)
    assert export(client, reverse("accounts:my_data"))["person"]["first_name"] == "Karin"
    assert "mina personuppgifter" in client.get(reverse("accounts:overview")).content.decode()
    assert user_client.get(reverse("accounts:my_data")).status_code == 404  # no person
    url = reverse("groups:person_data_export", args=[karin.pk])
    assert user_client.get(url).status_code == 403


def test_erasure_is_confirmed_once_and_pseudonymises(karin, admin_client):
    url = reverse("groups:person_erase", args=[karin.pk])
    page = admin_client.get(url).content.decode()
    assert "Raderad person" in page and "17.3 b och d" in page
    assert Person.objects.get(pk=karin.pk).first_name == "Karin"  # a GET changes nothing

    response = admin_client.post(url)

    assert response.status_code == 302
    karin.refresh_from_db()
    assert karin.full_name == f"Raderad person {karin.pk:03d}"
    assert (karin.email, karin.phone, karin.title, karin.employer) == ("", "", "", None)
    assert karin.erased_at is not None
    user = karin.user
    user.refresh_from_db()
    assert not user.is_active and user.username == f"raderad-{user.pk}" and user.email == ""
    assert not user.has_usable_password()
    # The history of her own record holds no trace of the old fields.
    for record in Person.history.filter(id=karin.pk):
        assert (record.first_name, record.phone, record.email) == ("Raderad", "", "")
    # The official records stay, now naming the pseudonym.
    minutes = Minutes.objects.get(chair=karin)
    assert minutes.status == MinutesStatus.APPROVED
    assert MinutesApproval.objects.filter(person=karin).count() == 1
    assert Membership.objects.filter(person=karin).count() == 1
    meeting_page = admin_client.get(minutes.meeting.get_absolute_url())
    assert meeting_page.status_code == 200
    assert f"Raderad person {karin.pk:03d}" in meeting_page.content.decode()
    assert "Karin" not in admin_client.get(karin.get_absolute_url()).content.decode()
    event = AuditEvent.objects.get(kind="person_erased")
    assert event.object_id == str(karin.pk) and event.username == "admin"
    assert (
        Client().post(reverse("login"), {"username": "karin", "password": "x"}).status_code == 200
    )


def test_erasure_is_refused_while_a_role_must_be_handed_over(admin_client, admin_user):
    chair = PersonFactory(first_name="Olof")
    services.membership_start(
        actor=admin_user,
        person=chair,
        group=GroupFactory(name="Södra Regionvårdsnämnden"),
        role=MembershipRole.CHAIR,
        start_date=datetime.date(2020, 1, 1),
    )
    url = reverse("groups:person_erase", args=[chair.pk])
    page = admin_client.get(url).content.decode()
    assert "Personen har uppdrag som pågår: ordförande i Södra Regionvårdsnämnden" in page

    response = admin_client.post(url)

    assert response.status_code == 200
    assert "kan inte raderas ännu" in response.content.decode()
    chair.refresh_from_db()
    assert chair.first_name == "Olof" and chair.erased_at is None
    assert not AuditEvent.objects.filter(kind="person_erased").exists()


def test_erasure_is_refused_for_a_pending_adjuster_and_an_administrator(admin_client):
    adjuster = PersonFactory()
    minutes = Minutes.objects.create(
        meeting=MeetingFactory(), kind=MinutesKind.PROTOCOL, status=MinutesStatus.SUBMITTED
    )
    MinutesAdjuster.objects.create(minutes=minutes, person=adjuster)
    page = admin_client.post(reverse("groups:person_erase", args=[adjuster.pk]))
    assert "justerare av protokoll som ännu inte är justerade" in page.content.decode()

    user = UserFactory()
    user.groups.add(AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)[0])
    administrator = PersonFactory(user=user)
    page = admin_client.post(reverse("groups:person_erase", args=[administrator.pk]))
    assert "Personen är administratör" in page.content.decode()


def test_only_administrators_erase(karin, user_client):
    assert user_client.post(reverse("groups:person_erase", args=[karin.pk])).status_code == 403
    karin.refresh_from_db()
    assert karin.erased_at is None


def test_the_confirmation_page_has_a_fixed_number_of_queries(
    karin, admin_client, django_assert_num_queries
):
    # session, user, administrator?, person, current memberships, is her account an
    # administrator's, pending adjuster
    with django_assert_num_queries(7):
        assert admin_client.get(reverse("groups:person_erase", args=[karin.pk])).status_code == 200
