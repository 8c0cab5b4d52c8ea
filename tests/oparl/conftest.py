"""A published record for the OParl tests: a committee of a healthcare region with a sub-group,
members representing regions, a meeting with approved minutes (a decision with motions and a
roll call, a public and a confidential attachment, a confidential agenda item, a personnummer
in free text), a commission, and things that must not be published (a proposal, a meeting
whose minutes are not approved, e-mail and phone of the members)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import Attachment, BallotChoice, DecisionStatus, Minutes, MinutesStatus
from governance.services import attachments, minutes, votes
from groups.models import GroupKind, Membership
from tests.governance.factories import (
    AgendaItemFactory,
    CommissionFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.governance.records import decide, held_meeting, protocol, seat, sitting
from tests.groups.factories import (
    GroupFactory,
    HealthcareRegionFactory,
    MembershipFactory,
    RegionFactory,
)
from tests.helpers import pdf_bytes

PERSONNUMMER = "19811218-9876"  # Luhn-valid
SECRET_TITLE = "Bilaga – patientärende"
SECRET_GROUND = "OSL 25 kap. 1 §"
PHONE = "070-123 45 67"


def _upload(name: str, padding: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(padding=padding))


@pytest.fixture
def record(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    healthcare_region = HealthcareRegionFactory(name="Testsjukvårdsregionen", short_name="Test")
    home, other = (RegionFactory(healthcare_region=healthcare_region) for _ in range(2))
    committee = GroupFactory(
        name="Testnämnden", kind=GroupKind.COMMITTEE, healthcare_region=healthcare_region
    )
    rag = GroupFactory(name="RAG Test", parent=committee, healthcare_region=healthcare_region)
    chair, ordinary, secretary = sitting(committee, members=3)
    Membership.objects.filter(group=committee).update(region=home)
    MembershipFactory(group=rag, person=ordinary[1], region=other)
    chair.phone = PHONE
    chair.save()

    meeting, (report, case, secret) = held_meeting(
        committee,
        ["Rapport", f"Anmälan om {PERSONNUMMER}", "Enskilt ärende"],
        present=[chair, *ordinary, secretary],
    )
    protocol(meeting, chair=chair, adjuster=ordinary[0])
    decision = decide(
        meeting,
        report,
        title="Rapporten godkänns",
        registry_number="TN/12/2025",
        case_description=f"Skrivelse från {PERSONNUMMER}.",
    )
    approve = votes.motion_add(
        actor=None, decision=decision, attendance=seat(meeting, ordinary[0]), text="bifall"
    )
    refer = votes.motion_add(
        actor=None, decision=decision, attendance=seat(meeting, ordinary[1]), text="återremiss"
    )
    votes.vote_record(
        actor=None,
        decision=decision,
        yes_motion=approve,
        no_motion=refer,
        ballots=[
            (seat(meeting, chair), BallotChoice.YES),
            (seat(meeting, ordinary[0]), BallotChoice.YES),
            (seat(meeting, ordinary[1]), BallotChoice.NO),
            (seat(meeting, ordinary[2]), BallotChoice.ABSTAIN),
        ],
    )
    public_file = attachments.attachment_add(
        actor=None,
        title="Bilaga 1 – Rapport",
        upload=_upload("rapport.pdf", 10),
        agenda_item=report,
    )
    secret_file = attachments.attachment_add(
        actor=None, title=SECRET_TITLE, upload=_upload("patient.pdf", 20), agenda_item=report
    )
    Attachment.objects.filter(pk=secret_file.pk).update(
        is_confidential=True, confidentiality_ground=SECRET_GROUND
    )
    decision_file = attachments.attachment_add(
        actor=None, title="Bilaga 2", upload=_upload("beslut.pdf", 30), decision=decision
    )
    type(secret).objects.filter(pk=secret.pk).update(
        is_confidential=True, confidentiality_ground="OSL 21 kap. 1 §"
    )
    record = minutes.minutes_submit(actor=None, minutes=meeting.minutes)
    for person in (chair, ordinary[0]):
        minutes.minutes_approve(actor=None, minutes=record, person=person)

    commission = CommissionFactory(
        commissioner=committee, assignee=rag, registry_number="TN/3/2024"
    )
    proposal = DecisionFactory(
        body=committee, status=DecisionStatus.PROPOSED, title="Hemligt förslag", number=None
    )
    unapproved = MeetingFactory(group=rag, title="Ojusterat möte")
    Minutes.objects.create(meeting=unapproved, kind="notes", status=MinutesStatus.SUBMITTED)
    AgendaItemFactory(meeting=unapproved, title="Ej publicerad punkt")
    return {
        "body": healthcare_region,
        "committee": committee,
        "rag": rag,
        "regions": (home, other),
        "chair": chair,
        "meeting": meeting,
        "items": (report, case, secret),
        "decision": decision,
        "files": (public_file, secret_file, decision_file),
        "commission": commission,
        "proposal": proposal,
        "unapproved": unapproved,
    }


def more_published(body, committee, n: int):
    """n more of everything a list shows: groups with a member, meetings with approved minutes
    and an item with a file, standalone decisions, commissions."""
    for index in range(n):
        group = GroupFactory(parent=committee, healthcare_region=body)
        MembershipFactory(group=group)
        meeting = MeetingFactory(
            group=group, starts_at=datetime.datetime(2025, 6, 1 + index, 9, tzinfo=datetime.UTC)
        )
        Minutes.objects.create(meeting=meeting, kind="notes", status=MinutesStatus.APPROVED)
        item = AgendaItemFactory(meeting=meeting)
        stored = default_storage.save(f"oparl-test/{index}.pdf", ContentFile(pdf_bytes()))
        Attachment.objects.create(
            agenda_item=item,
            title=f"Bilaga {index}",
            file=stored,
            original_name=f"bilaga-{index}.pdf",
            mime_type="application/pdf",
            size=default_storage.size(stored),
            sha512="0" * 128,
        )
        DecisionFactory(body=committee, registry_number=f"TN/{100 + index}/2025")
        CommissionFactory(commissioner=committee, assignee=group)
