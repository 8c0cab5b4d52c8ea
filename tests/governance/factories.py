import datetime
from zoneinfo import ZoneInfo

import factory

from governance.models import (
    AgendaItem,
    Commission,
    CommissionKind,
    CommissionSection,
    CommissionStatus,
    Decision,
    DecisionStatus,
    Deliverable,
    Meeting,
    MeetingStatus,
)
from tests.groups.factories import GroupFactory

TZ = ZoneInfo("Europe/Stockholm")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    title = "Sammanträde"
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2025, 1, 1, 9, tzinfo=TZ) + datetime.timedelta(days=n)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    place = "Regionhuset"
    status = MeetingStatus.PLANNED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Ärende {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    """A bare decision row (numbers given directly); use services.decision_record for rules."""

    class Meta:
        model = Decision

    body = factory.SubFactory(GroupFactory)
    year = 2025
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Beslut {n}")
    status = DecisionStatus.DECIDED
    decision_date = datetime.date(2025, 3, 1)


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
