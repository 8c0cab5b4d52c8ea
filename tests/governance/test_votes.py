"""Motions, the propositionsordning, roll-call votes, jäv and reservations: only those who
took part in a decision, with a vote, move, vote or reserve; the result is counted and, on a
tie, the chair's vote decides."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import AttendanceStatus, BallotChoice, Vote
from governance.selectors.decisions import decision_overview, reservation_candidates
from governance.services import decisions, minutes, votes
from groups.permissions import MANAGE_DECISIONS
from tests.governance.records import decide, held_meeting, protocol, seat, sitting

pytestmark = pytest.mark.django_db

YES, NO, ABSTAIN = BallotChoice.YES, BallotChoice.NO, BallotChoice.ABSTAIN


@pytest.fixture
def board(committee):
    """Chair, four members (the last absent, a substitute serving for the third) and a
    secretary without a vote, at a meeting with one item under decision."""
    chair, people, secretary = sitting(committee, members=4)
    first, second, third, absent = people
    meeting, (item,) = held_meeting(
        committee,
        ["Organisation"],
        present=[
            chair,
            first,
            second,
            (third, AttendanceStatus.SUBSTITUTED, "Erik Ersättare"),
            secretary,
        ],
        absent=[absent],
    )
    decision = decide(meeting, item)
    return {
        "committee": committee,
        "meeting": meeting,
        "decision": decision,
        "chair": seat(meeting, chair),
        "first": seat(meeting, first),
        "second": seat(meeting, second),
        "substitute": seat(meeting, third),
        "absent": seat(meeting, absent),
        "secretary": seat(meeting, secretary),
        "people": (chair, first, second, third, absent, secretary),
    }


def two_motions(board):
    decision = board["decision"]
    approve = votes.motion_add(
        actor=None, decision=decision, attendance=board["first"], text="bifall till förslaget"
    )
    refer = votes.motion_add(
        actor=None,
        decision=decision,
        attendance=board["second"],
        text="att ärendet återremitteras.",
    )
    return approve, refer


def roll_call(board, approve, refer, choices):
    seats = ["chair", "first", "second", "substitute"]
    return votes.vote_record(
        actor=None,
        decision=board["decision"],
        yes_motion=approve,
        no_motion=refer,
        ballots=[(board[name], choice) for name, choice in zip(seats, choices, strict=True)],
    )


def printed(board):
    return decision_overview(board["decision"].pk).text


def test_motions_and_the_propositionsordning_read_as_in_a_swedish_protocol(board):
    approve, refer = two_motions(board)
    votes.proposition_set(
        actor=None, decision=board["decision"], order=[approve, refer], adopted=approve
    )
    _chair, first, second, *_ = board["people"]
    text = printed(board)
    assert text.motions == [
        f"{first.full_name} yrkar bifall till förslaget.",
        f"{second.full_name} yrkar att ärendet återremitteras.",
    ]
    assert text.proposition == (
        f"Ordföranden ställer proposition på {first.full_name}s yrkande mot "
        f"{second.full_name}s yrkande och finner att nämnden beslutar enligt "
        f"{first.full_name}s yrkande."
    )


def test_a_roll_call_is_counted_ja_against_nej(board):
    approve, refer = two_motions(board)
    roll_call(board, approve, refer, [YES, YES, NO, ABSTAIN])
    vote = printed(board).vote
    first = board["people"][1]
    assert (vote.yes, vote.no, vote.abstain) == (2, 1, 1)
    assert vote.result == (
        f"Med 2 ja-röster mot 1 nej-röst, 1 avstod, beslutar nämnden enligt "
        f"{first.full_name}s yrkande."
    )
    names = [row.name for row in vote.rows]
    assert any(name.startswith("Erik Ersättare (ersättare för") for name in names)
    assert len(names) == 4  # the absent member and the secretary without a vote do not vote


def test_on_a_tie_the_chairs_vote_decides(board):
    approve, refer = two_motions(board)
    vote = roll_call(board, approve, refer, [NO, YES, NO, YES])
    assert vote.casting_vote_by == board["chair"]
    text = printed(board).vote
    second = board["people"][2]
    assert text.result == (
        f"Med 2 ja-röster mot 2 nej-röster och ordförandens utslagsröst beslutar nämnden enligt "
        f"{second.full_name}s yrkande."
    )
    assert [row.casting for row in text.rows].count(True) == 1


def test_a_tie_without_the_chairs_ja_or_nej_is_refused(board):
    approve, refer = two_motions(board)
    with pytest.raises(ValidationError) as error:
        roll_call(board, approve, refer, [ABSTAIN, YES, NO, ABSTAIN])
    assert "ordförandens röst (utslagsröst)" in " ".join(error.value.messages)
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("who", "reason"),
    [("absent", "frånvarande vid mötet"), ("secretary", "saknar rösträtt")],
)
def test_a_ballot_for_someone_absent_or_without_a_vote_is_refused(board, who, reason):
    approve, refer = two_motions(board)
    ballots = [(board[n], YES) for n in ("chair", "first", "second", "substitute", who)]
    with pytest.raises(ValidationError) as error:
        votes.vote_record(
            actor=None,
            decision=board["decision"],
            yes_motion=approve,
            no_motion=refer,
            ballots=ballots,
        )
    assert f"kan inte rösta: {reason}." in " ".join(error.value.messages)
    assert not Vote.objects.exists()


def test_every_seat_answers_and_a_recused_member_takes_no_part(board):
    approve, refer = two_motions(board)
    with pytest.raises(ValidationError) as error:
        votes.vote_record(
            actor=None,
            decision=board["decision"],
            yes_motion=approve,
            no_motion=refer,
            ballots=[(board["chair"], YES), (board["first"], YES)],
        )
    assert "Saknas:" in " ".join(error.value.messages)
    votes.recusal_add(actor=None, decision=board["decision"], attendance=board["substitute"])
    with pytest.raises(ValidationError) as error:
        roll_call(board, approve, refer, [YES, YES, NO, NO])
    assert "på grund av jäv" in " ".join(error.value.messages)
    votes.vote_record(
        actor=None,
        decision=board["decision"],
        yes_motion=approve,
        no_motion=refer,
        ballots=[(board["chair"], YES), (board["first"], YES), (board["second"], NO)],
    )
    assert printed(board).recusals == [
        f"{board['substitute'].seat_name} deltar inte i handläggningen på grund av jäv."
    ]


def test_someone_who_moved_or_voted_cannot_then_be_recorded_as_recused(board):
    _approve, _refer = two_motions(board)
    with pytest.raises(ValidationError) as error:
        votes.recusal_add(actor=None, decision=board["decision"], attendance=board["first"])
    assert "har yrkat, röstat eller reserverat sig" in error.value.message_dict["attendance"][0]
    with pytest.raises(ValidationError) as error:
        votes.motion_add(
            actor=None, decision=board["decision"], attendance=board["absent"], text="avslag"
        )
    assert "kan inte yrka i ärendet: frånvarande" in error.value.message_dict["attendance"][0]


def test_motions_votes_and_jav_change_only_while_the_minutes_can(board):
    approve, refer = two_motions(board)
    chair, first, *_ = board["people"]
    record = protocol(board["meeting"], chair=chair, adjuster=first)
    minutes.minutes_submit(actor=None, minutes=record)
    with pytest.raises(ValidationError) as error:
        roll_call(board, approve, refer, [YES, YES, NO, NO])
    assert "lämnat för justering" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        votes.motion_remove(actor=None, motion=approve)


def test_only_those_who_took_part_may_reserve(board):
    decision = board["decision"]
    votes.recusal_add(actor=None, decision=decision, attendance=board["second"])
    offered = {p.label for p in reservation_candidates(decision)}
    chair, first, second, _third, absent, secretary = board["people"]
    assert offered == {chair.full_name, first.full_name, board["substitute"].seat_name}
    for person, reason in [
        (absent, "frånvarande vid mötet"),
        (secretary, "saknar rösträtt"),
        (second, "på grund av jäv"),
    ]:
        with pytest.raises(ValidationError) as error:
            decisions.decision_reservation_add(actor=None, decision=decision, person=person)
        assert reason in error.value.message_dict["person"][0]
    # The substitute who served may reserve, named as who sat in the seat.
    kept = decisions.decision_reservation_add(
        actor=None,
        decision=decision,
        attendance=board["substitute"],
        text="Till förmån för avslag.",
    )
    assert kept.person is None
    assert printed(board).reservations == [
        f"{board['substitute'].seat_name} reserverar sig mot beslutet. Till förmån för avslag."
    ]


def test_a_reservation_at_a_meeting_without_attendance_is_refused(committee):
    _chair, (member_, *_), _secretary = sitting(committee)
    meeting, (item,) = held_meeting(committee, ["Rapport"])
    decision = decide(meeting, item)
    with pytest.raises(ValidationError) as error:
        decisions.decision_reservation_add(actor=None, decision=decision, person=member_)
    assert "Registrera närvaron vid mötet först" in error.value.message_dict["person"][0]


# --- pages, without JavaScript -------------------------------------------------------------


@pytest.fixture
def secretary_client(client, board):
    from tests.governance.conftest import member

    clerk = member(board["committee"], "secretary")
    client.force_login(clerk.user)
    assert clerk.user.has_perm(MANAGE_DECISIONS, board["committee"])
    return client


def test_motions_proposition_and_roll_call_are_recorded_from_the_pages(secretary_client, board):
    client = secretary_client
    decision = board["decision"]
    page = client.get(f"/beslut/{decision.pk}/")
    assert "Jäv, yrkanden och propositionsordning" in page.content.decode()
    for seat_, text in [(board["first"], "bifall till förslaget"), (board["second"], "avslag")]:
        response = client.post(
            f"/beslut/{decision.pk}/handlaggning/",
            {"motion-attendance": seat_.pk, "motion-text": text},
        )
        assert response.status_code == 302
    approve, refuse = decision.motions.order_by("position")
    response = client.post(
        f"/beslut/{decision.pk}/handlaggning/",
        {"motion-attendance": board["absent"].pk, "motion-text": "bordläggning"},
    )
    assert "Välj en ledamot som deltar i beslutet." in response.content.decode()
    response = client.post(
        f"/beslut/{decision.pk}/propositionsordning/",
        {
            f"proposition-order_{approve.pk}": "1",
            f"proposition-order_{refuse.pk}": "2",
            "proposition-adopted": approve.pk,
        },
    )
    assert response.status_code == 302
    form_page = client.get(f"/beslut/{decision.pk}/votering/").content.decode()
    assert form_page.count('name="ballot_') == 4  # a row per seat taking part
    data = {"yes_motion": approve.pk, "no_motion": refuse.pk}
    for name, choice in [("chair", YES), ("first", YES), ("second", NO)]:
        data[f"ballot_{board[name].pk}"] = choice
    response = client.post(f"/beslut/{decision.pk}/votering/", data)
    assert response.status_code == 200  # the substitute's answer is missing
    content = response.content.decode()
    assert "Ange ja, nej eller avstår för Erik Ersättare" in content
    assert 'value="yes" selected' in content  # what was entered stays
    data[f"ballot_{board['substitute'].pk}"] = ABSTAIN
    response = client.post(f"/beslut/{decision.pk}/votering/", data)
    assert response.status_code == 302
    page = client.get(f"/beslut/{decision.pk}/").content.decode()
    assert "Med 2 ja-röster mot 1 nej-röst, 1 avstod, beslutar nämnden enligt" in page


def test_the_reservation_form_offers_only_those_who_took_part(secretary_client, board):
    page = secretary_client.get(f"/beslut/{board['decision'].pk}/").content.decode()
    chair, first, _second, _third, absent, secretary = board["people"]
    form = page[page.index('id="reservation-heading"') :]
    for name in (chair.full_name, first.full_name, "Erik Ersättare (ersättare för"):
        assert name in form
    for name in (absent.full_name, secretary.full_name):
        assert f">{name}<" not in form
    response = secretary_client.post(
        f"/beslut/{board['decision'].pk}/reservation/", {"person": f"a{board['absent'].pk}"}
    )
    assert response.status_code == 302
    assert not board["decision"].reservations.exists()
