"""Login throttling (django-axes): lockout by username and by address, on every login form,
a cool-off, unlocking by an administrator, and one message that reveals nothing."""

import datetime
import logging

import pytest
import time_machine
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client, override_settings
from django.urls import reverse

from audit.models import AuditEvent
from portal.access import ADMINISTRATORS_GROUP
from tests.groups.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"
ADMIN_LOGIN = "/admin/login/"
REFUSED = (
    "Fel användarnamn eller lösenord, eller för många misslyckade försök. Försök igen om en stund."
)
LIMIT = 5  # LOGIN_FAILURE_LIMIT's default


def attempt(username, password, *, ip="192.0.2.10", url=LOGIN, client=None):
    client = client or Client()
    data = {"username": username, "password": password}
    if url == ADMIN_LOGIN:
        data["next"] = "/admin/"
    return client.post(url, data, REMOTE_ADDR=ip)


def fail(times, username, *, ip="192.0.2.10", url=LOGIN):
    for _ in range(times):
        response = attempt(username, "fel-lösenord", ip=ip, url=url)
        assert response.status_code in {200, 429}


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def anna():
    return UserFactory(username="anna", first_name="Anna", last_name="Andersson")


def test_the_right_password_logs_in(anna):
    assert logged_in(attempt("anna", PASSWORD))


def test_lockout_by_username_refuses_even_the_right_password(anna):
    # From a different address each time: the username alone counts.
    for n in range(LIMIT):
        attempt("anna", "fel-lösenord", ip=f"198.51.100.{n + 1}")
    response = attempt("anna", PASSWORD, ip="203.0.113.7")
    assert response.status_code == 429
    assert not logged_in(response)
    assert REFUSED in response.content.decode()
    # Another user is not affected.
    UserFactory(username="bertil")
    assert logged_in(attempt("bertil", PASSWORD, ip="203.0.113.7"))


def test_lockout_by_address_refuses_other_accounts_from_it(anna):
    for n in range(LIMIT):
        attempt(f"gissning{n}", "fel-lösenord", ip="192.0.2.66")
    refused = attempt("anna", PASSWORD, ip="192.0.2.66")
    assert refused.status_code == 429 and not logged_in(refused)
    assert logged_in(attempt("anna", PASSWORD, ip="192.0.2.67"))


def test_one_failure_less_than_the_limit_still_logs_in(anna):
    fail(LIMIT - 1, "anna")
    assert logged_in(attempt("anna", PASSWORD))


@override_settings(AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]])
def test_the_combination_can_be_chosen(anna):
    fail(LIMIT, "anna", ip="192.0.2.10")
    assert not logged_in(attempt("anna", PASSWORD, ip="192.0.2.10"))
    assert logged_in(attempt("anna", PASSWORD, ip="192.0.2.11"))


def test_django_admin_login_is_throttled_too():
    UserFactory(username="root", is_staff=True, is_superuser=True)
    fail(LIMIT, "root", url=ADMIN_LOGIN)
    refused = attempt("root", PASSWORD, url=ADMIN_LOGIN)
    assert refused.status_code == 429
    assert not logged_in(refused)
    assert REFUSED in refused.content.decode()
    # The counter is shared: the portal's own form refuses the same account.
    assert not logged_in(attempt("root", PASSWORD, ip="203.0.113.9"))


def test_admin_login_failures_count_for_the_portal_form(anna):
    fail(LIMIT, "anna", url=ADMIN_LOGIN)
    assert not logged_in(attempt("anna", PASSWORD, ip="203.0.113.9"))


def test_lockout_ends_after_the_cool_off(anna):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        fail(LIMIT, "anna")
        clock.shift(datetime.timedelta(minutes=14))
        assert not logged_in(attempt("anna", PASSWORD))
        # A refused attempt counts as a failure and starts the 15 minutes again.
        clock.shift(datetime.timedelta(minutes=2))
        assert not logged_in(attempt("anna", PASSWORD))
        clock.shift(datetime.timedelta(minutes=16))
        assert logged_in(attempt("anna", PASSWORD))


