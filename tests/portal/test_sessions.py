"""Sessions end after an idle hour and after twelve hours whatever the activity; the login
page says why. Every response carries a Permissions-Policy."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


def test_an_idle_session_ends_and_the_login_page_says_why(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        assert client.get("/").status_code == 200
        clock.shift(61 * MINUTE)
        response = client.get("/beslut/")
        assert response.status_code == 302
        assert response["Location"] == "/konto/logga-in/?next=/beslut/"
        page = client.get(response["Location"])
    assert "Du har varit inaktiv en längre stund och har loggats ut." in page.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(kind="session_expired")
    assert event.user == user and event.detail == "Inaktiv för länge"
    # Ending a session is not recorded as a logout the user chose.
    assert not AuditEvent.objects.filter(kind="logout").exists()


def test_activity_keeps_a_session_alive(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        for _ in range(5):
            clock.shift(50 * MINUTE)
            assert client.get("/").status_code == 200


def test_a_session_ends_after_the_absolute_limit_however_active(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        for _ in range(14):  # a request every 50 minutes: 11 h 40 min
            clock.shift(50 * MINUTE)
            assert client.get("/").status_code == 200
        clock.shift(25 * MINUTE)  # 12 h 05 min after the login
        response = client.get("/", follow=True)
    assert response.redirect_chain[0][0] == "/konto/logga-in/?next=/"
    assert "Din inloggning har varat längsta tillåtna tid" in response.content.decode()


@override_settings(SESSION_IDLE_TIMEOUT=10 * 60)
def test_the_idle_limit_comes_from_the_settings(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        clock.shift(9 * MINUTE)
        assert client.get("/").status_code == 200
        clock.shift(11 * MINUTE)
        assert client.get("/").status_code == 302


def test_a_new_login_starts_the_clock_again(client, user):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(user)
        clock.shift(61 * MINUTE)
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_every_response_switches_off_powerful_browser_features(client, admin_client):
    for response in (client.get("/konto/logga-in/"), admin_client.get("/"), client.get("/x/")):
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy
