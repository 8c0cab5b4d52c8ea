"""The second factor (issue 14, item 3): who must give it, enrolment with recovery codes,
verification after the password, and an administrator's reset."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm

from accounts.access import is_secretary, second_factor_required
from audit.models import AuditEvent
from groups import services as group_services
from groups.models import MembershipRole
from portal.access import ADMINISTRATORS_GROUP
from tests.groups.factories import PASSWORD, GroupFactory, PersonFactory, UserFactory
from tests.two_factor import login_through_form, token_for, token_for_key, totp_device

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
VERIFY = reverse("accounts:verify")
ENROL = reverse("accounts:enrol")
OVERVIEW = reverse("accounts:overview")


@pytest.fixture
def administrator():
    user = UserFactory(username="anna")
    user.groups.add(AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)[0])
    return user


def user_in_role(role: str, *, end_date: datetime.date | None = None, **user_fields):
    user = UserFactory(**user_fields)
    group_services.membership_start(
        actor=None,
        person=PersonFactory(user=user),
        group=GroupFactory(),
        role=role,
        start_date=datetime.date(2020, 1, 1),
        end_date=end_date,
    )
    return user


@pytest.fixture
def member():
    return user_in_role(MembershipRole.MEMBER, username="maria")


def password_login(username: str) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_secretaries_and_administrators_must_use_it_members_may(administrator, member):
    secretary = user_in_role(MembershipRole.SECRETARY)
    treasurer = UserFactory()  # holds the finance right without being the secretary
    assign_perm("groups.manage_finances", treasurer, GroupFactory())
    former = user_in_role(MembershipRole.SECRETARY, end_date=datetime.date(2021, 1, 1))

    assert is_secretary(secretary) and is_secretary(treasurer)
    assert not is_secretary(member) and not is_secretary(former)
    assert second_factor_required(administrator) and second_factor_required(secretary)
    assert not second_factor_required(member)
    totp_device(member)  # turned on by the member
    assert second_factor_required(member)


def test_the_password_alone_does_not_open_the_portal_for_an_administrator(administrator):
    totp_device(administrator)
    client = password_login("anna")

    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get("/grupper/").status_code == 302
    # Public pages, the factor's own pages and logging out stay open.
    assert client.get(reverse("accessibility")).status_code == 200
    page = client.get(VERIFY)
    assert "Andra steget i inloggningen" in page.content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_code_from_the_app_opens_it_and_a_wrong_one_says_why(administrator):
    device = totp_device(administrator)
    client = password_login("anna")

    wrong = client.post(VERIFY, {"token": "000000", "next": "/grupper/"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte eller har redan använts" in wrong.content.decode()
    assert client.get("/").status_code == 302

    # django-otp throttles: after a wrong code the next try waits a moment (1 s, doubling).
    assert client.post(VERIFY, {"token": token_for(device)}).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        right = client.post(VERIFY, {"token": token_for(device), "next": "/grupper/"})
    assert right.status_code == 302 and right["Location"] == "/grupper/"
    assert client.get("/").status_code == 200
    kinds = list(AuditEvent.objects.values_list("kind", flat=True).order_by("occurred_at"))
    assert kinds == [
        "login",
        "second_factor_failed",
        "second_factor_failed",
        "second_factor_verified",
    ]


def test_a_code_cannot_be_used_twice(administrator):
    device = totp_device(administrator)
    client = password_login("anna")
    device.refresh_from_db()
    token = token_for(device)
    assert client.post(VERIFY, {"token": token}).status_code == 302

    other = password_login("anna")
    replay = other.post(VERIFY, {"token": token})
    assert replay.status_code == 200
    assert other.get("/").status_code == 302


def test_a_next_address_elsewhere_is_not_followed(administrator):
    device = totp_device(administrator)
    client = password_login("anna")
    response = client.post(VERIFY, {"token": token_for(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("dashboard")


def test_an_administrator_without_an_app_enrols_and_gets_ten_recovery_codes_once(administrator):
    client = password_login("anna")
    assert client.get("/")["Location"].startswith(VERIFY)
    assert client.get(VERIFY)["Location"].startswith(ENROL)

    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Slå på tvåfaktorsinloggning" in html
    key_hex = client.session["two_factor_enrolment_key"]
    assert not TOTPDevice.objects.exists()  # nothing saved before the code is confirmed
    assert client.get(ENROL).content.decode().count("<svg") == 1
    assert client.session["two_factor_enrolment_key"] == key_hex  # same key on a reload

    wrong = client.post(ENROL, {"token": "12345"})
    assert "Koden stämmer inte" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()

    done = client.post(ENROL, {"token": token_for_key(key_hex)})
    html = done.content.decode()
    assert done.status_code == 200 and "Dina reservkoder" in html
    codes = list(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == 10 and all(code in html for code in codes)
    assert TOTPDevice.objects.get(user=administrator).confirmed
    assert client.get("/").status_code == 200  # verified by the enrolment
    assert AuditEvent.objects.filter(kind="second_factor_enrolled").count() == 1


def test_a_password_alone_cannot_replace_an_existing_app(administrator):
    totp_device(administrator)
    client = password_login("anna")
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=administrator).count() == 1


def test_a_recovery_code_works_once(administrator):
    totp_device(administrator)
    client = password_login("anna")
    codes = _regenerate(administrator)
    assert len(codes) == 10

    response = client.post(VERIFY, {"token": codes[0].upper()})
    assert response.status_code == 302 and client.get("/").status_code == 200
    assert StaticToken.objects.count() == 9

    again = password_login("anna")
    assert again.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert again.get("/").status_code == 302


def _regenerate(user) -> list[str]:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 200
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def test_new_recovery_codes_replace_the_old_ones(administrator):
    first = _regenerate(administrator)
    second = _regenerate(administrator)
    assert len(second) == 10 and not set(first) & set(second)


def test_a_member_logs_in_with_the_password_and_can_turn_it_on(member):
    client = password_login("maria")
    assert client.get("/").status_code == 200
    overview = client.get(OVERVIEW).content.decode()
    assert "Avslagen" in overview and "Frivillig" in overview

    client.get(ENROL)
    client.post(ENROL, {"token": token_for_key(client.session["two_factor_enrolment_key"])})
    assert "Påslagen" in client.get(OVERVIEW).content.decode()

    later = Client()
    response = login_through_form(later, "maria", PASSWORD)
    assert response.status_code == 302 and later.session[DEVICE_ID_SESSION_KEY]
    assert password_login("maria").get("/").status_code == 302  # now asked every time


def test_an_administrator_resets_a_lost_phone_and_it_is_in_the_audit_log(
    administrator, member, admin_client
):
    totp_device(member)
    response = admin_client.post(
        reverse("accounts:reset", args=[member.pk]), {"next": "/grupper/personer/"}
    )
    assert response.status_code == 302 and response["Location"] == "/grupper/personer/"
    assert not TOTPDevice.objects.filter(user=member).exists()
    event = AuditEvent.objects.get(kind="second_factor_reset")
    assert event.object_id == str(member.pk) and event.username == "admin"
    assert password_login("maria").get("/").status_code == 200  # optional again


def test_only_an_administrator_resets(member, user_client):
    totp_device(member)
    response = user_client.post(reverse("accounts:reset", args=[member.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=member).exists()


def test_force_login_of_an_administrator_is_verified_like_a_real_verification(admin_client):
    assert admin_client.session[DEVICE_ID_SESSION_KEY].startswith("otp_totp.totpdevice/")
    assert admin_client.get("/").status_code == 200


def test_query_counts_of_the_pages(administrator, django_assert_num_queries):
    totp_device(administrator)
    client = password_login("anna")
    # session, user, the app, administrator? (navigation)
    with django_assert_num_queries(4):
        assert client.get(VERIFY).status_code == 200
    fresh = password_login(UserFactory(username="bertil").username)
    # The same, and the new key written to the session (an update in a savepoint: 3).
    with django_assert_num_queries(7):
        assert fresh.get(ENROL).status_code == 200
    with django_assert_num_queries(4):  # the key is kept: nothing written on a reload
        assert fresh.get(ENROL).status_code == 200
    # session, user, app, administrator?, secretary (membership, finance right), codes, person
    with django_assert_num_queries(8):
        assert fresh.get(OVERVIEW).status_code == 200


def test_garbage_in_the_code_and_the_next_address_is_refused_calmly(member, administrator):
    client = password_login("maria")
    client.get(ENROL)
    for token in ("²³⁴", "١٢٣٤٥٦", "Å" * 30):
        assert client.post(ENROL, {"token": token}).status_code == 200
    totp_device(administrator)
    admin = password_login("anna")
    garbage = "nul\x00bell\x07esc\x1b\r\n\ttab"
    response = admin.post(VERIFY, {"token": "12", "next": garbage})
    assert response.status_code == 200
    admin.force_login(administrator)
    for next_url in (garbage, "9999-99-99T99:99:99"):  # never taken for a view's name
        response = admin.post(reverse("accounts:reset", args=[member.pk]), {"next": next_url})
        assert response.status_code == 302
    assert response["Location"] == "9999-99-99T99:99:99"  # a relative address, harmless
