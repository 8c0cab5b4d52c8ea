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
ITEM_FIELDS = (
    "number",
    "title",
    "description",
    "presenter",
    "commission",
    "is_confidential",
    "confidentiality_ground",
)


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
    ensure_meeting_editable(meeting)
    check_version(meeting, expected_version)
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
    is_confidential: bool = False,
    confidentiality_ground: str = "",
) -> AgendaItem:
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
        is_confidential=is_confidential,
        confidentiality_ground=confidentiality_ground,
    )
    return save_with_history(item, actor=actor, reason=_("Punkt tillagd på dagordningen"))


@transaction.atomic
def agenda_item_update(
    *, actor, item: AgendaItem, expected_version: str | None = None, **fields
) -> AgendaItem:
    ensure_meeting_editable(item.meeting)  # the meeting's lock first, then the item's row
    check_version(item, expected_version)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    return save_with_history(item, actor=actor, reason=_("Punkt på dagordningen ändrad"))


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, position: int) -> AgendaItem:
    """Move an item to `position` (1 = first) and number the agenda 1..n in its new order,
    each renumbered item with a history row saying from which number to which."""
    ensure_meeting_editable(item.meeting)
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("number", "pk")
    )
    moved = next((row for row in items if row.pk == item.pk), None)
    if moved is None:
        raise ValidationError(_("Punkten finns inte längre på dagordningen."))
    items.remove(moved)
    items.insert(min(max(position, 1), len(items) + 1) - 1, moved)
    changed = [(row, number) for number, row in enumerate(items, start=1) if row.number != number]
    # (meeting, number) is unique and checked row by row (not deferrable, and SQLite cannot
    # defer): first park the rows that change above every number in use. The parked numbers
    # exist only inside this transaction; the history rows below record each final number,
    # so the history misses no state that was ever committed.
    top = max(row.number for row in items)
    for offset, (row, _number) in enumerate(changed, start=1):
        AgendaItem.objects.filter(pk=row.pk).update(number=top + offset)
    for row, number in changed:
        numbers = {"old": row.number, "new": number}
        row.number = number
        if row.pk == moved.pk:
            reason = _("Punkt flyttad från %(old)s till %(new)s") % numbers
        else:
            reason = _("Punkt numrerad om från %(old)s till %(new)s") % numbers
        save_with_history(row, actor=actor, reason=reason)
    return moved


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
    rows = rows + _serving_substitutes(meeting, rows, existing, errors)
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


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _serving_substitutes(meeting: Meeting, rows: list[dict], existing: dict, errors: list) -> list:
    """A substitute named for an absent member ("Ersatt av") who sits in the group was at the
    meeting: their own row is recorded present (a row left unrecorded becomes "Närvarande";
    one that says otherwise is refused). Only people recorded present chair and approve the
    minutes (rules.presence_refusal), and the quorum counts the seat they filled."""
    named = {
        _name_key(row.get("substitute_name", "")): row["person"]
        for row in rows
        if row["status"] == AttendanceStatus.SUBSTITUTED and row.get("substitute_name", "").strip()
    }
    if not named:
        return []
    day = timezone.localtime(meeting.starts_at).date()
    by_name: dict[str, list[Membership]] = {}
    for membership in (
        Membership.objects.current(day).filter(group_id=meeting.group_id).select_related("person")
    ):
        by_name.setdefault(_name_key(membership.person.full_name), []).append(membership)
    status_of = {person_id: a.status for person_id, a in existing.items()}
    status_of.update({row["person"].pk: row["status"] for row in rows})
    added = []
    for key, replaced in named.items():
        people = {m.person_id: m for m in by_name.get(key, [])}
        if len(people) != 1:
            continue  # not a member of the group (or two of that name): the name is the record
        (membership,) = people.values()
        status = status_of.get(membership.person_id)
        if membership.person_id == replaced.pk or (
            status is not None and status != AttendanceStatus.PRESENT
        ):
            errors.append(
                _(
                    "%(substitute)s anges som ersättare för %(member)s men är inte registrerad "
                    "som närvarande."
                )
                % {"substitute": membership.person.full_name, "member": replaced.full_name}
            )
        elif status is None:
            status_of[membership.person_id] = AttendanceStatus.PRESENT
            added.append(
                {
                    "person": membership.person,
                    "status": AttendanceStatus.PRESENT,
                    "role": membership.role,
                    "region": membership.region,
                }
            )
    return added


def _voting_rights_on_the_day(meeting: Meeting) -> dict[int, bool]:
    day = timezone.localtime(meeting.starts_at).date()
    return dict(
        Membership.objects.current(day)
        .filter(group_id=meeting.group_id)
        .values_list("person_id", "voting_right")
    )


@transaction.atomic
def guest_add(
    *, actor, meeting: Meeting, name: str, affiliation: str = "", email: str = ""
) -> Guest:
    ensure_meeting_editable(meeting)
    guest = Guest(meeting=meeting, name=name, affiliation=affiliation, email=email)
    return save_with_history(guest, actor=actor, reason=_("Gäst tillagd"))


@transaction.atomic
def guest_remove(*, actor, guest: Guest) -> None:
    ensure_meeting_editable(guest.meeting)
    guest._history_user = actor
    guest._change_reason = _("Gäst borttagen")
    guest.delete()
