"""The generator's dispatches: only decided decisions of dispatching bodies whose minutes are
approved, after the approval, to every region of the body's healthcare region, with history."""

import pytest

from governance.models import Decision, DecisionRecipient, Dispatch
from governance.services.rules import dispatch_refusal
from scale.dispatches import DISPATCHING_KINDS
from scale.generator import generate
from scale.sizes import SCALES

pytestmark = pytest.mark.django_db
# How scale.organisation describes the groups it makes (the demo's own groups say otherwise).
GENERATED = "Regional samverkan inom"


def test_generated_dispatches_follow_the_rules_of_expediering():
    generate(SCALES["demo"], 1, log=lambda text: None)
    dispatches = Dispatch.objects.filter(decision__body__description__startswith=GENERATED)
    dispatches = dispatches.select_related("decision__body", "decision__meeting__minutes")
    generated = list(dispatches.order_by("pk"))
    assert len(generated) > 50
    for dispatch in generated[:200]:
        decision = dispatch.decision
        minutes = decision.meeting.minutes
        assert decision.body.kind in DISPATCHING_KINDS
        assert dispatch_refusal(decision, minutes_status=minutes.status) is None
        assert dispatch.dispatched_at > minutes.approved_at
        regions = decision.body.healthcare_region.regions.count()
        assert len(dispatch.recipient_list) == regions
    recipients = DecisionRecipient.objects.filter(decision__in=[d.decision for d in generated])
    assert recipients.filter(kind="region", email__startswith="registrator@").exists()
    assert recipients.first().history.count() == 1
    undecided = Decision.objects.filter(dispatches__in=generated).exclude(status="decided")
    assert not undecided.exists()
