"""Budgets for tests, built through the services so history and rules apply as in the app."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from finance import services
from finance.models import Budget, LineCategory, LineKind
from governance.models import Decision, DecisionStatus
from groups.models import GroupKind
from tests.groups.factories import GroupFactory, HealthcareRegionFactory, RegionFactory

D = Decimal


class CommitteeFactory(GroupFactory):
    name = factory.Sequence(lambda n: f"Regionvårdsnämnd {n}")
    kind = GroupKind.COMMITTEE


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    body = factory.SubFactory(CommitteeFactory)
    year = 2020
    number = factory.Sequence(lambda n: n + 1)
    title = "Processledarstöd som en del i användningen av den statliga satsningen"
    status = DecisionStatus.DECIDED
    decision_date = datetime.date(2020, 2, 14)


SEED_LINES = [
    ("Solidarisk finansiering kansli och nämnd", "income", (8441, 8441, 8441)),
    ("Statliga ersättningar 2019+2020", "income", (15000, 0, 0)),
    ("Löpande utgifter (inklusive pensionsavgångar)", "cost", (6617, 5537, 5537)),
    ("Ej inräknade befintliga processledare", "cost", (840, 1680, 1680)),
    ("Tillkommande beslutade kostnader", "cost", (7785, 5285, 5285)),
    ("Handläggartjänst till kansliet (enligt ärende 1)", "cost", (540, 1080, 1080)),
    ("Tidsbegränsade processledare (enligt ärende 2)", "cost", (1050, 2100, 2100)),
]
SEED_CHECKS = {2020: D(18436), 2021: D(16221), 2022: D(9945)}


def seed_budget(*, owner=None, title="Ekonomisk sammanställning 2020–2022") -> Budget:
    """Seed 004's Bilaga 2 (costs as amounts spent)."""
    owner = owner or CommitteeFactory()
    return services.budget_create(
        actor=None,
        owner=owner,
        title=title,
        years=[2020, 2021, 2022],
        opening_balance=D(11827),
        lines=[
            (label, kind, dict(zip((2020, 2021, 2022), map(D, amounts), strict=True)))
            for label, kind, amounts in SEED_LINES
        ],
        closing_checks=SEED_CHECKS,
    )


def sized_budget(*, lines: int, years: int, owner=None, with_regions: bool = True) -> Budget:
    """A budget of any size, with a shared-financing line and member regions with populations."""
    from tests.governance.factories import CommissionFactory
    from tests.groups.factories import RegionPopulationFactory

    owner = owner or CommitteeFactory(healthcare_region=HealthcareRegionFactory())
    year_list = list(range(2020, 2020 + years))
    if with_regions:
        for index in range(3):
            region = RegionFactory(healthcare_region=owner.healthcare_region)
            for year in year_list:
                RegionPopulationFactory(region=region, year=year, population=100_000 * (index + 1))
    inputs = [
        services.LineInput(
            label="Solidarisk finansiering",
            kind=LineKind.INCOME,
            category=LineCategory.SHARED_FINANCING,
            amounts={year: D(9000) for year in year_list},
        )
    ]
    decision = DecisionFactory(body=owner)
    commission = CommissionFactory(commissioner=owner, title=f"Uppdrag för {owner.name}")
    for index in range(1, lines):
        inputs.append(
            services.LineInput(
                label=f"Kostnad {index}",
                kind=LineKind.COST,
                category=LineCategory.STAFF,
                reference=f"enligt ärende {index}",
                decision=decision,
                commission=commission,
                amounts={year: D(100 * index) for year in year_list},
            )
        )
    return services.budget_create(
        actor=None,
        owner=owner,
        title=f"Budget {lines}×{years}",
        years=year_list,
        opening_balance=D(1000),
        lines=inputs,
        closing_checks={year_list[0]: D(1)},
    )
