"""Demo of the outbox (issue 11 item 8): seed 003's decision RS/1009/2017 dispatched to "Chef
Område teknik, diagnostik och service" (an external recipient), and the kallelse to the RAG's
upcoming meeting. Both go through the real services, so under `make run` the messages are
"sent" to the console and the outbox shows them. Idempotent."""

from django.contrib.auth import get_user_model

from governance.demo.decisions import RAG_UPCOMING
from governance.models import Decision, Meeting, RecipientKind
from governance.services.dispatch import decision_recipient_add
from notifications.models import Mailing, MessageKind
from notifications.services import decision_dispatch, meeting_notice_send

SEED_003_RECIPIENT = ("Chef Område teknik, diagnostik och service", "chef.otds@example.se")


def _secretary_user():
    return get_user_model().objects.filter(username="sekreterare").first()


def load() -> int:
    created = 0
    decision = Decision.objects.filter(registry_number="RS/1009/2017").first()
    if decision is not None and not decision.dispatches.exists():
        name, email = SEED_003_RECIPIENT
        if not decision.recipients.exists():
            decision_recipient_add(
                actor=None, decision=decision, kind=RecipientKind.EXTERNAL, name=name, email=email
            )
        decision_dispatch(actor=_secretary_user(), decision=decision)
        created += 2
    meeting = Meeting.objects.filter(starts_at=RAG_UPCOMING).first()
    if (
        meeting is not None
        and meeting.agenda_items.exists()
        and not Mailing.objects.filter(kind=MessageKind.NOTICE, meeting=meeting).exists()
    ):
        meeting_notice_send(actor=None, meeting=meeting)
        created += 1
    return created
