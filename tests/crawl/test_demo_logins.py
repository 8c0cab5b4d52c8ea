"""The demo logins do what the README promises: the adjuster really approves the minutes
waiting for them, the plain member reads but leads nothing, and loading again changes nothing."""

import base64
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import Meeting, MinutesApproval, MinutesStatus
from groups.models import Membership, MembershipRole, Person
from tests.crawl.conftest import DEMO_LOGINS, demo_client

pytestmark = pytest.mark.django_db


def _waiting_committee_meeting() -> Meeting:
    return Meeting.objects.get(
        group__name="Södra Regionvårdsnämnden", minutes__status=MinutesStatus.SUBMITTED
    )


def test_the_adjuster_was_there_and_approves_from_the_start_page(demo_site):
    meeting = _waiting_committee_meeting()
    client = demo_client("justerare")
    approve = reverse("governance:meeting_minutes_approve", args=[meeting.pk])
    assert approve in client.get("/").content.decode()  # under "Att justera"
    person = Person.objects.get(user__username="justerare")
    assert meeting.attendances.get(person=person).status == "present"

    response = client.post(approve)

    assert response.status_code == 302
    approval = MinutesApproval.objects.get(minutes__meeting=meeting, person=person)
    assert approval.user.username == "justerare" and approval.role == "adjuster"


def test_the_plain_member_reads_the_groups_minutes_and_leads_nothing(demo_site):
    client = demo_client("ledamot")
    member = Person.objects.get(user__username="ledamot")
    assert set(Membership.objects.filter(person=member).values_list("role", flat=True)) == {
        MembershipRole.MEMBER
    }
    meeting = Meeting.objects.filter(
        group__name="RAG Barnonkologi och hematologi", minutes__status=MinutesStatus.APPROVED
    ).earliest("starts_at")
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert not meeting.minutes.adjuster_links.filter(person=member).exists()
    assert client.get(reverse("governance:meeting_edit", args=[meeting.pk])).status_code == 403


def test_loading_the_demo_again_changes_nothing_and_prints_every_login(demo_site):
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert output.getvalue().startswith("Demodata: inga ändringar")
    call_command("ensure_demo_admin", stdout=output)
    for username in DEMO_LOGINS[1:]:
        assert f"Fler demoinloggningar: {username} / Samverkan-2026!" in output.getvalue()


def test_every_demo_login_has_the_printed_authenticator_key(demo_site):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    secret = "SAMVERKANSPORTALENDEMOKODTVA2345"
    assert f"lägg till nyckeln {secret}" in demo_site
    for username in DEMO_LOGINS:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert base64.b32encode(bytes.fromhex(device.key)).decode() == secret
