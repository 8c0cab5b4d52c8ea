"""Two secretaries save a decision of the same body at the same moment: § 1 and § 2, never
the same number twice and no gap. Real concurrent transactions on PostgreSQL."""

import datetime
import threading

import pytest
from django.db import connection, connections

from governance.models import Decision, ParagraphCounter
from governance.services.decisions import decision_record
from tests.groups.factories import GroupFactory


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("counter_exists", [False, True], ids=["first-of-year", "counter-row"])
def test_two_secretaries_saving_at_once_get_consecutive_paragraphs(counter_exists):
    assert connection.vendor == "postgresql"
    body = GroupFactory(name="Nämnden")
    if counter_exists:
        ParagraphCounter.objects.create(body=body, year=2025, last_number=0)
    barrier = threading.Barrier(2)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def secretary(name: str) -> None:
        try:
            barrier.wait(timeout=10)  # both start their transaction at the same moment
            decision = decision_record(
                actor=None,
                body=body,
                title=f"Ärende från {name}",
                clauses=["att godkänna"],
                decision_date=datetime.date(2025, 4, 23),
            )
            numbers.append(decision.number)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=secretary, args=(n,)) for n in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(numbers) == [1, 2]
    assert sorted(Decision.objects.filter(body=body).values_list("number", flat=True)) == [1, 2]
    assert ParagraphCounter.objects.get(body=body, year=2025).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_the_second_transaction_waits_for_the_first(django_db_blocker):
    """While one transaction holds the § counter, the other cannot take a number."""
    body = GroupFactory(name="Nämnden")
    from django.db import transaction

    first_holds = threading.Event()
    release = threading.Event()
    order: list[str] = []

    def slow_secretary():
        try:
            with transaction.atomic():
                decision_record(
                    actor=None,
                    body=body,
                    title="Först",
                    clauses=["att a"],
                    decision_date=datetime.date(2025, 1, 1),
                )
                first_holds.set()
                release.wait(timeout=10)
                order.append("first commits")
        finally:
            connections.close_all()

    def quick_secretary():
        try:
            first_holds.wait(timeout=10)
            decision = decision_record(
                actor=None,
                body=body,
                title="Sedan",
                clauses=["att b"],
                decision_date=datetime.date(2025, 1, 1),
            )
            order.append(f"second got § {decision.number}")
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_secretary)
    quick = threading.Thread(target=quick_secretary)
    slow.start()
    quick.start()
    first_holds.wait(timeout=10)
    quick.join(timeout=0.5)
    assert quick.is_alive(), "the second save must wait for the lock"
    release.set()
    slow.join(timeout=10)
    quick.join(timeout=10)
    assert order == ["first commits", "second got § 2"]


@pytest.mark.django_db(transaction=True)
def test_a_submission_and_a_decision_at_the_same_moment_leave_no_gap_and_no_deadlock():
    """The secretary submits the protokoll while a colleague records a decision on one of its
    items: either the decision comes first and gets its item's §, or it is refused because the
    minutes are submitted; never a deadlock, a gap or a decision without a §."""
    from django.core.exceptions import ValidationError

    from governance.services import minutes
    from groups.models import GroupKind
    from tests.governance.records import held_meeting, protocol, sitting

    body = GroupFactory(name="Nämnden", kind=GroupKind.COMMITTEE)
    chair, people, secretary = sitting(body)
    meeting, items = held_meeting(
        body, ["Val av justerare", "Rapport", "Budget"], present=[chair, *people, secretary]
    )
    record = protocol(meeting, chair=chair, adjuster=people[0])
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            minutes.minutes_submit(actor=None, minutes=record)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def record_decision() -> None:
        try:
            barrier.wait(timeout=10)
            outcome["decision"] = decision_record(
                actor=None,
                body=body,
                meeting=meeting,
                agenda_item=items[2],
                title="Budget",
                clauses=["att fastställa budgeten"],
            )
        except ValidationError as refusal:
            outcome["refused"] = " ".join(refusal.messages)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit), threading.Thread(target=record_decision)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert [i.paragraph for i in meeting.agenda_items.order_by("number")] == [1, 2, 3]
    if "decision" in outcome:
        assert Decision.objects.get(pk=outcome["decision"].pk).number == 3
    else:
        assert "lämnat för justering" in outcome["refused"]
        assert not Decision.objects.filter(meeting=meeting).exists()
