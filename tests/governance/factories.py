import datetime
from zoneinfo import ZoneInfo

import factory

from governance.models import AgendaItem, Decision, DecisionStatus, Meeting, MeetingStatus
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
