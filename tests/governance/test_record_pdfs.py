"""The protokoll and the extract as a jurist reads them (text taken out with pdftotext): a §
for every item, each outcome printed as what it is, the roll call, jäv, and "Ojusterat" on
every page of papers from minutes not yet approved."""

import datetime
import subprocess

import pytest

from governance.documents.meetings import decision_extract_pdf, minutes_pdf
from governance.models import BallotChoice, DecisionStatus
from governance.services import decisions, minutes, votes
from tests.governance.records import decide, held_meeting, protocol, seat, sitting
from tests.groups.factories import UserFactory

pytestmark = pytest.mark.django_db

LONG_CASE = "\n\n".join(
    "Samverkan inom laboratorieområdet mellan regionerna startade 2011 och har sedan dess "
    "utvecklats i flera steg med rapporter, arbetsgrupper och gemensamma avtal. " * 4
    for _ in range(9)
)
OUTCOMES = [
    ("Bordlagt ärende", DecisionStatus.DEFERRED, "Nämnden beslutar att bordlägga ärendet."),
    (
        "Återremitterat ärende",
        DecisionStatus.REFERRED_BACK,
        "Nämnden beslutar att återremittera ärendet.",
    ),
    ("Avslaget förslag", DecisionStatus.REJECTED, "Nämnden beslutar att avslå förslaget."),
    ("Återtaget ärende", DecisionStatus.WITHDRAWN, "Ärendet återtas."),
]


