"""Commissions (uppdrag) from the leading groups to the groups under them, with sections and
deliverables. Planned before the meetings (so that agenda items can handle them) and written
after them (so that each names a decision of its commissioner that gave it)."""

from __future__ import annotations

import datetime

from governance.models import Commission, CommissionSection, Deliverable
from scale.context import ANCHOR, Context, at
from scale.texts import TOPICS

LEADING = {"committee", "political_steering", "official_steering", "rpo", "management"}
SECTIONS = ("Bakgrund", "Syfte och mål", "Uppdragets omfattning", "Organisation och arbetsformer")
STATUSES = ["decided"] * 5 + ["reported"] * 2 + ["completed"] * 2 + ["draft", "cancelled"]


def plan(ctx: Context) -> list[dict]:
    rng = ctx.rng
    givers = [g for g in ctx.groups if g.kind in LEADING]
    by_region: dict[int, list] = {}
    for group in ctx.groups:
        if group.kind not in LEADING and group.status != "planned":
            by_region.setdefault(group.healthcare_region_id, []).append(group)
    planned = []
    for serial in range(ctx.scale.commissions if givers else 0):
        giver = givers[serial % len(givers)]
        takers = by_region.get(giver.healthcare_region_id) or [g for g in givers if g is not giver]
        if not takers:
            break
        taker = takers[rng.randrange(len(takers))]
        commission_id = ctx.writer.new_id(Commission)
        taker.commission_ids.append(commission_id)
        giver.commission_ids.append(commission_id)
        start = datetime.date(2017 + rng.randrange(8), 1 + rng.randrange(12), 1)
        planned.append(
            {
                "id": commission_id,
                "giver": giver,
                "taker": taker,
                "start": start,
                "topic": TOPICS[serial % len(TOPICS)],
                "status": STATUSES[rng.randrange(len(STATUSES))],
            }
        )
    return planned


def write(ctx: Context, planned: list[dict]) -> None:
    rng = ctx.rng
    admin = ctx.admin_user_id
    for serial, spec in enumerate(planned):
        giver, start, status = spec["giver"], spec["start"], spec["status"]
        decision_id = None
        if status != "draft":
            before = [d for d, day in giver.decided_ids if day <= start]
            if before:
                decision_id = before[-1]
        end = start + datetime.timedelta(days=365 * (1 + rng.randrange(3)))
        created = at(start - datetime.timedelta(days=40), 11)
        changed = at(min(start, ANCHOR), 15)
        history = [("+", created, admin, None)]
        if status != "draft":
            history.append(("~", changed, admin, "Status ändrad"))
        ctx.writer.add(
            Commission,
            {
                "id": spec["id"],
                "title": f"Uppdrag {spec['topic'].lower()} {serial + 1}",
                "commissioner_id": giver.id,
                "assignee_id": spec["taker"].id,
                "kind": "project" if rng.random() < 0.7 else "permanent",
                "registry_number": f"UPP {start.year}/{spec['id']}",
                "start_date": start,
                "end_date": end,
                "status": status,
                "status_date": start if status != "draft" else None,
                "decision_id": decision_id,
                "signatory_name": "Ordföranden",
                "created_at": created,
                "modified_at": history[-1][1],
            },
            history=history,
        )
        for position, heading in enumerate(SECTIONS, start=1):
            ctx.writer.add(
                CommissionSection,
                {
                    "commission_id": spec["id"],
                    "position": position,
                    "heading": heading,
                    "body": f"{heading} för arbetet med {spec['topic'].lower()}.",
                    "required": position <= 2,
                    "created_at": created,
                    "modified_at": created,
                },
                history=[("+", created, admin, None)],
            )
        for n in range(2):
            due = start + datetime.timedelta(days=180 * (n + 1))
            delivered = due < ANCHOR and rng.random() < 0.7
            ctx.writer.add(
                Deliverable,
                {
                    "commission_id": spec["id"],
                    "title": "Slutrapport" if n else "Delrapport",
                    "due_date": due,
                    "recipient_id": giver.id,
                    "is_final": bool(n),
                    "status": "delivered" if delivered else "planned",
                    "delivered_on": due if delivered else None,
                    "created_at": created,
                    "modified_at": created,
                },
                history=[("+", created, admin, None)],
            )
