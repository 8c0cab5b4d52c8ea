"""Demo budget: seed 004, Bilaga 2 ("Ekonomisk sammanställning 2020-01-30") of Södra
Regionvårdsnämnden, adopted by the decision on process leaders when that decision exists.

The sheet's "Akkumulerat överskott" rows are the carried balance: the portal takes only the
first one (11 827 tkr) as the opening balance and carries each closing balance forward itself.
The sheet's own closing balances become closing checks, so its differences show on the page.
"""

from __future__ import annotations

from decimal import Decimal

from finance import services
from finance.models import Budget, LineCategory, LineKind
from governance.models import Decision
from groups.models import Group

OWNER = "Södra Regionvårdsnämnden"
TITLE = "Ekonomisk sammanställning kansli och nämnd 2020–2022"
YEARS = [2020, 2021, 2022]
OPENING_BALANCE = Decimal(11827)
# The sheet's "Slutlig balans" per year.
STATED_CLOSING = {2020: Decimal(18436), 2021: Decimal(16221), 2022: Decimal(9945)}
INCOME, COST = LineKind.INCOME, LineKind.COST
# (label, kind, category, reference, amounts 2020–2022 as the sheet writes them)
LINES = [
    (
        "Solidarisk finansiering kansli och nämnd",
        INCOME,
        LineCategory.SHARED_FINANCING,
        "",
        (8441, 8441, 8441),
    ),
    ("Statliga ersättningar 2019+2020", INCOME, LineCategory.STATE_GRANT, "", (15000, 0, 0)),
    (
        "Löpande utgifter (inklusive pensionsavgångar)",
        COST,
        LineCategory.RUNNING_COSTS,
        "",
        (-6617, -5537, -5537),
    ),
    ("Ej inräknade befintliga processledare", COST, LineCategory.STAFF, "", (-840, -1680, -1680)),
    (
        "Tillkommande beslutade kostnader",
        COST,
        LineCategory.DECIDED_ADDITIONAL,
        "",
        (-7785, -5285, -5285),
    ),
    (
        "Handläggartjänst till kansliet",
        COST,
        LineCategory.STAFF,
        "enligt ärende 1",
        (-540, -1080, -1080),
    ),
    (
        "Tidsbegränsade processledare",
        COST,
        LineCategory.STAFF,
        "enligt ärende 2",
        (-1050, -2100, -2100),
    ),
]


def _decision() -> Decision | None:
    return (
        Decision.objects.filter(body__name=OWNER, title__icontains="Processledarstöd")
        .order_by("-year")
        .first()
    )


def load() -> int:
    owner = Group.objects.filter(name=OWNER).first()
    if owner is None:
        return 0
    decision = _decision()
    budget = Budget.objects.filter(owner=owner, title=TITLE).first()
    if budget is not None:
        if budget.adopted_by_id is None and decision is not None:
            services.budget_adopt(actor=None, budget=budget, decision=decision)
        return 0
    lines = []
    for label, kind, category, reference, amounts in LINES:
        process_leaders = reference == "enligt ärende 2"
        lines.append(
            services.LineInput(
                label=label,
                kind=kind,
                category=category,
                reference=reference,
                decision=decision if process_leaders else None,
                # Costs are stored as amounts spent; the sheet writes them negative.
                amounts={
                    year: abs(Decimal(v)) if kind == COST else Decimal(v)
                    for year, v in zip(YEARS, amounts, strict=True)
                },
            )
        )
    budget = services.budget_create(
        actor=None,
        owner=owner,
        title=TITLE,
        years=YEARS,
        opening_balance=OPENING_BALANCE,
        lines=lines,
        closing_checks=STATED_CLOSING,
        note="Bilaga 2 till ärendet Processledarstöd, ekonomisk sammanställning 2020-01-30",
        reason="Demodata (seed 004, bilaga 2)",
    )
    services.budget_adopt(actor=None, budget=budget, decision=decision)
    # Budget, revision, lines, amounts and checks.
    return 2 + len(LINES) * (1 + len(YEARS)) + len(STATED_CLOSING)
