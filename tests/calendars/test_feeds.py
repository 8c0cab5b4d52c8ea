"""Calendar feeds: a member's meetings behind a secret, revocable address, valid iCalendar
(parsed back with `icalendar`), with a stable UID, a SEQUENCE raised on every change, the place
and the agenda, cancelled meetings marked so, and the one-meeting download."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from calendars.models import CalendarToken
from calendars.services import calendar_token_create, calendar_token_revoke
from governance.models import AgendaItem, MeetingStatus
from governance.services import meetings as meeting_services
from tests.governance.conftest import member
from tests.governance.factories import TZ
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


def upcoming(days: int = 10) -> datetime.datetime:
    start = datetime.datetime.now(TZ).replace(hour=13, minute=0, second=0, microsecond=0)
    return start + datetime.timedelta(days=days)


def new_meeting(group, *, days=10, **fields):
    if "video_link" not in fields:
        fields.setdefault("place", "Regionhuset")
    meeting = meeting_services.meeting_create(
        actor=None,
        group=group,
        title=fields.pop("title", "Nätverksmöte"),
        starts_at=upcoming(days),
        ends_at=upcoming(days) + datetime.timedelta(hours=2),
        **fields,
    )
    return meeting


def events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def feed_url(token) -> str:
    return reverse("calendars:personal_feed", args=[token.token])


def test_the_personal_feed_holds_the_meetings_of_the_persons_groups(rag, convener):
    other = GroupFactory(name="Annan grupp")
    meeting = new_meeting(rag, place="Regionhuset, rum 3", video_link="https://video.invalid/m")
    meeting_services.agenda_item_add(actor=None, meeting=meeting, title="Mötets öppnande")
    meeting_services.agenda_item_add(actor=None, meeting=meeting, title="Regional rutin")
    new_meeting(other, title="Hemligt möte")
    token = calendar_token_create(actor=convener.user)

    found = events(Client().get(feed_url(token)))

    assert list(found) == ["RAG Test: Nätverksmöte"]
    event = found["RAG Test: Nätverksmöte"]
    assert str(event["UID"]) == f"meeting-{meeting.pk}@samverkansportalen"
    assert str(event["LOCATION"]) == "Regionhuset, rum 3"
    assert "1. Mötets öppnande\n2. Regional rutin" in str(event["DESCRIPTION"])
    assert "https://video.invalid/m" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert str(event["STATUS"]) == "CONFIRMED"


def test_sequence_rises_on_every_change_and_a_cancelled_meeting_says_so(rag, convener):
    meeting = new_meeting(rag, place="Rum 1")
    token = calendar_token_create(actor=convener.user)
    client = Client()

    def current():
        return next(iter(events(client.get(feed_url(token))).values()))

    first = current()
    assert int(first["SEQUENCE"]) == 0
    meeting_services.meeting_update(actor=None, meeting=meeting, place="Rum 2")
    assert int(current()["SEQUENCE"]) == 1
    item = meeting_services.agenda_item_add(actor=None, meeting=meeting, title="Ny punkt")
    meeting_services.agenda_item_update(actor=None, item=item, title="Ändrad punkt")
    after = current()
    assert int(after["SEQUENCE"]) == 3
    assert str(after["UID"]) == str(first["UID"])
    assert "Ändrad punkt" in str(after["DESCRIPTION"])

    meeting_services.meeting_update(actor=None, meeting=meeting, status=MeetingStatus.CANCELLED)
    cancelled = current()
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 4


def test_a_confidential_item_shows_only_that_it_is_one(rag, convener):
    meeting = new_meeting(rag)
    secret = meeting_services.agenda_item_add(
        actor=None, meeting=meeting, title="Patientärende 19121212-1212"
    )
    # The secrecy form is the public helper's work; the fields exist on main.
    AgendaItem.objects.filter(pk=secret.pk).update(
        is_confidential=True, confidentiality_ground="OSL 25 kap. 1 §"
    )
    meeting_services.agenda_item_add(actor=None, meeting=meeting, title="Svar till 19121212-1212")
    token = calendar_token_create(actor=convener.user)

    description = str(next(iter(events(Client().get(feed_url(token))).values()))["DESCRIPTION"])

    assert "1. Sekretessbelagd punkt" in description
    assert "Patientärende" not in description
    assert "19121212-1212" not in description


def test_a_revoked_or_replaced_token_answers_404(rag, convener):
    first = calendar_token_create(actor=convener.user)
    second = calendar_token_create(actor=convener.user)
    client = Client()

    assert client.get(feed_url(first)).status_code == 404
    assert client.get(feed_url(second)).status_code == 200
    assert calendar_token_revoke(actor=convener.user) is True
    assert client.get(feed_url(second)).status_code == 404
    assert client.get(reverse("calendars:personal_feed", args=["gissad"])).status_code == 404
    assert CalendarToken.objects.filter(user=convener.user, revoked_at__isnull=True).count() == 0


def test_the_group_feed_is_for_its_members_only(rag, convener):
    new_meeting(rag)
    outsider = member(GroupFactory(name="Annan grupp"), username="utomstaende")
    client = Client()
    own = calendar_token_create(actor=convener.user)
    theirs = calendar_token_create(actor=outsider.user)

    assert len(events(client.get(reverse("calendars:group_feed", args=[own.token, rag.pk])))) == 1
    assert (
        client.get(reverse("calendars:group_feed", args=[theirs.token, rag.pk])).status_code == 404
    )


def test_add_to_calendar_downloads_one_meeting_for_its_readers(rag, convener):
    meeting = new_meeting(rag, place="Rum 1")
    url = reverse("calendars:meeting_ics", args=[meeting.pk])
    reader = Client()
    reader.force_login(convener.user)
    outsider = Client()
    outsider.force_login(member(GroupFactory(name="Annan"), username="annan").user)

    response = reader.get(url)

    assert list(events(response)) == ["RAG Test: Nätverksmöte"]
    assert response["Content-Disposition"].startswith("attachment")
    assert Calendar.from_ical(response.content)["METHOD"] == "PUBLISH"
    assert outsider.get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page
    page = reader.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "Lägg till i kalender" in page


def test_the_calendar_page_creates_shows_and_revokes_the_address(rag, convener):
    client = Client()
    client.force_login(convener.user)
    page = reverse("calendars:page")

    assert "Du har ingen kalenderlänk" in client.get(page).content.decode()
    response = client.post(reverse("calendars:token_create"), follow=True)
    token = CalendarToken.objects.get(user=convener.user, revoked_at__isnull=True)
    shown = response.content.decode()
    assert f"http://testserver{feed_url(token)}" in shown
    assert f"webcal://testserver{feed_url(token)}" in shown
    assert reverse("calendars:group_feed", args=[token.token, rag.pk]) in shown

    response = client.post(reverse("calendars:token_revoke"), follow=True)
    assert "återkallad" in response.content.decode()
    assert token.token not in response.content.decode()
    assert Client().get(feed_url(token)).status_code == 404


@pytest.mark.parametrize("count", [1, 5])
def test_feed_and_page_query_counts_do_not_grow_with_the_meetings(
    rag, convener, count, django_assert_num_queries
):
    for n in range(count):
        meeting = new_meeting(rag, days=10 + n)
        meeting_services.agenda_item_add(actor=None, meeting=meeting, title="Punkt")
        GroupFactory(name=f"Grupp {n}")
    token = calendar_token_create(actor=convener.user)
    client = Client()
    logged_in = Client()
    logged_in.force_login(convener.user)

    with django_assert_num_queries(3):  # the token, the meetings, their agendas
        events(client.get(feed_url(token)))
    # + the group, the rights on it (administrator? the user's and groups' rights, one query)
    with django_assert_num_queries(6):
        events(client.get(reverse("calendars:group_feed", args=[token.token, rag.pk])))
    with django_assert_num_queries(7):
        events(logged_in.get(reverse("calendars:meeting_ics", args=[meeting.pk])))
    with django_assert_num_queries(5):
        assert logged_in.get(reverse("calendars:page")).status_code == 200


def test_the_audit_log_names_an_address_without_its_secret(convener, admin_client):
    """The address is named by its owner; the log never prints the secret."""
    token = calendar_token_create(actor=convener.user)

    response = admin_client.get(reverse("audit:log"))

    assert response.status_code == 200
    assert "Kalenderlänk" in response.content.decode()
    assert token.token not in response.content.decode()
