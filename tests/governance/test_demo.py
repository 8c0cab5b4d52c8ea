import pytest
from django.utils import timezone

from governance.demo import decisions as demo
from governance.models import (
    AttendanceStatus,
    Decision,
    DecisionStatus,
    Meeting,
    MinutesKind,
    MinutesStatus,
)
from groups import demo as groups_demo

pytestmark = pytest.mark.django_db


def test_demo_from_the_seeds_is_idempotent():
    groups_demo.load()
    assert demo.load() > 0
    assert demo.load() == 0
    board = Decision.objects.get(registry_number="RS/1009/2017")
    assert board.body.name == "Regionstyrelsen Region Jämtland Härjedalen"
    assert board.distribution_list == ["Chef Område teknik, diagnostik och service"]
    seed_001 = Decision.objects.get(title__startswith="Överföring av projekt regional")
    assert seed_001.meeting.starts_at.date().isoformat() == "2018-04-23"
    assert seed_001.clauses.get().text.startswith("att projektet regional arbetsfördelning")
    seed_004 = Decision.objects.get(title__startswith="Processledarstöd")
    assert seed_004.proposed_by.startswith("Anna Mannfalk")
    assert seed_004.agenda_item.attachments.count() == 2
    rag = Meeting.objects.filter(group__name="RAG Barnonkologi och hematologi")
    assert rag.filter(minutes__status=MinutesStatus.APPROVED).count() == 3


def test_seed_001_is_a_formal_protokoll_with_a_paragraph_for_every_item():
    groups_demo.load()
    demo.load()
    meeting = Decision.objects.get(title__startswith="Överföring av projekt regional").meeting
    minutes = meeting.minutes
    assert (minutes.kind, minutes.status) == (MinutesKind.PROTOCOL, MinutesStatus.APPROVED)
    items = list(meeting.agenda_items.order_by("number"))
    assert [(i.paragraph, i.title) for i in items[:2]] == [
        (1, "Val av justerare"),
        (2, "Godkännande av dagordning"),
    ]
    assert [i.paragraph for i in items] == list(range(1, len(items) + 1))
    by_status = {d.status: d for d in meeting.decisions.all()}
    assert (
        by_status[DecisionStatus.DEFERRED].number
        == by_status[DecisionStatus.DEFERRED].agenda_item.paragraph
    )
    voted = Decision.objects.get(meeting=meeting, vote__isnull=False)
    assert voted.motions.count() == 2 and voted.vote.ballots.count() == 4
    assert voted.reservations.exists()
    present = set(
        meeting.attendances.filter(status=AttendanceStatus.PRESENT).values_list("person", flat=True)
    )
    approvers = set(minutes.approvals.values_list("person", flat=True))
    assert approvers == {minutes.chair_id, *minutes.adjuster_links.values_list("person", flat=True)}
    assert approvers <= present
    # An upcoming meeting whose minutes cannot be approved yet stays in the demo.
    assert Meeting.objects.filter(starts_at__gt=timezone.now(), minutes__isnull=True).exists()


def test_seed_commissions_name_groups_of_the_right_healthcare_region(db):
    from django.core.management import call_command

    from governance.models import Commission

    call_command("load_demo", verbosity=0)
    rag = Commission.objects.select_related(
        "commissioner__healthcare_region", "assignee__healthcare_region"
    ).get(title__startswith="Regional arbetsgrupp Barnonkologi")
    # Both Södra and Sydöstra have an "RPO Barn och ungdomars hälsa"; seed 002 is Sydöstra's.
    assert rag.commissioner.healthcare_region.slug == "sydostra"
    assert rag.assignee.healthcare_region.slug == "sydostra"
