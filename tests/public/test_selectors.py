"""The one definition of what is published (shared with the open data)."""

import datetime

import pytest

from governance.models import Attachment, CommissionStatus, DecisionStatus, Minutes, MinutesStatus
from public.selectors import (
    downloadable_attachments,
    public_attachments,
    public_decision_text,
    public_text,
    published_commissions,
    published_decisions,
    published_minutes,
)
from tests.governance.factories import (
    AgendaItemFactory,
    CommissionFactory,
    DecisionFactory,
    MeetingFactory,
)

PERSONNUMMER = "19811218-9876"  # Luhn-valid


def _minutes(meeting, status):
    return Minutes.objects.create(meeting=meeting, kind="protocol", status=status)


@pytest.mark.django_db
def test_only_decided_and_approved_decisions_are_published():
    standalone = DecisionFactory(title="Fristående")
    DecisionFactory(title="Förslaget", status=DecisionStatus.PROPOSED)
    DecisionFactory(title="Bordlagt", status=DecisionStatus.DEFERRED)
    approved_meeting = MeetingFactory()
    _minutes(approved_meeting, MinutesStatus.APPROVED)
    in_approved = DecisionFactory(title="Justerat", meeting=approved_meeting)
    draft_meeting = MeetingFactory()
    _minutes(draft_meeting, MinutesStatus.SUBMITTED)
    DecisionFactory(title="Ojusterat", meeting=draft_meeting)
    at_once = DecisionFactory(
        title="Omedelbart",
        meeting=draft_meeting,
        immediately_approved_at=datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC),
    )

    titles = {d.title for d in published_decisions()}

    assert titles == {standalone.title, in_approved.title, at_once.title}


@pytest.mark.django_db
def test_only_approved_minutes_and_non_draft_commissions_are_published():
    approved = _minutes(MeetingFactory(), MinutesStatus.APPROVED)
    _minutes(MeetingFactory(), MinutesStatus.DRAFT)
    _minutes(MeetingFactory(), MinutesStatus.SUBMITTED)
    decided = CommissionFactory(status=CommissionStatus.DECIDED)
    completed = CommissionFactory(status=CommissionStatus.COMPLETED)
    CommissionFactory(status=CommissionStatus.DRAFT)

    assert list(published_minutes()) == [approved]
    assert set(published_commissions()) == {decided, completed}


@pytest.mark.django_db
def test_a_confidential_attachment_is_replaced_by_its_ground_and_not_downloadable():
    decision = DecisionFactory()
    public = Attachment.objects.create(decision=decision, position=1, title="Bilaga 1 – Plan")
    secret = Attachment.objects.create(
        decision=decision,
        position=2,
        title="Bilaga – patientärende",
        is_confidential=True,
        confidentiality_ground="OSL 25 kap. 1 §",
    )

    shown = public_attachments([public, secret])

    assert [a.display for a in shown] == [
        "Bilaga 1 – Plan",
        "Sekretessbelagd enligt OSL 25 kap. 1 §",
    ]
    assert "patientärende" not in repr(shown[1])
    assert list(downloadable_attachments()) == []  # neither has a file


@pytest.mark.django_db
def test_decision_text_is_masked_and_a_confidential_item_withholds_its_decision():
    meeting = MeetingFactory()
    _minutes(meeting, MinutesStatus.APPROVED)
    decision = DecisionFactory(meeting=meeting, case_description=f"Gäller {PERSONNUMMER}.")
    secret_item = AgendaItemFactory(
        meeting=meeting, is_confidential=True, confidentiality_ground="OSL 21 kap. 1 §"
    )
    under_secret = DecisionFactory(meeting=meeting, agenda_item=secret_item, title="Patient X")

    text = public_decision_text(published_decisions().get(pk=decision.pk))
    withheld = public_decision_text(published_decisions().get(pk=under_secret.pk))

    assert PERSONNUMMER not in text.case_description
    assert "[personnummer dolt]" in text.case_description
    assert withheld.title == "Sekretessbelagd enligt OSL 21 kap. 1 §"
    assert "Patient X" not in repr(withheld)


def test_public_text_masks_both_forms_and_leaves_other_numbers():
    text = public_text("Dnr RS/1009/2017, 811218-9876 och 198112189876, 2025-03-01.")

    assert text == ("Dnr RS/1009/2017, [personnummer dolt] och [personnummer dolt], 2025-03-01.")
    assert public_text(None) == ""
