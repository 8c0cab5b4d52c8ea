"""Minutes: written per agenda item, submitted, approved by the chair and the named adjusters,
then locked; later changes are recorded corrections (rättelser)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesCorrection,
    MinutesItemNote,
    MinutesStatus,
)
from governance.services import rules
from governance.services.common import check_version, ensure_meeting_editable, lock_meeting
from governance.services.paragraphs import assign_paragraphs, check_kind_change, default_kind
from groups.models import Membership, MembershipRole, Person
from portal.access import is_administrator
from portal.history import save_with_history


def minutes_defaults(meeting: Meeting) -> dict:
    """Kind, chair and secretary to start from: the group's chair (or convener) and secretary
    on the meeting day; a chair recorded absent is not proposed (the vice chair is, if there)."""
    on = timezone.localtime(meeting.starts_at).date()
    leaders = {
        m.role: m.person
        for m in Membership.objects.current(on)
        .filter(
            group_id=meeting.group_id,
            role__in=[
                MembershipRole.CHAIR,
                MembershipRole.VICE_CHAIR,
                MembershipRole.CONVENER,
                MembershipRole.SECRETARY,
            ],
        )
        .select_related("person")
    }
    present = rules.present_person_ids(meeting)
    chairs = [
        leaders.get(role)
        for role in (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.CONVENER)
    ]
    chair = next(
        (p for p in chairs if p is not None and (present is None or p.pk in present)), None
    )
    return {
        "kind": default_kind(meeting),
        "chair": chair,
        "secretary": leaders.get(MembershipRole.SECRETARY),
    }


def _start(actor, meeting: Meeting, kind: str | None = None) -> Minutes:
    """Under the meeting's lock: the existing minutes, or new ones with the defaults."""
    existing = Minutes.objects.filter(meeting_id=meeting.pk).first()
    if existing is not None:
        return existing
    defaults = minutes_defaults(meeting)
    if kind:
        defaults["kind"] = kind
    minutes = Minutes(meeting=meeting, **defaults)
    return save_with_history(minutes, actor=actor, reason=_("Protokoll påbörjat"))


@transaction.atomic
def minutes_start(*, actor, meeting: Meeting, kind: str | None = None) -> Minutes:
    """The minutes of a meeting, created on first use with the group's chair or convener."""
    lock_meeting(meeting.pk)
    return _start(actor, meeting, kind)


@transaction.atomic
def minutes_update(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    chair: Person | None,
    secretary: Person | None,
    adjusters: list[Person],
    general_notes: str,
    approval_place: str,
    approval_date: datetime.date | None,
    expected_version: str | None = None,
) -> Minutes:
    """Save the minutes' header ("Till justerare valdes …", chair, time and place of approval),
    starting the minutes if this is their first write.

    expected_version is the version the form was opened on: "" when the minutes did not exist
    yet (if someone has started them since, the save is stale), None for no check."""
    ensure_meeting_editable(meeting)
    minutes = Minutes.objects.filter(meeting_id=meeting.pk).first()
    if minutes is None:
        minutes = _start(actor, meeting)
    else:
        check_version(minutes, expected_version)
    errors = rules.minutes_header_refusals(
        meeting, chair=chair, adjusters=adjusters, approval_date=approval_date
    )
    if errors:
        raise ValidationError(errors)
    check_kind_change(minutes, kind)
    minutes.kind = kind
    minutes.chair = chair
    minutes.secretary = secretary
    minutes.general_notes = general_notes
    minutes.approval_place = approval_place
    minutes.approval_date = approval_date
    # Changed adjusters alone still move the minutes' version (the form's lock).
    parts_changed = {p.pk for p in adjusters} != set(
        minutes.adjuster_links.values_list("person_id", flat=True)
    )
    save_with_history(
        minutes,
        actor=actor,
        reason=_("Protokollets uppgifter ändrade"),
        parts_changed=parts_changed,
    )
    _set_adjusters(actor, minutes, adjusters)
    return minutes


def _set_adjusters(actor, minutes: Minutes, adjusters: list[Person]) -> None:
    wanted = {person.pk: person for person in adjusters}
    for link in minutes.adjuster_links.all():
        if link.person_id not in wanted:
            link._history_user = actor
            link._change_reason = _("Justerare borttagen")
            link.delete()
        else:
            wanted.pop(link.person_id)
    for person in wanted.values():
        save_with_history(
            MinutesAdjuster(minutes=minutes, person=person),
            actor=actor,
            reason=_("Till justerare valdes %(name)s") % {"name": person.full_name},
        )


@transaction.atomic
def minutes_item_note_save(
    *,
    actor,
    meeting: Meeting,
    agenda_item: AgendaItem,
    text: str,
    expected_version: str | None = None,
) -> MinutesItemNote:
    """Save the note of one agenda item, starting the minutes if this is their first write.
    expected_version "" means the form was opened before the item had a note."""
    if agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("Punkten hör inte till det här mötet."))
    ensure_meeting_editable(meeting)
    minutes = _start(actor, meeting)
    note = MinutesItemNote.objects.filter(agenda_item=agenda_item).first()
    if note is None:
        if expected_version:  # the form was opened on a note that someone since removed
            check_version(agenda_item, None)
        note = MinutesItemNote(minutes=minutes, agenda_item=agenda_item)
    else:
        check_version(note, expected_version)
    note.text = text
    return save_with_history(
        note,
        actor=actor,
        reason=_("Anteckning till punkt %(number)s sparad") % {"number": agenda_item.number},
    )


