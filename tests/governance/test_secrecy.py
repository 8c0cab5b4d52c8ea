"""Secrecy (sekretess) in the forms: an agenda item, an attachment or a decision can be marked
confidential with its legal ground; the ground is required, the input kept, the mark shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import AgendaItem, Attachment, Decision
from governance.services import meetings
from groups.models import MembershipRole
from tests.governance.conftest import member
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db

MISSING_GROUND = "Ange på vilken grund uppgiften är sekretessbelagd."


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def test_agenda_item_marked_confidential_needs_its_ground_and_shows_the_mark(
    client, convener, meeting
):
    client.force_login(convener.user)
    refused = client.post(
        url("meeting_agenda", meeting.pk),
        {"title": "Patientärende", "is_confidential": "on", "confidentiality_ground": " "},
    )

    assert refused.status_code == 200
    assert refused.context["form"].errors["confidentiality_ground"] == [MISSING_GROUND]
    assert 'value="Patientärende"' in refused.content.decode()
    assert not AgendaItem.objects.exists()

    client.post(
        url("meeting_agenda", meeting.pk),
        {
            "title": "Patientärende",
            "is_confidential": "on",
            "confidentiality_ground": "OSL 25 kap. 1 §",
        },
    )
    item = AgendaItem.objects.get()
    assert (item.is_confidential, item.confidentiality_ground) == (True, "OSL 25 kap. 1 §")
    page = client.get(url("meeting_detail", meeting.pk)).content.decode()
    assert "Sekretess: OSL 25 kap. 1 §" in page


def test_attachment_marked_confidential_needs_its_ground_and_stores_nothing_without(
    client, convener, meeting
):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Budget")
    client.force_login(convener.user)
    target = url("meeting_agenda_item_attachment", item.pk)

    refused = client.post(
        target,
        {
            "title": "Bilaga – patientärende",
            "file": SimpleUploadedFile("a.pdf", pdf_bytes()),
            "is_confidential": "on",
        },
    )
    assert refused.context["form"].errors["confidentiality_ground"] == [MISSING_GROUND]
    assert not Attachment.objects.exists()

    client.post(
        target,
        {
            "title": "Bilaga – patientärende",
            "file": SimpleUploadedFile("a.pdf", pdf_bytes()),
            "is_confidential": "on",
            "confidentiality_ground": "OSL 25 kap. 1 §",
        },
    )
    attachment = Attachment.objects.get()
    assert attachment.confidentiality_ground == "OSL 25 kap. 1 §"
    assert (
        "Sekretess: OSL 25 kap. 1 §"
        in client.get(url("meeting_agenda", meeting.pk)).content.decode()
    )


def test_decision_marked_confidential_on_create_and_cleared_on_edit(client, committee):
    secretary = member(committee, MembershipRole.SECRETARY, username="sekreterare")
    client.force_login(secretary.user)
    data = {
        "body": committee.pk,
        "title": "Ersättning till enskild",
        "status": "decided",
        "decision_date": "2025-10-09",
        "clauses": "bevilja ersättningen",
        "is_confidential": "on",
    }
    refused = client.post(url("decision_create"), data)
    assert refused.context["form"].errors["confidentiality_ground"] == [MISSING_GROUND]
    assert not Decision.objects.exists()

    client.post(url("decision_create"), {**data, "confidentiality_ground": "OSL 26 kap. 1 §"})
    decision = Decision.objects.get()
    assert decision.confidentiality_ground == "OSL 26 kap. 1 §"
    page = client.get(url("decision_detail", decision.pk)).content.decode()
    assert "Sekretess: OSL 26 kap. 1 §" in page

    edit = {k: v for k, v in data.items() if k not in ("body", "is_confidential")}
    response = client.post(url("decision_edit", decision.pk), {**edit, "reason": "Prövat"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.is_confidential, decision.confidentiality_ground) == (False, "")
