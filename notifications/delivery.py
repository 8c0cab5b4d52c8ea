"""Sending one outbox message, once. Runs in the background task, never in a page request.

The message row is locked while it is sent, so two workers never send it both; a sent message
is never sent again. A failure (server down, refused, an address the server rejects, a PDF that
could not be rendered) leaves the message queued with the error and the attempt counted, and
schedules the next attempt with backoff; after MAIL_MAX_ATTEMPTS it is marked failed and stays
in the outbox until an administrator sends it again.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from governance.documents.meetings import agenda_pdf, decision_extract_pdf
from governance.services.dispatch import dispatch_set_document
from notifications.models import (
    DocumentKind,
    MailDocument,
    Mailing,
    MessageStatus,
    OutboxMessage,
)
from portal.pdf_limits import PdfRefused

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failed attempt.
BACKOFF_MINUTES = (1, 5, 30, 120, 480)
RENDERERS = {DocumentKind.AGENDA: agenda_pdf, DocumentKind.DECISION: decision_extract_pdf}


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def mailing_document(mailing_id: int) -> MailDocument:
    """The mailing's PDF, rendered by the first message that needs it (the mailing's row lock
    makes the others wait for it) and kept for every message and retry of the mailing."""
    mailing = (
        Mailing.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=mailing_id)
    )
    if mailing.document is not None:
        return mailing.document
    object_id = mailing.meeting_id if mailing.document_kind == DocumentKind.AGENDA else None
    object_id = object_id or mailing.decision_id
    content, filename = RENDERERS[mailing.document_kind](object_id)
    document = MailDocument.objects.create(
        kind=mailing.document_kind,
        filename=filename,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    mailing.document = document
    mailing.save(update_fields=["document"])
    if mailing.dispatch_id:
        dispatch_set_document(
            dispatch=mailing.dispatch, name=filename, sha256=document.sha256, size=document.size
        )
    return document


SPECIALS = set('()<>[]:;@\\,."')


def address(name: str, email: str) -> str:
    """'Name <address>', quoted when the name has specials; Django encodes it when sending."""
    if not name:
        return email
    if SPECIALS & set(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{email}>"


def build_email(message: OutboxMessage, document: MailDocument | None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address(message.to_name, message.to_email)],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    if document is not None:
        email.attach(document.filename, bytes(document.content), "application/pdf")
    return email


def deliver(message_id: int) -> str:
    """Returns what happened ("sent", "retry", "failed", "skipped"), for the task's result."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=MessageStatus.QUEUED)
            .first()
        )
        if message is None:  # sent already, failed for good, or being sent by another worker
            return "skipped"
        now = timezone.now()
        if message.next_attempt_at and message.next_attempt_at > now:
            return "skipped"  # an early duplicate; the scheduled attempt will send it
        message.attempts += 1
        try:
            document = None
            if message.mailing_id and message.mailing.document_kind:
                # A savepoint: a database fault while rendering leaves the row lock usable to
                # record the failure; a document rendered stays even if the sending fails.
                with transaction.atomic():
                    document = mailing_document(message.mailing_id)
            build_email(message, document).send(fail_silently=False)
        except (smtplib.SMTPException, OSError, PdfRefused) as error:
            return _failed(message, error, now=now)
        except Exception as error:  # a fault of ours: counted and kept like any other failure
            logger.exception("E-post %s kunde inte byggas eller skickas", message.pk)
            return _failed(message, error, now=now)
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.next_attempt_at = None
        message.save(
            update_fields=["status", "sent_at", "last_error", "next_attempt_at", "attempts"]
        )
        return "sent"


def _failed(message: OutboxMessage, error: Exception, *, now) -> str:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= settings.MAIL_MAX_ATTEMPTS:
        message.status = MessageStatus.FAILED
        message.next_attempt_at = None
        outcome = "failed"
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        outcome = "retry"
    message.save(update_fields=["status", "last_error", "next_attempt_at", "attempts"])
    logger.warning("E-post %s till %s: %s", message.pk, message.to_email, message.last_error)
    if outcome == "retry":
        from notifications.scheduling import schedule

        transaction.on_commit(lambda: schedule(message.pk, at=message.next_attempt_at))
    return outcome
