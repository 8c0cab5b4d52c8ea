"""Agenda items are reordered with up/down buttons (plain POST forms, no JavaScript) or by
dragging (static/js/agenda.js posts the same form); numbers follow, 1..n, with history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import AgendaItem
from governance.services import meetings, minutes
from tests.governance.conftest import member, write_header

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(meeting):
    return [
        meetings.agenda_item_add(actor=None, meeting=meeting, title=title)
        for title in ("Öppnande", "Rapport", "Budget", "Övrigt")
    ]


def order(meeting) -> list[tuple[int, str]]:
    return list(
        AgendaItem.objects.filter(meeting=meeting).order_by("number").values_list("number", "title")
    )


def move_url(item) -> str:
    return reverse("governance:meeting_agenda_item_move", args=[item.pk])


def test_moving_an_item_renumbers_the_agenda_with_history(meeting, agenda, convener):
    budget = agenda[2]
    meetings.agenda_item_move(actor=convener.user, item=budget, position=1)
    assert order(meeting) == [(1, "Budget"), (2, "Öppnande"), (3, "Rapport"), (4, "Övrigt")]
    moved = AgendaItem.history.filter(id=budget.pk).first()
    assert moved.history_change_reason == "Punkt flyttad från 3 till 1"
    assert moved.history_user == convener.user
    shifted = AgendaItem.history.filter(id=agenda[1].pk).first()
    assert shifted.history_change_reason == "Punkt numrerad om från 2 till 3"
    # The item that kept its number has no new history row; no parked number was recorded.
    assert AgendaItem.history.filter(id=agenda[3].pk).count() == 1
    assert set(AgendaItem.history.values_list("number", flat=True)) == {1, 2, 3, 4}


def test_gaps_close_and_out_of_range_positions_go_to_an_end(meeting, agenda):
    meetings.agenda_item_delete(actor=None, item=agenda[1])  # numbers 1, 3, 4
    meetings.agenda_item_move(actor=None, item=agenda[0], position=99)
    assert order(meeting) == [(1, "Budget"), (2, "Övrigt"), (3, "Öppnande")]
    meetings.agenda_item_move(actor=None, item=agenda[0], position=0)
    assert order(meeting) == [(1, "Öppnande"), (2, "Budget"), (3, "Övrigt")]


def test_up_and_down_buttons_work_without_javascript(client, meeting, agenda, convener):
    client.force_login(convener.user)
    page = client.get(reverse("governance:meeting_agenda", args=[meeting.pk])).content.decode()
    assert page.count(f'action="{move_url(agenda[1])}"') == 2  # up and down
    assert page.count(f'action="{move_url(agenda[0])}"') == 1  # the first only goes down
    assert 'src="/static/js/agenda.js"' in page
    assert f'data-move-url="{move_url(agenda[3])}"' in page  # what dragging posts to

    response = client.post(move_url(agenda[3]), {"position": 3}, follow=True)  # "Flytta upp"
    assert response.redirect_chain[-1][0].endswith(f"#punkt-{agenda[3].pk}")
    assert "”Övrigt” är nu punkt 3." in response.content.decode()
    assert order(meeting) == [(1, "Öppnande"), (2, "Rapport"), (3, "Övrigt"), (4, "Budget")]
    client.post(move_url(agenda[0]), {"position": 2})  # "Flytta ned"
    assert order(meeting)[:2] == [(1, "Rapport"), (2, "Öppnande")]


def test_a_drop_posts_the_new_place(client, meeting, agenda, convener):
    """What agenda.js sends when "Övrigt" is dragged to the top."""
    client.force_login(convener.user)
    client.post(move_url(agenda[3]), {"position": 1})
    assert [title for _n, title in order(meeting)] == ["Övrigt", "Öppnande", "Rapport", "Budget"]
    response = client.post(move_url(agenda[3]), {"position": "x"}, follow=True)
    assert "Ange vart punkten ska flyttas." in response.content.decode()


def test_reordering_is_refused_once_the_minutes_are_submitted(
    client, meeting, agenda, convener, rag
):
    write_header(meeting, adjusters=[member(rag)])
    minutes.minutes_submit(actor=None, minutes=meeting.minutes)
    with pytest.raises(ValidationError) as error:
        meetings.agenda_item_move(actor=None, item=agenda[2], position=1)
    assert "lämnat för justering" in " ".join(error.value.messages)
    client.force_login(convener.user)
    response = client.post(move_url(agenda[2]), {"position": 1}, follow=True)
    assert "Protokollet är lämnat för justering och kan inte ändras." in response.content.decode()
    assert [title for _n, title in order(meeting)] == ["Öppnande", "Rapport", "Budget", "Övrigt"]


def test_only_those_who_manage_meetings_reorder(client, meeting, agenda, rag):
    client.force_login(member(rag).user)
    assert client.post(move_url(agenda[2]), {"position": 1}).status_code == 403
