"""Attachments: files recognised by their content, size-limited and checksummed."""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Filen är för stor (%(size)s). Största tillåtna storlek är %(max)s.")
                % {"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)}
            }
        )


def validate_upload(data: bytes, name: str) -> str:
    """The MIME type of an acceptable upload, or a Swedish message for the file field."""
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
    return mime_type


@transaction.atomic
def attachment_add(
    *,
    actor,
    title: str,
    upload=None,
    agenda_item: AgendaItem | None = None,
    decision: Decision | None = None,
) -> Attachment:
    """Add an attachment to an agenda item or a decision. Without a file it is a reference to
    a paper kept elsewhere (e.g. "Skrivelse 2018-04-05 från kansliet")."""
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
    )
    if upload is not None:
        if upload.size is not None:
            check_size(upload.size)  # before reading a huge file into memory
        data = upload.read()
        attachment.mime_type = validate_upload(data, upload.name)
        attachment.size = len(data)
        attachment.sha512 = hashlib.sha512(data).hexdigest()
        attachment.original_name = upload.name[-255:]
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