def pages_of(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture
def session(committee):
    """A committee meeting: opening items, one decision in the matter, one of each other
    outcome, and an item decided by roll call after two motions, with one member recused."""
    chair, people, secretary = sitting(committee)
    first, second, third = people
    meeting, items = held_meeting(
        committee,
        ["Val av justerare", "Godkännande av dagordning", "Laboratoriesamverkan"]
        + [title for title, _status, _text in OUTCOMES]
        + ["Organisation"],
        present=[chair, *people, secretary],
    )
    record = protocol(meeting, chair=chair, adjuster=first, secretary=secretary)
    minutes.minutes_item_note_save(
        actor=None,
        meeting=record.meeting,
        agenda_item=items[0],
        text=f"Nämnden utser {first.full_name} att jämte ordföranden justera protokollet.",
    )
    matter = decide(
        meeting,
        items[2],
        case_description=LONG_CASE,
        proposal="Nämnden godkänner rapporten.",
        clauses=["att godkänna rapporten"],
        registry_number="RS/1009/2017",
    )
    for item, (_title, status, _text) in zip(items[3:7], OUTCOMES, strict=True):
        decide(meeting, item, status=status, clauses=[], motivation="Underlaget behöver ses över.")
    organisation = decide(meeting, items[7], clauses=["att organisationen fastställs"])
    votes.recusal_add(actor=None, decision=organisation, attendance=seat(meeting, third))
    approve = votes.motion_add(
        actor=None,
        decision=organisation,
        attendance=seat(meeting, first),
        text="bifall till förslaget",
    )
    refuse = votes.motion_add(
        actor=None, decision=organisation, attendance=seat(meeting, second), text="avslag"
    )
    votes.proposition_set(
        actor=None, decision=organisation, order=[approve, refuse], adopted=approve
    )
    votes.vote_record(
        actor=None,
        decision=organisation,
        yes_motion=approve,
        no_motion=refuse,
        ballots=[
            (seat(meeting, chair), BallotChoice.YES),
            (seat(meeting, first), BallotChoice.YES),
            (seat(meeting, second), BallotChoice.NO),
        ],
    )
    decisions.decision_reservation_add(
        actor=None, decision=organisation, person=second, text="Till förmån för eget yrkande."
    )
    return {
        "meeting": meeting,
        "minutes": record,
        "matter": matter,
        "organisation": organisation,
        "people": (chair, first, second, third, secretary),
        "items": items,
    }


def approve(session):
    record = session["minutes"]
    minutes.minutes_submit(actor=None, minutes=record)
    signed = session["meeting"].starts_at.date() + datetime.timedelta(days=5)
    chair, first, *_ = session["people"]
    for person in (chair, first):
        minutes.minutes_approve(actor=None, minutes=record, person=person, signed_on=signed)


def test_the_protokoll_has_a_paragraph_for_every_item_and_prints_each_outcome(session, tmp_path):
    minutes.minutes_submit(actor=None, minutes=session["minutes"])
    text = " ".join(pages_of(minutes_pdf(session["meeting"].pk)[0], tmp_path))
    headings = [
        "§ 1 Val av justerare",
        "§ 2 Godkännande av dagordning",
        "§ 3 Laboratoriesamverkan",
        "§ 4 Bordlagt ärende",
        "§ 5 Återremitterat ärende",
        "§ 6 Avslaget förslag",
        "§ 7 Återtaget ärende",
        "§ 8 Organisation",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Punkt " not in text
    assert "Paragrafer §§ 1–8" in text
    for _title, _status, sentence in OUTCOMES:
        assert sentence in text
    assert "Underlaget behöver ses över." in text
    assert "att notera informationen" not in text
    _chair, first, second, third, secretary = session["people"]
    assert f"Nämnden utser {first.full_name} att jämte ordföranden justera" in text
    assert "Nämnden beslutar att godkänna rapporten" in text
    assert f"{third.full_name} deltar inte i handläggningen på grund av jäv." in text
    assert f"{first.full_name} yrkar bifall till förslaget." in text
    assert (
        f"Ordföranden ställer proposition på {first.full_name}s yrkande mot "
        f"{second.full_name}s yrkande och finner att nämnden beslutar enligt" in text
    )
    assert "Votering begärs och verkställs." in text
    assert f"Ja-röst för {first.full_name}s yrkande, nej-röst för {second.full_name}s" in text
    assert f"{second.full_name} X" in text  # the roll call's table: a row per member
    assert "Med 2 ja-röster mot 1 nej-röst beslutar nämnden enligt" in text
    assert f"{second.full_name} reserverar sig mot beslutet. Till förmån för eget" in text
    assert f"Övriga närvarande {secretary.full_name}" in text  # no vote: not among Beslutande


@pytest.mark.parametrize(("index", "sentence"), [(3, OUTCOMES[0][2]), (6, OUTCOMES[3][2])])
def test_the_extract_prints_the_outcome_as_what_it_is(session, tmp_path, index, sentence):
    decision = session["items"][index].decisions.get()
    minutes.minutes_submit(actor=None, minutes=session["minutes"])
    text = " ".join(pages_of(decision_extract_pdf(decision.pk)[0], tmp_path))
    assert f"§ {index + 1}" in text and sentence in text
    assert "Justerandes signatur" in text and "Rätt utdraget intygar" in text


def test_an_extract_of_unapproved_minutes_says_ojusterat_on_every_page(session, tmp_path):
    pages = pages_of(decision_extract_pdf(session["matter"].pk)[0], tmp_path)
    assert len(pages) >= 2
    for page in pages:
        assert "OJUSTERAT" in page.upper()
    minutes_pages = pages_of(minutes_pdf(session["meeting"].pk)[0], tmp_path)
    assert all("OJUSTERAT" in page.upper() for page in minutes_pages)


def test_an_extract_of_approved_minutes_is_not_marked(session, tmp_path):
    approve(session)
    pages = pages_of(decision_extract_pdf(session["matter"].pk)[0], tmp_path)
    assert len(pages) >= 2
    assert not any("OJUSTERAT" in page.upper() for page in pages)
    assert "Protokollet justerades" in " ".join(pages)
    minutes_pages = pages_of(minutes_pdf(session["meeting"].pk)[0], tmp_path)
    assert not any("OJUSTERAT" in page.upper() for page in minutes_pages)


def test_a_paragraph_approved_at_once_is_not_marked(session, tmp_path):
    decisions.decision_approve_immediately(actor=UserFactory(), decision=session["matter"])
    pages = pages_of(decision_extract_pdf(session["matter"].pk)[0], tmp_path)
    text = " ".join(pages)
    assert "§ 3" in text and "Paragrafen justerades omedelbart" in text
    assert not any("OJUSTERAT" in page.upper() for page in pages)
    # The rest of the minutes is still unapproved.
    other = session["items"][3].decisions.get()
    assert "OJUSTERAT" in " ".join(pages_of(decision_extract_pdf(other.pk)[0], tmp_path)).upper()


def test_the_decision_page_says_ojusterat_until_approved(session, client, tmp_path):
    client.force_login(UserFactory())
    url = session["matter"].get_absolute_url()
    assert "Ojusterat." in client.get(url).content.decode()
    approve(session)
    assert "Ojusterat." not in client.get(url).content.decode()


def test_informal_notes_number_points(rag, convener, tmp_path):
    from tests.governance.conftest import member, write_header

    adjuster = member(rag)
    meeting, items = held_meeting(rag, ["Läget", "Rutin"], present=[convener, adjuster])
    record = minutes.minutes_start(actor=None, meeting=meeting)
    write_header(record.meeting, adjusters=[adjuster])
    decide(meeting, items[1], status=DecisionStatus.DEFERRED, clauses=[])
    minutes.minutes_submit(actor=None, minutes=record)
    text = " ".join(pages_of(minutes_pdf(meeting.pk)[0], tmp_path))
    assert "Punkt 1 Läget" in text and "Punkt 2 Rutin" in text
    assert "Arbetsgruppen beslutar att bordlägga ärendet." in text  # the group's word, a RAG
    assert "Justerandes signatur" not in text  # no initials on every page of informal notes
    assert "Beslutet är § 1/2025 i beslutsregistret." in text


def test_the_agenda_and_the_kallelse_name_the_commission_an_item_handles(
    admin_client, committee, tmp_path
):
    from governance.documents.meetings import agenda_pdf
    from governance.services import meetings
    from tests.governance.factories import CommissionFactory

    commission = CommissionFactory(commissioner=committee, title="Regional arbetsfördelning")
    meeting, (item,) = held_meeting(committee, ["Uppföljning av projektet"])
    meetings.agenda_item_update(actor=None, item=item, commission=commission)
    page = admin_client.get(f"/moten/{meeting.pk}/dagordning/").content.decode()
    assert f'href="{commission.get_absolute_url()}">Regional arbetsfördelning</a>' in page
    text = " ".join(pages_of(agenda_pdf(meeting.pk)[0], tmp_path))
    assert "Uppföljning av projektet Uppdrag: Regional arbetsfördelning" in text
