"""Every write of the notifications app: messages into the outbox (sent after the commit by
the background task), kallelse, dispatch, sending again, and each user's choice of mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Decision, DecisionRecipient, Meeting
from governance.services import dispatch as dispatch_services
from governance.services.common import lock_meeting
from notifications.mail import Recipient, absolute_url, render_message
from notifications.models import (
    MANDATORY_KINDS,
    DocumentKind,
    Mailing,
    MailOptOut,
    MessageKind,
    MessageStatus,
    OutboxMessage,
)
from notifications.notices import dispatch_recipients, notice_refusal
from notifications.scheduling import enqueue_on_commit
from notifications.selectors import notice_state


def opted_out_user_ids(kind: str, user_ids: set[int]) -> set[int]:
    if kind in MANDATORY_KINDS or not user_ids:
        return set()
    return set(
        MailOptOut.objects.filter(kind=kind, user_id__in=user_ids).values_list("user_id", flat=True)
    )


def _message(recipient: Recipient, *, kind, template, subject, context, **concerns):
    rendered = render_message(
        template, subject=subject, context={**context, "recipient": recipient}
    )
    message = OutboxMessage(
        kind=kind,
        person=recipient.person,
        user=recipient.user,
        to_name=recipient.name,
        to_email=recipient.email,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        **concerns,
    )
    message.full_clean()
    return message


@transaction.atomic
def messages_queue(
    *,
    kind: str,
    recipients: list[Recipient],
    template: str,
    subject: str,
    context: dict,
    mailing: Mailing | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    minutes=None,
    deliverable=None,
) -> list[OutboxMessage]:
    """One message per recipient (each address once; users who turned this kind off are left
    out unless it is mandatory), written now and sent by the task after the commit."""
    opted_out = opted_out_user_ids(kind, {r.user.pk for r in recipients if r.user is not None})
    seen, messages = set(), []
    for recipient in recipients:
        address = recipient.email.strip().lower()
        if not address or address in seen:
            continue
        if recipient.user is not None and recipient.user.pk in opted_out:
            continue
        seen.add(address)
        message = _message(
            recipient,
            kind=kind,
            template=template,
            subject=subject,
            context=context,
            mailing=mailing,
            meeting=meeting,
            decision=decision,
            minutes=minutes,
            deliverable=deliverable,
        )
        message.save()
        messages.append(message)
    enqueue_on_commit([m.pk for m in messages])
    return messages


def reminder_queue(*, occasion: str, recipient: Recipient, kind: str, **arguments) -> bool:
    """One reminder for one occasion, once: the unique constraint on `occasion` refuses a
    second row (the job run twice, two workers at once), so there is no check-then-insert.
    Returns whether it was queued now."""
    if recipient.user is not None and opted_out_user_ids(kind, {recipient.user.pk}):
        return False
    message = _message(recipient, kind=kind, **arguments)
    message.occasion = occasion
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return False
    enqueue_on_commit([message.pk])
    return True


# --- kallelse -----------------------------------------------------------------------------


@transaction.atomic
def meeting_notice_send(*, actor, meeting: Meeting) -> Mailing:
    """Send the kallelse with the agenda PDF attached and the public attachments linked. A
    new version when the agenda changed since the last kallelse ("Ändrad kallelse")."""
    lock_meeting(meeting.pk)
    state = notice_state(meeting)
    refusal = notice_refusal(meeting, has_items=bool(state.items), now=timezone.now())
    if refusal:
        raise ValidationError(refusal, code="refused")
    if not any(r.email for r in state.recipients):
        raise ValidationError(_("Ingen av de kallade har en e-postadress."), code="no_addresses")
    mailing = Mailing(
        kind=MessageKind.NOTICE,
        meeting=meeting,
        version=state.next_version,
        is_changed=state.is_changed,
        fingerprint=state.fingerprint,
        document_kind=DocumentKind.AGENDA,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    mailing.full_clean()
    mailing.save()
    day = timezone.localtime(meeting.starts_at)
    subject = _("%(what)s: %(group)s %(date)s") % {
        "what": _("Ändrad kallelse") if state.is_changed else _("Kallelse"),
        "group": meeting.group.name,
        "date": f"{day:%Y-%m-%d}",
    }
    mailing.recipient_count = len(
        messages_queue(
            kind=MessageKind.NOTICE,
            recipients=state.recipients,
            template="notice",
            subject=subject,
            context={
                "meeting": meeting,
                "day": day,
                "ends": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
                "items": state.items,
                "attachments": [
                    (a.title, absolute_url(reverse("governance:attachment_download", args=[a.pk])))
                    for a in state.attachments
                ],
                "is_changed": state.is_changed,
                "version": state.next_version,
                "meeting_url": absolute_url(meeting.get_absolute_url()),
            },
            mailing=mailing,
            meeting=meeting,
        )
    )
    return mailing


# --- dispatch (expediering) ---------------------------------------------------------------


@transaction.atomic
def decision_dispatch(*, actor, decision: Decision) -> Mailing:
    """Send the extract to everyone under "Utdrag till" in one action, and record it. Refused
    before justering (governance.services.rules.dispatch_refusal) and without recipients."""
    recipients = list(
        DecisionRecipient.objects.filter(decision=decision).select_related(
            "group", "person__user", "region"
        )
    )
    lines = dispatch_recipients(recipients)
    unreachable = [label for label, reached in lines if not reached]
    if recipients and unreachable:
        raise ValidationError(
            _("Det finns ingen e-postadress för: %(names)s.") % {"names": ", ".join(unreachable)},
            code="no_address",
        )
    reached = [r for _label, rs in lines for r in rs]
    dispatch = dispatch_services.dispatch_record(
        actor=actor,
        decision=decision,
        recipients=[f"{r.name} <{r.email}>" for r in reached],
    )
    mailing = Mailing(
        kind=MessageKind.DISPATCH,
        decision=decision,
        dispatch=dispatch,
        document_kind=DocumentKind.DECISION,
        created_by=dispatch.dispatched_by,
    )
    mailing.full_clean()
    mailing.save()
    paragraph = f"§ {decision.number} " if decision.number else ""
    messages_queue(
        kind=MessageKind.DISPATCH,
        recipients=reached,
        template="dispatch",
        subject=_("Protokollsutdrag: %(paragraph)s%(title)s")
        % {
            "paragraph": paragraph,
            "title": decision.title,
        },
        context={
            "decision": decision,
            "body": decision.body,
            "paragraph": paragraph.strip(),
            "decision_url": absolute_url(decision.get_absolute_url()),
        },
        mailing=mailing,
        decision=decision,
    )
    return mailing


# --- the outbox ---------------------------------------------------------------------------


@transaction.atomic
def message_resend(*, actor, message: OutboxMessage) -> OutboxMessage:
    """An administrator sends a failed (or still queued) message again, now."""
    locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if locked.status == MessageStatus.SENT:
        raise ValidationError(_("Meddelandet är redan skickat."), code="sent")
    locked.status = MessageStatus.QUEUED
    locked.next_attempt_at = None
    locked.save(update_fields=["status", "next_attempt_at"])
    enqueue_on_commit([locked.pk])
    return locked


@transaction.atomic
def preferences_save(*, actor, user, enabled_kinds: set[str]) -> None:
    """The kinds of reminder the user wants; kallelse and dispatch always come."""
    optional = [k for k in MessageKind.values if k not in MANDATORY_KINDS]
    unknown = set(enabled_kinds) - set(MessageKind.values)
    if unknown:
        raise ValidationError(_("Okänd typ av e-post."), code="unknown")
    wanted_off = {k for k in optional if k not in enabled_kinds}
    MailOptOut.objects.filter(user=user).exclude(kind__in=wanted_off).delete()
    existing = set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    for kind in sorted(wanted_off - existing):
        opt_out = MailOptOut(user=user, kind=kind)
        opt_out.full_clean()
        opt_out.save()
