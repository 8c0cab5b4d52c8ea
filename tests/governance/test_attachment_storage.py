"""Attachments in S3-compatible object storage (a real SeaweedFS server): uploaded through
the portal into the bucket, served back through the access check, checksum intact."""

import hashlib
from pathlib import Path

import pytest
from django.urls import reverse

from governance.models import Attachment
from governance.services import meetings
from tests.governance.test_attachments import upload
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db


def test_an_upload_is_kept_in_the_bucket_and_served_back_to_members_only(
    client, convener, meeting, user, s3_storage, s3_server, settings
):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Budget")
    # Larger than one streamed chunk, so the download is really read in parts.
    data = pdf_bytes(padding=300_000)
    client.force_login(convener.user)
    assert upload(client, item, "budget 2026.pdf", data).status_code == 302
    attachment = Attachment.objects.get()
    assert s3_server.keys(s3_storage) == [attachment.file.name]
    assert attachment.file.name.startswith("governance/attachments/")  # named by checksum
    stored = s3_server.client().get_object(Bucket=s3_storage, Key=attachment.file.name)
    assert stored["Body"].read() == data
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()  # not on disk

    response = client.get(reverse("governance:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    assert hashlib.sha512(served).hexdigest() == attachment.sha512
    assert served == data
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="budget 2026.pdf"' in response["Content-Disposition"]

    client.force_login(user)  # not a member of the group
    assert client.get(attachment.get_absolute_url()).status_code == 403


def test_the_same_file_twice_is_kept_once(client, convener, meeting, s3_storage, s3_server):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Budget")
    client.force_login(convener.user)
    data = pdf_bytes(pages=2)
    upload(client, item, "a.pdf", data, title="Bilaga 1")
    upload(client, item, "b.pdf", data, title="Bilaga 2")
    first, second = Attachment.objects.order_by("position")
    assert first.file.name == second.file.name
    assert s3_server.keys(s3_storage) == [first.file.name]


def test_a_storage_that_refuses_is_a_message_next_to_the_file_not_an_error_page(
    client, convener, meeting, s3_storage, settings
):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Budget")
    options = settings.STORAGES["default"]["OPTIONS"]
    settings.STORAGES = {  # a key the storage does not know: it refuses every write
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {**options, "secret_key": "fel"}},
    }
    client.force_login(convener.user)
    response = upload(client, item, "budget.pdf", pdf_bytes(pages=3), title="Budget")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Filen kunde inte sparas just nu: lagringen för bilagor svarar inte. Försök igen om en "
        "stund; kvarstår felet, kontakta kansliet."
    ]
    assert 'value="Budget"' in response.content.decode()  # what was typed stays
    assert not Attachment.objects.exists()
