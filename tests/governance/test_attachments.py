"""Uploads are judged by content, size-limited, checksummed and served only to those who may
see what they belong to."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from governance.models import Attachment
from governance.services import attachments, meetings
from tests.governance.conftest import member
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


PDF = pdf_bytes()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (PDF, "application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "image/jpeg"),
        (odt_bytes(), "application/vnd.oasis.opendocument.text"),
        (docx_bytes(), attachments.DOCX),
    ],
)
def test_allowed_types_recognised_by_content(data, mime):
    assert attachments.sniff_mime_type(data) == mime


@pytest.fixture
def item(meeting):
    return meetings.agenda_item_add(actor=None, meeting=meeting, title="Budget")


def upload(client, item, name, data, title="Bilaga 1"):
    return client.post(
        reverse("governance:meeting_agenda_item_attachment", args=[item.pk]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


def test_upload_is_stored_with_checksum_and_served_to_members_only(
    client, convener, item, rag, user
):
    client.force_login(convener.user)
    response = upload(client, item, "bilaga.pdf", PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.mime_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.sha512 == hashlib.sha512(PDF).hexdigest()
    assert attachment.original_name == "bilaga.pdf"
    assert "bilaga.pdf" not in attachment.file.name  # stored under its checksum
    download = reverse("governance:attachment_download", args=[attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    client.force_login(member(rag).user)
    assert client.get(download).status_code == 200
    client.force_login(user)
    assert client.get(download).status_code == 403


def test_forbidden_type_refused_whatever_its_name(client, convener, item):
    client.force_login(convener.user)
    response = upload(client, item, "rapport.pdf", b"MZ\x90\x00 this is a windows program")
    message = response.context["form"].errors["file"][0]
    assert "inte av en tillåten typ" in message and "innehållet avgör" in message
    assert 'value="Bilaga 1"' in response.content.decode()  # what was typed stays
    assert not Attachment.objects.exists()
    zip_without_office = io.BytesIO()
    with zipfile.ZipFile(zip_without_office, "w") as archive:
        archive.writestr("evil.sh", "rm -rf /")
    response = upload(client, item, "dokument.docx", zip_without_office.getvalue())
    assert "inte av en tillåten typ" in response.context["form"].errors["file"][0]


def test_oversized_upload_refused(client, convener, item, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_BYTES", 1024)
    client.force_login(convener.user)
    response = upload(client, item, "stor.pdf", PDF + b"\0" * 2048)
    assert "Filen är för stor" in response.context["form"].errors["file"][0]
    assert not Attachment.objects.exists()


def test_reference_without_file_is_listed_not_served(client, convener, item):
    reference = attachments.attachment_add(
        actor=None, agenda_item=item, title="Skrivelse 2018-04-05 från kansliet"
    )
    client.force_login(convener.user)
    assert client.get(reference.get_absolute_url()).status_code == 404
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Skrivelse 2018-04-05 från kansliet" in page


def test_attachment_added_by_mistake_is_removed_but_kept_in_history(client, convener, item, rag):
    client.force_login(convener.user)
    upload(client, item, "fel.pdf", PDF, title="Fel bilaga")
    attachment = Attachment.objects.get()
    remove = reverse("governance:attachment_remove", args=[attachment.pk])
    client.force_login(member(rag).user)
    assert client.post(remove).status_code == 403  # members read, managers change
    client.force_login(convener.user)
    response = client.post(remove, follow=True)
    assert "Bilagan är borttagen." in response.content.decode()
    assert not Attachment.objects.exists()
    removed = Attachment.history.filter(history_type="-").get()
    assert removed.title == "Fel bilaga"
    assert removed.history_user == convener.user
    assert removed.history_change_reason == "Bilaga borttagen: Fel bilaga"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "falsk.pdf",
            "%PDF-1.4\nDet här är bara text.\n".encode(),
            "börjar som en PDF men går inte",
        ),
        ("halv.pdf", PDF[: len(PDF) // 2], "börjar som en PDF men går inte"),
        ("hemlig.pdf", pdf_bytes(password="hemligt"), "lösenordsskyddad PDF"),
        ("bild.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "ser ut som en bild men går inte"),
    ],
    ids=["text-with-pdf-header", "truncated-pdf", "password-pdf", "broken-png"],
)
def test_a_file_must_open_as_the_type_it_claims(client, convener, item, name, data, message):
    client.force_login(convener.user)
    response = upload(client, item, name, data)
    assert message in response.context["form"].errors["file"][0]
    assert not Attachment.objects.exists()


def test_a_damaged_office_file_is_refused(client, convener, item):
    data = bytearray(docx_bytes())
    data[data.index(b"<w:document/>")] ^= 0xFF  # the stored CRC no longer matches
    client.force_login(convener.user)
    response = upload(client, item, "trasig.docx", bytes(data))
    assert "är skadad" in response.context["form"].errors["file"][0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "stored"),
    [
        ("x.html", PDF, "x.pdf"),
        ("Protokoll 2025.PDF", PDF, "Protokoll 2025.PDF"),
        ("rapport", PDF, "rapport.pdf"),
        ("skiss.txt", png_bytes(), "skiss.png"),
        ("brev.pdf", docx_bytes(), "brev.docx"),
        ("text.docx", odt_bytes(), "text.odt"),
    ],
)
def test_the_stored_and_served_name_takes_the_extension_of_the_content(
    client, convener, item, name, data, stored
):
    client.force_login(convener.user)
    assert upload(client, item, name, data).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == stored
    response = client.get(reverse("governance:attachment_download", args=[attachment.pk]))
    assert response["Content-Type"] == attachment.mime_type
    assert response["Content-Disposition"] == f'attachment; filename="{stored}"'


def test_an_older_row_with_a_misleading_name_is_served_by_its_type(client, convener, item):
    client.force_login(convener.user)
    upload(client, item, "bilaga.pdf", PDF)
    Attachment.objects.update(original_name="bilaga.html")  # as stored before the check
    attachment = Attachment.objects.get()
    response = client.get(reverse("governance:attachment_download", args=[attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="bilaga.pdf"'
