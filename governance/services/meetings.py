"""Meetings: scheduling, the agenda, attendance and guests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Guest,
    Meeting,
)
from governance.services.common import check_version, ensure_meeting_editable
from governance.services.paragraphs import ensure_item_unnumbered
from groups.models import Group, Membership, Person
from portal.history import save_with_history

MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "video_link", "status", "notice")
ITEM_FIELDS = ("number", "title", "description", "presenter", "commission")


@transaction.atomic
def meeting_create(*, actor, group: Group, reason: str = "", **fields) -> Meeting:
    meeting = Meeting(
        group=group, **{name: fields[name] for name in MEETING_FIELDS if name in fields}
    )
    return save_with_history(meeting, actor=actor, reason=reason or _("Möte inplanerat"))


@transaction.atomic
def meeting_update(
    *, actor, meeting: Meeting, expected_version: str | None = None, reason: str = "", **fields
) -> Meeting:
    check_version(meeting, expected_version)
    ensure_meeting_editable(meeting)
    for name in MEETING_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    return save_with_history(meeting, actor=actor, reason=reason or _("Möte ändrat"))


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    description: str = "",
    presenter: str = "",
    number: int | None = None,
    commission=None,
) -> AgendaItem:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    ensure_meeting_editable(meeting)
    if number is None:
        number = (meeting.agenda_items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        number=number,
        title=title,
        description=description,
        presenter=presenter,
        commission=commission,
    )
    return save_with_history(item, actor=actor, reason=_("Punkt tillagd på dagordningen"))


@transaction.atomic
def agenda_item_update(
    *, actor, item: AgendaItem, expected_version: str | None = None, **fields
) -> AgendaItem:
    check_version(item, expected_version)
    ensure_meeting_editable(item.meeting)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    return save_with_history(item, actor=actor, reason=_("Punkt på dagordningen ändrad"))


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    ensure_meeting_editable(item.meeting)
    ensure_item_unnumbered(item)
    if item.decisions.exists():
        raise ValidationError(
            _("Punkten har beslut och kan inte tas bort. Flytta eller ta bort besluten först.")
        )
    item._history_user = actor
    item._change_reason = _("Punkt borttagen från dagordningen")
    item.delete()


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, rows: list[dict]) -> list[Attendance]:
    """Record attendance for several people at once: all rows or none.

    Each row: person, status, and for a substitute the substitute's name; role, region and
    voting right are copied from the membership so the record keeps what was true on the day
    (a row without a voting right takes the member's on the meeting day).
    """
    ensure_meeting_editable(meeting)
    existing = {a.person_id: a for a in meeting.attendances.all()}
    votes = _voting_rights_on_the_day(meeting)
    saved = []
    errors = []
    for row in rows:
        person: Person = row["person"]
        attendance = existing.get(person.pk) or Attendance(meeting=meeting, person=person)
        attendance.status = row["status"]
        attendance.substitute_name = (
            row.get("substitute_name", "") if row["status"] == AttendanceStatus.SUBSTITUTED else ""
        )
        attendance.role = row.get("role", attendance.role)
        attendance.region = row.get("region", attendance.region)
        if "voting_right" in row:
            attendance.voting_right = row["voting_right"]
        elif attendance.pk is None:
            attendance.voting_right = votes.get(person.pk, True)
        try:
            save_with_history(attendance, actor=actor, reason=_("Närvaro registrerad"))
        except ValidationError as error:
            errors.extend(error.messages)
        saved.append(attendance)
    if errors:
        raise ValidationError(errors)
    return saved


def _voting_rights_on_the_day(meeting: Meeting) -> dict[int, bool]:
    day = timezone.localtime(meeting.starts_at).date()
    return dict(
        Membership.objects.current(day)
        .filter(group_id=meeting.group_id)
        .values_list("person_id", "voting_right")
    )


@transaction.atomic
def guest_add(*, actor, meeting: Meeting, name: str, affiliation: str = "") -> Guest:
    ensure_meeting_editable(meeting)
    guest = Guest(meeting=meeting, name=name, affiliation=affiliation)
    return save_with_history(guest, actor=actor, reason=_("Gäst tillagd"))


@transaction.atomic
def guest_remove(*, actor, guest: Guest) -> None:
    ensure_meeting_editable(guest.meeting)
    guest._history_user = actor
    guest._change_reason = _("Gäst borttagen")
    guest.delete()
