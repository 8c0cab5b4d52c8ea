"""Attachments: files recognised by their content, size-limited and checksummed."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from governance.models import AgendaItem, Attachment, Decision
from governance.services.common import ensure_meeting_editable
from portal.history import save_with_history

logger = logging.getLogger(__name__)
MAX_BYTES = 20 * 1024 * 1024
ALLOWED_DESCRIPTION = "PDF, Word (DOCX), Excel (XLSX), OpenDocument-text (ODT), PNG eller JPEG"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sniff_mime_type(data: bytes) -> str | None:
    """The file's type from its first bytes (and for zip containers, their contents)."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    return ODT if archive.read("mimetype").strip() == ODT.encode() else None
                if "[Content_Types].xml" in names:
                    if "word/document.xml" in names:
                        return DOCX
                    if "xl/workbook.xml" in names:
                        return XLSX
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
    return None


# The extensions of each accepted type; the first is the one a stored name is given.
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
}


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Filen är för stor (%(size)s). Största tillåtna storlek är %(max)s.")
                % {"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)}
            }
        )


def _pdf_refusal(data: bytes, name: str) -> str | None:
    """A file that starts like a PDF must open as one: pypdf reads its cross-reference table
    and page tree (a text file beginning with "%PDF-1.4" does not get that far)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return _(
                "Filen %(name)s är en lösenordsskyddad PDF. Spara den utan lösenord och "
                "ladda upp den igen."
            ) % {"name": name}
        if len(reader.pages) < 1:
            raise PdfReadError("no pages")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # pypdf reports a damaged file with its own errors and, deep inside a broken file,
        # with the built-in ones; none of them is a PDF anyone can open.
        return _(
            "Filen %(name)s börjar som en PDF men går inte att öppna som en. Spara den som "
            "PDF på nytt och ladda upp den igen."
        ) % {"name": name}
    return None


def _zip_refusal(data: bytes, name: str) -> str | None:
    """An Office or OpenDocument file is a zip archive: every member must be intact."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
        damaged = name
    if damaged is not None:
        return _("Filen %(name)s är skadad och går inte att öppna.") % {"name": name}
    return None


def _image_refusal(data: bytes, name: str) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return _("Filen %(name)s ser ut som en bild men går inte att öppna som en.") % {
            "name": name
        }
    return None


def validate_upload(data: bytes, name: str) -> str:
    """The MIME type of an acceptable upload, or a Swedish message for the file field: the
    content decides the type, and the file must open as that type."""
    if not data:
        raise ValidationError({"file": _("Filen %(name)s är tom.") % {"name": name}})
    check_size(len(data))
    mime_type = sniff_mime_type(data)
    if mime_type is None:
        raise ValidationError(
            {
                "file": _(
                    "Filen %(name)s är inte av en tillåten typ (innehållet avgör, inte "
                    "filnamnet). Tillåtna typer: %(types)s."
                )
                % {"name": name, "types": ALLOWED_DESCRIPTION}
            }
        )
    if mime_type == "application/pdf":
        refusal = _pdf_refusal(data, name)
    elif mime_type.startswith("image/"):
        refusal = _image_refusal(data, name)
    else:
        refusal = _zip_refusal(data, name)
    if refusal:
        raise ValidationError({"file": refusal})
    return mime_type


def stored_name(name: str, mime_type: str) -> str:
    """The uploader's file name with the extension of the type its content has: a PDF
    uploaded as "x.html" is kept and served as "x.pdf"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    extensions = EXTENSIONS.get(mime_type)
    if not extensions or base.lower().endswith(extensions):
        return base[-255:]
    stem = os.path.splitext(base)[0] or _("bilaga")
    return stem[: 255 - len(extensions[0])] + extensions[0]


def download_name(attachment: Attachment) -> str:
    """The name a download is given (older rows may have been stored with another extension)."""
    return stored_name(attachment.original_name or attachment.title, attachment.mime_type)


@transaction.atomic
def attachment_add(
    *,
    actor,
    title: str,
    upload=None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
    is_confidential: bool = False,
    confidentiality_ground: str = "",
) -> Attachment:
    """Add an attachment to an agenda item or a decision. Without a file it is a reference to
    a paper kept elsewhere (e.g. "Skrivelse 2018-04-05 från kansliet"). A confidential one
    (sekretess, with its legal ground) is withheld from the public side."""
    if agenda_item is not None:
        ensure_meeting_editable(agenda_item.meeting)
        siblings = Attachment.objects.filter(agenda_item=agenda_item)
    else:
        from governance.services.decisions import ensure_decision_editable

        ensure_decision_editable(decision)
        siblings = Attachment.objects.filter(decision=decision)
    attachment = Attachment(
        agenda_item=agenda_item,
        decision=decision,
        title=title,
        position=(siblings.aggregate(n=Max("position"))["n"] or 0) + 1,
        is_confidential=is_confidential,
        confidentiality_ground=confidentiality_ground,
    )
    # The ground is checked before the file is stored, so a refusal leaves nothing behind.
    attachment.clean_confidentiality()
    if upload is not None:
        if upload.size is not None:
            check_size(upload.size)  # before reading a huge file into memory
        data = upload.read()
        attachment.mime_type = validate_upload(data, upload.name)
        attachment.size = len(data)
        attachment.sha512 = hashlib.sha512(data).hexdigest()
        attachment.original_name = stored_name(upload.name, attachment.mime_type)
        try:
            attachment.file.save("upload", ContentFile(data), save=False)
        except OSError as error:  # the disk or the object storage (portal.s3) failed
            logger.exception("Attachment not stored")
            raise ValidationError(
                {
                    "file": _(
                        "Filen kunde inte sparas just nu: lagringen för bilagor svarar inte. "
                        "Försök igen om en stund; kvarstår felet, kontakta kansliet."
                    )
                }
            ) from error
    save_with_history(
        attachment, actor=actor, reason=_("Bilaga tillagd: %(title)s") % {"title": title}
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    """Remove an attachment added by mistake, while what it belongs to can still change.

    The stored file stays (files are kept by checksum and may be shared; the history row still
    names it), so nothing that was once part of the record is lost.
    """
    if attachment.agenda_item_id:
        ensure_meeting_editable(attachment.agenda_item.meeting)
    else:
        from governance.services.decisions import ensure_decision_editable

        ensure_decision_editable(attachment.decision)
    attachment._history_user = actor if actor is not None and actor.is_authenticated else None
    attachment._change_reason = _("Bilaga borttagen: %(title)s") % {"title": attachment.title}
    attachment.delete()