def test_the_message_is_the_same_for_unknown_user_wrong_password_and_lockout(anna):
    def error_of(response):
        content = response.content.decode()
        start = content.index('role="alert"')
        return content[start : content.index("</div>", start)]

    unknown = error_of(attempt("finns-inte", "fel-lösenord", ip="192.0.2.1"))
    wrong = error_of(attempt("anna", "fel-lösenord", ip="192.0.2.2"))
    fail(LIMIT, "anna", ip="192.0.2.3")
    locked = error_of(attempt("anna", PASSWORD, ip="192.0.2.4"))
    assert unknown == wrong == locked
    assert REFUSED in unknown
    assert "anna" not in locked


def test_an_inactive_account_gets_the_same_message(anna):
    anna.is_active = False
    anna.save()
    assert REFUSED in attempt("anna", PASSWORD).content.decode()


def test_lockout_is_logged_and_in_the_audit_log_once(anna, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        fail(LIMIT, "anna")
        fail(2, "anna")  # attempts during the lockout are failures, not new lockouts
    lockouts = AuditEvent.objects.filter(kind="lockout")
    assert lockouts.count() == 1
    assert lockouts.get().username == "anna"
    assert lockouts.get().ip_address == "192.0.2.10"
    assert AuditEvent.objects.filter(kind="login_failed", username="anna").count() == LIMIT + 2
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
    assert len(messages) == 1 and "locked out" in messages[0] and "'anna'" in messages[0]


@pytest.fixture
def administrator():
    user = UserFactory(username="admin2", first_name="Ada", last_name="Admin")
    user.groups.add(AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)[0])
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_sees_and_lifts_a_lockout(anna, administrator):
    fail(LIMIT, "anna", ip="198.51.100.5")
    page = administrator.get(reverse("lockout_list"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "anna" in content and "198.51.100.5" in content
    assert "Lås upp" in content
    response = administrator.post(reverse("lockout_list"), {"username": "anna"}, follow=True)
    assert "Spärren för anna är hävd." in response.content.decode()
    assert logged_in(attempt("anna", PASSWORD, ip="203.0.113.50"))
    unlock = AuditEvent.objects.get(kind="unlock")
    assert unlock.user.username == "admin2" and unlock.username == "anna"


def test_lifting_an_address_lockout(anna, administrator):
    fail(LIMIT, "okänd", ip="198.51.100.9")
    assert not logged_in(attempt("anna", PASSWORD, ip="198.51.100.9"))
    administrator.post(reverse("lockout_list"), {"ip_address": "198.51.100.9"})
    assert logged_in(attempt("anna", PASSWORD, ip="198.51.100.9"))


def test_unlock_page_refuses_others(user_client, anna):
    assert user_client.get(reverse("lockout_list")).status_code == 403
    assert user_client.post(reverse("lockout_list"), {"username": "anna"}).status_code == 403
    assert Client().get(reverse("lockout_list")).status_code == 302


def test_unlock_without_a_target_says_so(administrator):
    response = administrator.post(reverse("lockout_list"), {}, follow=True)
    assert "Ange vilken spärr som ska hävas." in response.content.decode()


def test_the_page_says_when_nobody_is_locked_out(administrator):
    content = administrator.get(reverse("lockout_list")).content.decode()
    assert "Ingen är spärrad just nu." in content
    assert "Efter 5 misslyckade inloggningar spärras inloggningen i 15 minuter." in content
    assert "Försöken räknas per användarnamn och per IP-adress." in content


@override_settings(LOGIN_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_counts(anna):
    for n in range(LIMIT):
        Client().post(
            LOGIN,
            {"username": f"x{n}", "password": "fel"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.99",
        )
    proxied = {"REMOTE_ADDR": "10.0.0.1"}
    client = Client()
    blocked = client.post(
        LOGIN,
        {"username": "anna", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99",
        **proxied,
    )
    assert blocked.status_code == 429
    # Someone else behind the same proxy is not locked out; a forged left-most address is
    # ignored (only the address the proxy appended counts).
    allowed = Client().post(
        LOGIN,
        {"username": "anna", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.1",
        **proxied,
    )
    assert allowed.status_code == 302


@override_settings(LOGIN_TRUSTED_PROXY_COUNT=1)
def test_a_forwarded_value_that_is_no_address_falls_back_to_the_peer(anna):
    response = Client().post(
        LOGIN,
        {"username": "anna", "password": "fel"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="inte-en-adress",
    )
    assert response.status_code == 200
    assert AuditEvent.objects.get(kind="login_failed").ip_address == "10.0.0.1"
