"""Budgets over ten years for a tenth of the leading groups: one adopted revision with income
and cost lines and an amount per line and year."""

from __future__ import annotations

from decimal import Decimal

from finance.models import Budget, BudgetAmount, BudgetLine, BudgetRevision
from scale.context import Context, at

FIRST_YEAR = 2017
LAST_YEAR = 2026
LINES = [
    ("Solidarisk finansiering från regionerna", "income", "shared_financing"),
    ("Statsbidrag", "income", "state_grant"),
    ("Personal", "cost", "staff"),
    ("Lokaler och resor", "cost", "running_costs"),
    ("Utbildning", "cost", "running_costs"),
    ("Konsulttjänster", "cost", "other"),
    ("Beslutade satsningar", "cost", "decided_additional"),
    ("Övriga kostnader", "cost", "other"),
]


def generate(ctx: Context) -> None:
    rng = ctx.rng
    admin = ctx.admin_user_id
    owners = [g for g in ctx.groups if g.kind in {"committee", "rpo", "political_steering"}]
    for group in owners[:: max(1, len(owners) // max(1, len(ctx.groups) // 10))]:
        created = at(
            group.start.replace(year=max(group.start.year, FIRST_YEAR - 1), month=11, day=15), 10
        )
        budget_id = ctx.writer.new_id(Budget)
        revision_id = ctx.writer.new_id(BudgetRevision)
        adopted_by = next((d for d, day in group.decided_ids if day.year == FIRST_YEAR), None)
        history = [("+", created, admin, None), ("~", created, admin, "Budgeten fastställd")]
        ctx.writer.add(
            Budget,
            {
                "id": budget_id,
                "owner_id": group.id,
                "title": f"Budget {FIRST_YEAR}–{LAST_YEAR} för {group.name}",
                "first_year": FIRST_YEAR,
                "last_year": LAST_YEAR,
                "status": "adopted",
                "adopted_by_id": adopted_by,
                "adopted_on": created.date(),
                "adopted_revision_id": revision_id,
                "created_at": created,
                "modified_at": created,
            },
            history=history,
        )
        ctx.writer.add(
            BudgetRevision,
            {
                "id": revision_id,
                "budget_id": budget_id,
                "number": 1,
                "opening_balance": Decimal(rng.randrange(0, 5000)),
                "created_at": created,
                "modified_at": created,
            },
            history=[("+", created, admin, None)],
        )
        for position, (label, kind, category) in enumerate(LINES, start=1):
            line = ctx.writer.add(
                BudgetLine,
                {
                    "revision_id": revision_id,
                    "position": position,
                    "label": label,
                    "kind": kind,
                    "category": category,
                    "created_at": created,
                    "modified_at": created,
                },
                history=[("+", created, admin, None)],
            )
            base = rng.randrange(200, 4000)
            for year in range(FIRST_YEAR, LAST_YEAR + 1):
                amount = Decimal(base + (year - FIRST_YEAR) * rng.randrange(0, 120)).quantize(
                    Decimal("0.01")
                )
                ctx.writer.add(
                    BudgetAmount,
                    {
                        "line_id": line["id"],
                        "year": year,
                        "amount": amount,
                        "created_at": created,
                        "modified_at": created,
                    },
                    history=[("+", created, admin, None)],
                )
