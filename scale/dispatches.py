"""Dispatches (expediering) of the generated bodies' decisions, as the secretariat sends them.

A decision of a body that sends extracts (committees, steering groups, RPOs) is dispatched
the day after its minutes were approved, to the registrar of every region of the body's
healthcare region. Only decided decisions whose minutes are approved, as
`governance.services.rules.dispatch_refusal` demands. Read back from the rows written so far
(they are flushed by then), in id order, so the same seed gives the same rows.
"""

from __future__ import annotations

import datetime
import hashlib

from governance.models import Decision, DecisionRecipient, Dispatch
from groups.models import Region
from scale.context import Context

DISPATCHING_KINDS = ("committee", "political_steering", "official_steering", "rpo")


def generate_dispatches(ctx: Context) -> str:
    """Write the recipients and dispatches; what was done, for the command's summary."""
    groups = {group.id: group for group in ctx.groups if group.kind in DISPATCHING_KINDS}
    regions_of = dict(ctx.healthcare_regions)
    names = dict(Region.objects.values_list("id", "name"))
    decisions = (
        Decision.objects.filter(
            body_id__in=list(groups),
            status="decided",
            meeting__minutes__status="approved",
        )
        .order_by("id")
        .values_list("id", "body_id", "year", "number", "meeting__minutes__approved_at")
    )
    dispatched = 0
    for decision_id, body_id, year, number, approved_at in decisions.iterator(chunk_size=5000):
        group = groups[body_id]
        regions = regions_of.get(group.healthcare_region_id, [])
        if not regions:
            continue
        sender = ctx.person_users.get(group.secretary_person_id, ctx.admin_user_id)
        labels = []
        for region_id in regions:
            address = f"registrator@region{region_id}.exempel.invalid"
            ctx.writer.add(
                DecisionRecipient,
                {
                    "decision_id": decision_id,
                    "kind": "region",
                    "region_id": region_id,
                    "email": address,
                    "created_at": approved_at,
                    "modified_at": approved_at,
                },
                history=[("+", approved_at, sender, None)],
            )
            labels.append(f"{names[region_id]} <{address}>")
        when = approved_at + datetime.timedelta(days=1)
        digest = hashlib.sha256(f"{ctx.seed}:{decision_id}".encode()).hexdigest()
        paragraph = f"§ {number} " if number else ""
        ctx.writer.add(
            Dispatch,
            {
                "decision_id": decision_id,
                "dispatched_at": when,
                "dispatched_by_id": sender,
                "recipients": "\n".join(labels),
                "pdf_name": f"Protokollsutdrag {group.code} {paragraph}{year}.pdf",
                "pdf_sha256": digest,
                "pdf_size": 30_000 + int(digest[:4], 16) % 20_000,
            },
        )
        dispatched += 1
    return f"expedierade beslut: {dispatched}"
