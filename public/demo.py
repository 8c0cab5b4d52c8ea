"""Demo of what the public register withholds and masks, on the seeds' public decision
(seed 003, Regionstyrelsen's RS/1009/2017): one confidential attachment (a patient case,
OSL 25 kap. 1 §) and one reference whose title carries a personnummer — Skatteverket's
well-known test identity, never a real person — shown masked on the public side."""

from __future__ import annotations

from governance.models import Attachment, Decision
from governance.services.attachments import attachment_add

SEED_003_REGISTRY_NUMBER = "RS/1009/2017"
CONFIDENTIAL_TITLE = "Bilaga – patientärende"
CONFIDENTIAL_GROUND = "OSL 25 kap. 1 §"
# Tolvan Tolvansson, the test personnummer Skatteverket publishes for systems like this one.
MASKED_TITLE = "Skrivelse från Tolvan Tolvansson, 19121212-1212"


def load() -> int:
    decision = Decision.objects.filter(registry_number=SEED_003_REGISTRY_NUMBER).first()
    if decision is None:
        return 0  # the governance demo was not loaded
    created = 0
    existing = set(Attachment.objects.filter(decision=decision).values_list("title", flat=True))
    if CONFIDENTIAL_TITLE not in existing:
        attachment_add(
            actor=None,
            title=CONFIDENTIAL_TITLE,
            decision=decision,
            is_confidential=True,
            confidentiality_ground=CONFIDENTIAL_GROUND,
        )
        created += 1
    if MASKED_TITLE not in existing:
        attachment_add(actor=None, title=MASKED_TITLE, decision=decision)
        created += 1
    return created
