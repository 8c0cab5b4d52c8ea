"""Nothing lands in minutes submitted a moment earlier: while one secretary submits the
minutes, others keep recording decisions, notes and attendance. Every write either landed
before the submission or was refused with the Swedish "lämnat för justering" message.
Real concurrent transactions on PostgreSQL."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from governance.models import (
    Attendance,
    AttendanceStatus,
    Decision,
    MinutesItemNote,
    MinutesKind,
    MinutesStatus,
)
from governance.services import decisions, meetings, minutes
from groups.models import GroupKind, MembershipRole
from tests.governance.conftest import member
from tests.governance.factories import TZ
from tests.groups.factories import GroupFactory

WRITERS = 11
MAX_WRITES = 400  # per writer; each stops at its first refusal


@pytest.mark.django_db(transaction=True)
def test_no_decision_note_or_attendance_lands_after_the_minutes_are_submitted():
    assert connection.vendor == "postgresql"
    committee = GroupFactory(name="Nämnden", kind=GroupKind.COMMITTEE)
    chair = member(committee, MembershipRole.CHAIR, with_login=False)
    adjuster = member(committee, with_login=False)
    others = [member(committee, with_login=False) for _ in range(4)]
    meeting = meetings.meeting_create(
        actor=None,
        group=committee,
        title="Sammanträde",
        starts_at=datetime.datetime(2025, 5, 6, 9, tzinfo=TZ),
        place="Regionhuset",
    )
    items = [
        meetings.agenda_item_add(actor=None, meeting=meeting, title=f"Ärende {n}") for n in range(4)
    ]
    meetings.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[
            {"person": p, "status": AttendanceStatus.PRESENT} for p in (chair, adjuster, *others)
        ],
    )
    record = minutes.minutes_update(
        actor=None,
        meeting=meeting,
        kind=MinutesKind.PROTOCOL,
        chair=chair,
        secretary=None,
        adjusters=[adjuster],
        general_notes="",
        approval_place="",
        approval_date=None,
    )

    def write_decision(n: int, i: int) -> None:
        # In a protokoll each item is one § with one decision: each decision gets its item.
        item = meetings.agenda_item_add(actor=None, meeting=meeting, title=f"Ärende {n}.{i}")
        decisions.decision_record(
            actor=None,
            body=committee,
            meeting=meeting,
            agenda_item=item,
            title=f"Beslut {n}.{i}",
            clauses=["att godkänna"],
        )

    def write_note(n: int, i: int) -> None:
        minutes.minutes_item_note_save(
            actor=None, meeting=meeting, agenda_item=items[n % len(items)], text=f"Text {n}.{i}"
        )

    def write_attendance(n: int, i: int) -> None:
        status = AttendanceStatus.ABSENT if i % 2 else AttendanceStatus.PRESENT
        meetings.attendance_record(
            actor=None,
            meeting=meeting,
            rows=[{"person": others[n % len(others)], "status": status}],
        )

    kinds = [write_decision, write_note, write_attendance]
    barrier = threading.Barrier(WRITERS + 1)
    landed: list[str] = []
    refusals: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        write = kinds[n % len(kinds)]
        try:
            barrier.wait(timeout=10)
            for i in range(MAX_WRITES):
                try:
                    write(n, i)
                except ValidationError as error:
                    with lock:
                        refusals.append(" ".join(error.messages))
                    return
                with lock:
                    landed.append(write.__name__)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def submitter() -> None:
        try:
            barrier.wait(timeout=10)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # until every kind of write is under way
                with lock:
                    if {"write_decision", "write_note", "write_attendance"} <= set(landed):
                        break
                time.sleep(0.01)
            minutes.minutes_submit(actor=None, minutes=record)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    threads.append(threading.Thread(target=submitter))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors

    record.refresh_from_db()
    assert record.status == MinutesStatus.SUBMITTED
    submitted_at = record.submitted_at
    # Every writer wrote until it was refused, and each refusal says why, in Swedish.
    assert len(refusals) == WRITERS
    assert all("lämnat för justering" in message for message in refusals), refusals
    assert {"write_decision", "write_note", "write_attendance"} <= set(landed)
    # Nothing was written after the submission: not a decision, a note or an attendance row.
    # (The submission itself gives the decisions their §s: those rows are its own.)
    histories = [
        Decision.history.filter(meeting_id=meeting.pk).exclude(
            history_change_reason__startswith="Paragraf §"
        ),
        MinutesItemNote.history.filter(minutes_id=record.pk),
        Attendance.history.filter(meeting_id=meeting.pk),
    ]
    for history in histories:
        assert history.exists()
        assert not history.filter(history_date__gte=submitted_at).exists()
    assert Decision.objects.filter(meeting=meeting).count() == landed.count("write_decision")
