"""The move of the opening balance to the revisions carries the existing data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("finance", "0001_budgets")]
AFTER = [("finance", "0002_revision_opening_balance_adoption")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_revision_and_its_history_gets_the_budgets_opening_balance():
    old = migrate(BEFORE)
    Group = old.get_model("groups", "Group")
    # governance stays at its newest migration; its current model matches the table.
    from governance.models import Decision

    Budget = old.get_model("finance", "Budget")
    Revision = old.get_model("finance", "BudgetRevision")
    HistoricalBudget = old.get_model("finance", "HistoricalBudget")
    HistoricalRevision = old.get_model("finance", "HistoricalBudgetRevision")
    HealthcareRegion = old.get_model("groups", "HealthcareRegion")
    region = HealthcareRegion.objects.create(name="Södra sjukvårdsregionen", slug="sodra")
    body = Group.objects.create(
        name="Södra Regionvårdsnämnden", kind="committee", healthcare_region=region
    )
    decision = Decision.objects.create(
        body_id=body.pk,
        year=2020,
        number=12,
        title="Budget",
        decision_date=datetime.date(2020, 2, 14),
    )
    budget = Budget.objects.create(
        owner_id=body.pk,
        title="Budget 2020–2022",
        first_year=2020,
        last_year=2022,
        opening_balance=Decimal(11827),
        status="adopted",
        adopted_by_id=decision.pk,
    )
    now = datetime.datetime(2020, 1, 30, tzinfo=datetime.UTC)
    fields = {f.attname: getattr(budget, f.attname) for f in Budget._meta.concrete_fields}
    HistoricalBudget.objects.create(
        **fields | {"opening_balance": Decimal(10000)}, history_date=now, history_type="+"
    )
    HistoricalBudget.objects.create(
        **fields, history_date=now + datetime.timedelta(days=10), history_type="~"
    )
    first = Revision.objects.create(budget=budget, number=1)
    second = Revision.objects.create(budget=budget, number=2, created_from=first)
    for revision, days in ((first, 1), (second, 20)):
        HistoricalRevision.objects.create(
            id=revision.pk,
            budget_id=budget.pk,
            number=revision.number,
            note="",
            created_at=revision.created_at,
            modified_at=revision.modified_at,
            history_date=now + datetime.timedelta(days=days),
            history_type="+",
        )
    try:
        new = migrate(AFTER)
        Revision = new.get_model("finance", "BudgetRevision")
        assert sorted(Revision.objects.values_list("number", "opening_balance")) == [
            (1, Decimal(11827)),
            (2, Decimal(11827)),
        ]
        # A history row gets the balance the budget had at that time.
        history = new.get_model("finance", "HistoricalBudgetRevision").objects.order_by("number")
        assert [h.opening_balance for h in history] == [Decimal(10000), Decimal(11827)]
        assert new.get_model("finance", "Budget").objects.get().adopted_on == datetime.date(
            2020, 2, 14
        )
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