def _locked_minutes(minutes: Minutes) -> Minutes:
    """The meeting's lock, then the minutes' own, and what the rules read, freshly loaded."""
    lock_meeting(minutes.meeting_id)
    locked = (
        Minutes.objects.select_for_update(of=("self",))
        .select_related("meeting__group", "chair")
        .get(pk=minutes.pk)
    )
    prefetch_related_objects(
        [locked],
        "adjuster_links__person",
        "approvals",
        "meeting__attendances",
        "meeting__agenda_items",
    )
    return locked


def ensure_submittable(minutes: Minutes, *, now: datetime.datetime) -> None:
    errors = rules.minutes_submit_refusals(minutes, now=now)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def minutes_submit(*, actor, minutes: Minutes) -> Minutes:
    minutes = _locked_minutes(minutes)
    now = timezone.now()
    ensure_submittable(minutes, now=now)
    assign_paragraphs(minutes.meeting, actor=actor)
    minutes.status = MinutesStatus.SUBMITTED
    minutes.submitted_at = now
    save_with_history(minutes, actor=actor, reason=_("Lämnat för justering"))
    meeting = minutes.meeting
    if meeting.status == MeetingStatus.PLANNED:  # it has begun (ensure_submittable): it was held
        meeting.status = MeetingStatus.HELD
        save_with_history(meeting, actor=actor, reason=_("Protokollet lämnat för justering"))
    return minutes


@transaction.atomic
def minutes_withdraw(*, actor, minutes: Minutes) -> Minutes:
    """Take submitted minutes back for changes; approvals already given lapse."""
    minutes = _locked_minutes(minutes)
    if minutes.status != MinutesStatus.SUBMITTED:
        raise ValidationError(_("Bara protokoll som väntar på justering kan tas tillbaka."))
    for approval in minutes.approvals.all():
        approval._history_user = actor
        approval._change_reason = _("Justeringen upphävd: protokollet togs tillbaka för ändring")
        approval.delete()
    minutes.status = MinutesStatus.DRAFT
    minutes.submitted_at = None
    return save_with_history(minutes, actor=actor, reason=_("Tagits tillbaka för ändring"))


@transaction.atomic
def minutes_approve(
    *,
    actor,
    minutes: Minutes,
    person: Person | None = None,
    signed_on: datetime.date | None = None,
    announced_on: datetime.date | None = None,
) -> Minutes:
    """Record one approval. The actor approves as the named person they are; an administrator
    may register the approval of a named approver who signed on paper (person=…), on the day
    it was signed (signed_on; today when not given). The last approval also records the day
    the justering is announced (announced_on: today unless given, e.g. for minutes posted on
    a paper notice board before they were entered here)."""
    minutes = _locked_minutes(minutes)
    today = timezone.localdate()
    approved_at = timezone.now()
    if signed_on is not None:
        if person is None:
            raise ValidationError(_("Ett datum anges bara när en pappersjustering registreras."))
        refusal = rules.approval_day_refusal(minutes.meeting, signed_on, today=today)
        if refusal:
            raise ValidationError({"signed_on": refusal})
        approved_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(12)))
    approvers = {p.pk: (p, role) for p, role in rules.approvers(minutes)}
    if person is None:
        person = Person.objects.filter(user=actor).first() if actor is not None else None
    elif actor is not None and not is_administrator(actor) and person.user_id != actor.pk:
        raise PermissionDenied  # only administrators register someone else's approval
    if person is None or (person.pk not in approvers and minutes.status == MinutesStatus.SUBMITTED):
        raise PermissionDenied(_("Du är inte utsedd att justera det här protokollet."))
    on = signed_on or today
    refusal = rules.minutes_approval_refusal(minutes, person, on=on, today=today)
    if refusal:
        raise ValidationError(refusal)
    save_with_history(
        MinutesApproval(
            minutes=minutes,
            person=person,
            role=approvers[person.pk][1],
            user=actor if actor is not None and actor.is_authenticated else None,
            approved_at=approved_at,
        ),
        actor=actor,
        reason=_("Justerat av %(name)s") % {"name": person.full_name},
    )
    approved = set(minutes.approvals.values_list("person_id", flat=True))
    if approved >= set(approvers):
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_at = max(minutes.approvals.values_list("approved_at", flat=True))
        minutes.announced_on = announced_on or today
        if not timezone.localtime(minutes.approved_at).date() <= minutes.announced_on <= today:
            raise ValidationError(
                _("Justeringen kan inte tillkännages före justeringen eller i framtiden.")
            )
        save_with_history(minutes, actor=actor, reason=_("Protokollet justerat"))
        meeting = minutes.meeting
        if meeting.status == MeetingStatus.PLANNED:
            meeting.status = MeetingStatus.HELD
            save_with_history(meeting, actor=actor, reason=_("Protokollet justerat"))
    return minutes


@transaction.atomic
def minutes_correct(
    *, actor, minutes: Minutes, text: str, reason: str, agenda_item: AgendaItem | None = None
) -> MinutesCorrection:
    lock_meeting(minutes.meeting_id)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(
            _("Bara justerade protokoll rättas. Ändra texten direkt så länge det är ett utkast.")
        )
    if agenda_item is not None and agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError({"agenda_item": _("Punkten hör inte till det här mötet.")})
    correction = MinutesCorrection(
        minutes=minutes, agenda_item=agenda_item, text=text, reason=reason, created_by=actor
    )
    save_with_history(
        correction, actor=actor, reason=_("Rättelse: %(reason)s") % {"reason": reason}
    )
    # The minutes' own history shows the correction too (a part of them, not their fields).
    save_with_history(
        minutes,
        actor=actor,
        reason=_("Rättelse: %(reason)s") % {"reason": reason},
        parts_changed=True,
    )
    return correction
