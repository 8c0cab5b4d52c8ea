"""The outbox page for administrators (filters, pagination, a fixed number of queries), the
preferences page in the user menu, and the counts the dashboard and GDPR export will read."""

import re

import pytest
from django.urls import reverse

from notifications.models import MailOptOut, MessageKind, MessageStatus, OutboxMessage
from tests.groups.factories import UserFactory

pytestmark = pytest.mark.django_db


def outbox_rows(n, *, status=MessageStatus.SENT, kind=MessageKind.NOTICE):
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            kind=kind,
            to_name=f"Mottagare {i}",
            to_email=f"m{i}@example.org",
            subject=f"Kallelse {i}",
            body_text="Text",
            status=status,
            attempts=1,
            last_error="SMTPServerDisconnected: Connection unexpectedly closed"
            if status == MessageStatus.FAILED
            else "",
        )
        for i in range(n)
    )


def test_the_outbox_is_for_administrators_and_in_their_navigation(admin_client, client):
    page = admin_client.get(reverse("dashboard"))
    assert reverse("notifications:outbox") in page.text and "Utskick" in page.text
    client.force_login(UserFactory())
    assert client.get(reverse("notifications:outbox")).status_code == 403
    outbox_link = f'href="{reverse("notifications:outbox")}"'
    assert outbox_link not in client.get(reverse("dashboard")).text


def test_the_outbox_filters_by_status_kind_and_recipient(admin_client):
    outbox_rows(3)
    outbox_rows(2, status=MessageStatus.FAILED, kind=MessageKind.DISPATCH)
    page = admin_client.get(reverse("notifications:outbox"), {"status": "failed"})
    assert page.text.count("Connection unexpectedly closed") == 2
    assert "0 i kö · 3 skickade · 2 misslyckade" in page.text
    page = admin_client.get(reverse("notifications:outbox"), {"kind": "notice", "q": "m1@"})
    assert "m1@example.org" in page.text and "m0@example.org" not in page.text


@pytest.mark.parametrize("rows", [3, 120])
def test_the_outbox_pages_by_50_with_a_fixed_number_of_queries(
    admin_client, django_assert_num_queries, rows
):
    outbox_rows(rows)
    url = reverse("notifications:outbox")
    admin_client.get(url)
    # Session, user, administrator group, the page (one row more, no COUNT), counts per status.
    with django_assert_num_queries(5):
        page = admin_client.get(url, {"status": "sent"})
    assert page.text.count("@example.org</span>") == min(rows, 50)
    if rows > 50:
        assert "Sida 1 (1–50)" in page.text
        last = admin_client.get(url, {"status": "sent", "page": 3})
        assert last.text.count("@example.org</span>") == 20
        assert "Sida 3 (101–120)" in last.text


def test_the_outbox_sorts_by_a_column_and_keeps_the_sort_with_the_filters(
    admin_client, django_assert_num_queries
):
    outbox_rows(3)
    OutboxMessage.objects.filter(to_name="Mottagare 1").update(attempts=4)
    url = reverse("notifications:outbox")
    admin_client.get(url)
    with django_assert_num_queries(5):
        page = admin_client.get(url, {"sortera": "-forsok", "status": "sent"})
    names = re.findall(r"Mottagare \d", page.text)
    assert names[0] == "Mottagare 1"
    by_name = re.findall(r"Mottagare \d", admin_client.get(url, {"sortera": "-mottagare"}).text)
    assert by_name == ["Mottagare 2", "Mottagare 1", "Mottagare 0"]
    # The status filter's form keeps the sort; the header link keeps the filter.
    assert '<input type="hidden" name="sortera" value="-forsok">' in page.text
    assert 'href="?status=sent&amp;sortera=mottagare"' in page.text


def test_each_user_chooses_their_reminders_but_not_kallelse_or_dispatch(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("dashboard"))
    assert reverse("notifications:preferences") in page.text
    page = client.get(reverse("notifications:preferences"))
    assert page.text.count("Skickas alltid") == 2
    assert page.text.count("disabled") == 2
    response = client.post(reverse("notifications:preferences"), {"justering": "on"})
    assert response.status_code == 302
    assert set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == {
        "deliverable",
        "follow_up",
        "meeting",
    }
    # A forged post cannot turn off kallelse: disabled fields keep their initial value.
    client.post(reverse("notifications:preferences"), {"notice": "", "justering": "on"})
    assert not MailOptOut.objects.filter(user=user, kind="notice").exists()
    page = client.get(reverse("notifications:preferences"))
    inputs = dict(re.findall(r'<input type="checkbox" name="(\w+)"([^>]*)>', page.text))
    assert "checked" in inputs["justering"] and "checked" not in inputs["meeting"]
    assert "checked" in inputs["notice"] and "disabled" in inputs["notice"]


def test_the_preferences_page_has_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.force_login(UserFactory())
    url = reverse("notifications:preferences")
    client.get(url)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
