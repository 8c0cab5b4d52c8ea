"""The public notice board: which minutes are announced, the dates a notice states, when it
comes down into the archive, and the Atom feed. All seen as a visitor who is not logged in."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import MinutesKind
from governance.services import minutes as minutes_services
from groups import services as group_services
from groups.models import GroupKind, NoticeBoardChoice
from noticeboard import selectors
from noticeboard.appeal import appeal_last_day
from tests.governance.conftest import write_header
from tests.governance.records import held_meeting, protocol
from tests.groups.factories import GroupFactory
from tests.noticeboard.conftest import ago, approved_protocol, seats

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def long_date(day: datetime.date) -> str:
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december"]  # fmt: skip
    return f"{day.day} {months[day.month - 1]} {day.year}"


def test_approved_protokoll_of_a_committee_is_posted_the_day_it_is_approved(committee, client):
    group_services.group_update(
        actor=None, group=committee, minutes_kept_at="Nämndens kansli, Regionhuset, Lund"
    )
    minutes = approved_protocol(committee, held=9, approved=2, announced=None)
    assert minutes.announced_on == timezone.localdate()

    response = client.get(reverse("noticeboard:board"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Justerat protokoll: Testnämnden" in page
    assert long_date(ago(9)) in page  # the meeting
    assert long_date(ago(2)) in page  # the justering
    assert long_date(timezone.localdate()) in page  # posted
    assert long_date(appeal_last_day(timezone.localdate())) in page  # comes down
    assert "Nämndens kansli, Regionhuset, Lund" in page
    assert "sista dag att överklaga" in page


def test_a_notice_stays_up_through_the_last_day_to_appeal_then_moves_to_the_archive(committee):
    minutes = approved_protocol(committee, held=40, approved=35, announced=30)
    down_on = appeal_last_day(minutes.announced_on)

    assert [n.minutes_id for n in selectors.current_notices(today=down_on)] == [minutes.pk]
    assert selectors.archived_notices(today=down_on).object_list == []

    after = down_on + datetime.timedelta(days=1)
    assert selectors.current_notices(today=after) == []
    assert [n.minutes_id for n in selectors.archived_notices(today=after).object_list] == [
        minutes.pk
    ]


def test_the_archive_page_lists_notices_taken_down(committee, client):
    old = approved_protocol(committee, held=70, approved=65, announced=60)
    current = approved_protocol(committee, held=5, approved=1, announced=1)

    board = client.get(reverse("noticeboard:board")).content.decode()
    archive = client.get(reverse("noticeboard:archive")).content.decode()

    assert f'id="anslag-{current.pk}"' in board and f'id="anslag-{old.pk}"' not in board
    assert reverse("noticeboard:notice", args=[old.pk]) in archive
    assert reverse("noticeboard:notice", args=[current.pk]) not in archive


def test_only_formal_minutes_of_bodies_that_keep_a_notice_board_are_posted(committee):
    rag = GroupFactory(name="RAG Test", kind=GroupKind.RAG)
    opted_in = GroupFactory(name="Politisk styrgrupp", kind=GroupKind.POLITICAL_STEERING)
    group_services.group_update(actor=None, group=opted_in, notice_board=NoticeBoardChoice.YES)
    opted_out = GroupFactory(name="Nämnd utan tavla", kind=GroupKind.COMMITTEE)
    group_services.group_update(actor=None, group=opted_out, notice_board=NoticeBoardChoice.NO)
    posted = {approved_protocol(g, held=6, approved=1).pk for g in (committee, opted_in)}
    approved_protocol(rag, held=6, approved=1)
    approved_protocol(opted_out, held=6, approved=1)
    # Notes of a committee are no protokoll: not announced.
    chair, ordinary, secretary = seats(committee)
    meeting, _ = held_meeting(committee, ["Punkt"], day=ago(4), present=[chair, ordinary[0]])
    protocol(meeting, chair=chair, adjuster=ordinary[0], secretary=secretary)
    notes = write_header(meeting, kind=MinutesKind.NOTES)
    minutes_services.minutes_submit(actor=None, minutes=notes)
    for person in (chair, ordinary[0]):
        minutes_services.minutes_approve(actor=None, minutes=notes, person=person)

    assert {n.minutes_id for n in selectors.current_notices()} == posted
    assert committee.keeps_notice_board and opted_in.keeps_notice_board
    assert not rag.keeps_notice_board and not opted_out.keeps_notice_board


def test_submitted_minutes_waiting_for_approval_are_not_posted(committee, client):
    chair, ordinary, secretary = seats(committee)
    meeting, _ = held_meeting(committee, ["Punkt"], day=ago(3), present=[chair, ordinary[0]])
    minutes = protocol(meeting, chair=chair, adjuster=ordinary[0], secretary=secretary)
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    minutes_services.minutes_approve(actor=None, minutes=minutes, person=chair)

    assert selectors.current_notices() == []
    assert client.get(reverse("noticeboard:notice", args=[minutes.pk])).status_code == 404


def test_a_justering_is_not_announced_before_it_happened_nor_in_the_future(committee):
    chair, ordinary, secretary = seats(committee)
    meeting, _ = held_meeting(committee, ["Punkt"], day=ago(10), present=[chair, ordinary[0]])
    minutes = protocol(meeting, chair=chair, adjuster=ordinary[0], secretary=secretary)
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    minutes_services.minutes_approve(actor=None, minutes=minutes, person=chair, signed_on=ago(5))
    for announced in (ago(6), ago(-1)):
        with pytest.raises(ValidationError, match="tillkännages"):
            minutes_services.minutes_approve(
                actor=None, minutes=minutes, person=ordinary[0], signed_on=ago(5),
                announced_on=announced,
            )  # fmt: skip
    minutes.refresh_from_db()
    assert minutes.announced_on is None and minutes.approved_at is None


def test_the_notice_page_and_the_atom_feed(committee, client):
    minutes = approved_protocol(committee, held=8, approved=3, announced=2)
    notice_url = reverse("noticeboard:notice", args=[minutes.pk])

    page = client.get(notice_url)
    feed = client.get(reverse("noticeboard:feed"))

    assert page.status_code == 200
    assert long_date(appeal_last_day(ago(2))) in page.content.decode()
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href").endswith(notice_url)
    assert "Testnämnden" in entry.find(f"{ATOM}title").text
    summary = entry.find(f"{ATOM}summary").text
    assert f"Tas ned den {long_date(appeal_last_day(ago(2)))}" in summary
    assert entry.find(f"{ATOM}updated").text.startswith(ago(2).isoformat())


def test_login_page_and_footer_link_to_the_notice_board(client):
    login = client.get(reverse("login")).content.decode()
    accessibility = client.get(reverse("accessibility")).content.decode()

    board_url = reverse("noticeboard:board")
    assert login.count(f'href="{board_url}"') == 2  # in the text and in the footer
    assert f'href="{board_url}"' in accessibility


@pytest.mark.parametrize("count", [1, 4])
def test_query_counts_do_not_grow_with_the_notices(
    committee, client, count, django_assert_num_queries
):
    minutes = [approved_protocol(committee, held=6, approved=1) for _ in range(count)]
    for _ in range(count):
        approved_protocol(committee, held=90, approved=80, announced=80)

    with django_assert_num_queries(1):
        assert client.get(reverse("noticeboard:board")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("noticeboard:archive")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("noticeboard:archive"), {"sortera": "organ"}).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("noticeboard:feed")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("noticeboard:notice", args=[minutes[0].pk])).status_code == 200


def test_the_archive_sorts_by_a_column(committee, client):
    from groups.models import GroupKind
    from tests.groups.factories import GroupFactory

    other = GroupFactory(name="Arbetsutskottet", kind=GroupKind.COMMITTEE)
    approved_protocol(committee, held=90, approved=80, announced=80)
    approved_protocol(other, held=120, approved=100, announced=100)
    archive = reverse("noticeboard:archive")
    newest = client.get(archive).content.decode()
    assert newest.find(committee.name) < newest.find("Arbetsutskottet")
    by_body = client.get(archive, {"sortera": "organ"}).content.decode()
    assert by_body.find("Arbetsutskottet") < by_body.find(f">{committee.name}<")
    assert 'aria-sort="ascending"' in by_body
    assert 'data-label="Anslaget"' in by_body and "stack-table" in by_body
