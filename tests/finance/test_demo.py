"""Demo budget from seed 004, Bilaga 2."""

from decimal import Decimal

import pytest

from finance import demo, selectors
from finance.models import Budget, BudgetStatus
from groups import demo as groups_demo
from tests.finance.factories import DecisionFactory

D = Decimal
pytestmark = pytest.mark.django_db


def test_demo_budget_is_seed_004_adopted_and_idempotent():
    groups_demo.load()
    assert demo.load() > 0
    assert demo.load() == 0
    budget = Budget.objects.get()
    assert budget.owner.name == "Södra Regionvårdsnämnden"
    assert budget.status == BudgetStatus.ADOPTED
    assert budget.adopted_by is None  # the decision is not in the portal yet
    view = selectors.budget_view(budget.pk)
    assert [f.closing_balance for f in view.table.figures] == [D(18436), D(11195), D(3954)]
    # The sheet's own closing balances carry the surplus twice from 2021 on.
    assert [(c.year, c.stated, c.difference) for c in view.table.checks] == [
        (2020, D(18436), D(0)),
        (2021, D(16221), D(-5026)),
        (2022, D(9945), D(-5991)),
    ]
    (sharing,) = view.sharing
    assert [row.region.name for row in sharing.rows] == [
        "Region Blekinge",
        "Region Halland",
        "Region Kronoberg",
        "Region Skåne",
    ]
    assert sharing.totals == [D(8441)] * 3
    assert sharing.problems == []


def test_demo_links_the_process_leader_decision_when_it_exists():
    groups_demo.load()
    from groups.models import Group

    body = Group.objects.get(name="Södra Regionvårdsnämnden")
    decision = DecisionFactory(body=body, title="Processledarstöd som en del i användningen")
    demo.load()
    budget = Budget.objects.get()
    assert budget.adopted_by == decision
    line = budget.revisions.get().lines.get(reference="enligt ärende 2")
    assert line.decision == decision


def test_a_decision_entered_later_is_linked_on_the_next_run():
    groups_demo.load()
    demo.load()
    from groups.models import Group

    body = Group.objects.get(name="Södra Regionvårdsnämnden")
    decision = DecisionFactory(body=body, title="Processledarstöd")
    assert demo.load() == 0
    assert Budget.objects.get().adopted_by == decision
