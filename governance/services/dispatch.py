"""Expediering: who a decision's extract goes to ("Utdrag till") and the record of sending it.

The e-mail itself is the notifications app's (`notifications.services.decision_dispatch`), which
calls `dispatch_record` here in its own transaction, so the rule and the record stay with the
body's record and governance imports nothing of notifications.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Decision, DecisionRecipient, Dispatch, Minutes
from governance.services.common import lock_meeting
from governance.services.rules import dispatch_refusal
from portal.history import save_with_history


@transaction.atomic
def decision_recipient_add(
    *,
    actor,
    decision: Decision,
    kind: str,
    group=None,
    person=None,
    region=None,
    name: str = "",
    email: str = "",
) -> DecisionRecipient:
    recipient = DecisionRecipient(
        decision=decision,
        kind=kind,
        group=group,
        person=person,
        region=region,
        name=name.strip(),
        email=email.strip(),
    )
    return save_with_history(recipient, actor=actor, reason=_("Mottagare av utdrag tillagd"))


@transaction.atomic
def decision_recipient_remove(*, actor, recipient: DecisionRecipient) -> None:
    recipient._history_user = actor
    recipient._change_reason = _("Mottagare av utdrag borttagen")
    recipient.delete()


def minutes_status_of(decision: Decision) -> str | None:
    if decision.meeting_id is None:
        return None
    return (
        Minutes.objects.filter(meeting_id=decision.meeting_id)
        .values_list("status", flat=True)
        .first()
    )


def ensure_dispatchable(decision: Decision) -> None:
    """Under the meeting's lock (so minutes cannot be taken back meanwhile): refuse before
    justering (rules.dispatch_refusal) and without recipients."""
    if decision.meeting_id:
        lock_meeting(decision.meeting_id)
    # Read again under the lock: the caller's copy may predate an omedelbar justering.
    decision = Decision.objects.get(pk=decision.pk)
    refusal = dispatch_refusal(decision, minutes_status=minutes_status_of(decision))
    if refusal:
        raise ValidationError(refusal, code="not_approved")
    if not decision.recipients.exists():
        raise ValidationError(
            _("Lägg till minst en mottagare under ”Utdrag till” innan du expedierar."),
            code="no_recipients",
        )


@transaction.atomic
def dispatch_record(*, actor, decision: Decision, recipients: list[str]) -> Dispatch:
    """The record of one dispatch: when, by whom and to whom (as "Name <address>" lines). The
    PDF's name and checksum are added by `dispatch_set_document` once it is rendered."""
    ensure_dispatchable(decision)
    dispatch = Dispatch(
        decision=decision,
        dispatched_at=timezone.now(),
        dispatched_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipients="\n".join(recipients),
    )
    dispatch.full_clean()
    dispatch.save()
    return dispatch


@transaction.atomic
def dispatch_set_document(*, dispatch: Dispatch, name: str, sha256: str, size: int) -> None:
    """Called once by the task that rendered the extract; a dispatch's PDF never changes."""
    locked = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
    if locked.pdf_sha256:
        return
    locked.pdf_name, locked.pdf_sha256, locked.pdf_size = name, sha256, size
    locked.save(update_fields=["pdf_name", "pdf_sha256", "pdf_size"])
