"""The messages sent to a person are part of their data (GDPR export) and lose the name and
address when the person is erased."""

import json

import pytest
from django.urls import reverse

from groups import services
from notifications.models import MessageKind, OutboxMessage
from tests.groups.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_export_lists_the_messages_and_erasure_takes_the_address_out(admin_client):
    person = PersonFactory(first_name="Karin", last_name="Kallad", email="karin@region.example")
    OutboxMessage.objects.create(
        kind=MessageKind.NOTICE,
        person=person,
        to_name="Karin Kallad",
        to_email="karin@region.example",
        subject="Kallelse: RAG Njurmedicin 2027-02-10",
        body_text="Välkommen till mötet.",
    )
    response = admin_client.get(reverse("groups:person_data_export", args=[person.pk]))
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert [m["subject"] for m in data["messages"]] == ["Kallelse: RAG Njurmedicin 2027-02-10"]
    assert data["messages"][0]["to_email"] == "karin@region.example"

    services.person_erase(actor=None, person=person)

    message = OutboxMessage.objects.get()
    assert (message.to_name, message.to_email) == ("", "raderad@invalid")
    assert message.subject == "Kallelse: RAG Njurmedicin 2027-02-10"  # the record stays
