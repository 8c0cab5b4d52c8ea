import datetime

import factory

from governance.models import (
    Commission,
    CommissionKind,
    CommissionSection,
    CommissionStatus,
    Decision,
    Deliverable,
)
from tests.groups.factories import GroupFactory


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    body = factory.SubFactory(GroupFactory)
    year = 2018
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ärende {n}")
    decision_date = datetime.date(2018, 4, 23)


class CommissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commission

    title = factory.Sequence(lambda n: f"Uppdrag {n}")
    commissioner = factory.SubFactory(GroupFactory)
    assignee = factory.SubFactory(
        GroupFactory, healthcare_region=factory.SelfAttribute("..commissioner.healthcare_region")
    )
    kind = CommissionKind.PROJECT
    status = CommissionStatus.DECIDED
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class CommissionSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionSection

    commission = factory.SubFactory(CommissionFactory)
    position = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Avsnitt {n}")
    body = "Text med åäö."
    required = True


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    commission = factory.SubFactory(CommissionFactory)
    title = factory.Sequence(lambda n: f"Leverans {n}")
    due_date = datetime.date(2025, 6, 1)
