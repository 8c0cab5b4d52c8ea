"""Minutes: written per agenda item, submitted, approved by the chair and the named adjusters,
then locked; later changes are recorded corrections (rättelser)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    ApproverRole,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesCorrection,
    MinutesItemNote,
    MinutesKind,
    MinutesStatus,
)
from governance.services.common import check_version, ensure_meeting_editable, minutes_of
from governance.services.paragraphs import assign_paragraphs, check_kind_change, default_kind
from groups.models import Membership, MembershipRole, Person
from portal.access import is_administrator
from portal.history import save_with_history


def minutes_defaults(meeting: Meeting) -> dict:
    """Kind, chair and secretary to start from: the group's chair (or convener) and secretary
    on the meeting day."""
    on = timezone.localtime(meeting.starts_at).date()
    leaders = {
        m.role: m.person
        for m in Membership.objects.current(on)
        .filter(
            group_id=meeting.group_id,
            role__in=[MembershipRole.CHAIR, MembershipRole.CONVENER, MembershipRole.SECRETARY],
        )
        .select_related("person")
    }
    return {
        "kind": default_kind(meeting),
        "chair": leaders.get(MembershipRole.CHAIR) or leaders.get(MembershipRole.CONVENER),
        "secretary": leaders.get(MembershipRole.SECRETARY),
    }


@transaction.atomic
def minutes_start(*, actor, meeting: Meeting, kind: str | None = None) -> Minutes:
    """The minutes of a meeting, created on first use with the group's chair or convener."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = minutes_of(meeting)
    if existing is not None:
        return existing
    defaults = minutes_defaults(meeting)
    if kind:
        defaults["kind"] = kind
    minutes = Minutes(meeting=meeting, **defaults)
    return save_with_history(minutes, actor=actor, reason=_("Protokoll påbörjat"))


@transaction.atomic
def minutes_update(
    *,
    actor,
    minutes: Minutes,
    expected_version: str | None = None,
    adjusters: list[Person] | None = None,
    **fields,
) -> Minutes:
    check_version(minutes, expected_version)
    ensure_meeting_editable(minutes.meeting)
    if "kind" in fields:
        check_kind_change(minutes, fields["kind"])
    for name in (
        "kind",
        "chair",
        "secretary",
        "general_notes",
        "approval_place",
        "approval_date",
    ):
        if name in fields:
            setattr(minutes, name, fields[name])
    save_with_history(minutes, actor=actor, reason=_("Protokollets uppgifter ändrade"))
    if adjusters is not None:
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
    minutes: Minutes,
    agenda_item: AgendaItem,
    text: str,
    expected_version: str | None = None,
) -> MinutesItemNote:
    if agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError(_("Punkten hör inte till det här mötet."))
    ensure_meeting_editable(minutes.meeting)
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


def required_approvers(minutes: Minutes) -> list[tuple[Person, str]]:
    """The chair and every named adjuster, each once."""
    approvers: list[tuple[Person, str]] = []
    if minutes.chair_id:
        approvers.append((minutes.chair, ApproverRole.CHAIR))
    for link in minutes.adjuster_links.select_related("person"):
        if link.person_id != minutes.chair_id:
            approvers.append((link.person, ApproverRole.ADJUSTER))
    return approvers


@transaction.atomic
def minutes_submit(*, actor, minutes: Minutes) -> Minutes:
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__group").get(pk=minutes.pk)
    )
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("Protokollet är redan lämnat för justering."))
    errors = []
    adjuster_count = minutes.adjuster_links.count()
    if minutes.kind == MinutesKind.PROTOCOL and not minutes.chair_id:
        errors.append(_("Ange mötets ordförande innan protokollet lämnas för justering."))
    if not adjuster_count:
        errors.append(_("Välj minst en justerare innan protokollet lämnas för justering."))
    if not minutes.meeting.agenda_items.exists():
        errors.append(_("Mötet har ingen dagordning att protokollföra."))
    if errors:
        raise ValidationError(errors)
    assign_paragraphs(minutes.meeting, actor=actor)
    minutes.status = MinutesStatus.SUBMITTED
    minutes.submitted_at = timezone.now()
    return save_with_history(minutes, actor=actor, reason=_("Lämnat för justering"))


@transaction.atomic
def minutes_withdraw(*, actor, minutes: Minutes) -> Minutes:
    """Take submitted minutes back for changes; approvals already given lapse."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
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
) -> Minutes:
    """Record one approval. The actor approves as the named person they are; an administrator
    may register the approval of a named approver who signed on paper (person=…), on the day
    it was signed (signed_on; today when not given)."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    approved_at = timezone.now()
    if signed_on is not None:
        if person is None:
            raise ValidationError(_("Ett datum anges bara när en pappersjustering registreras."))
        meeting_day = timezone.localtime(minutes.meeting.starts_at).date()
        if not meeting_day <= signed_on <= timezone.localdate():
            raise ValidationError(
                {
                    "signed_on": _(
                        "Justeringsdatumet måste ligga mellan mötesdagen (%(day)s) och i dag."
                    )
                    % {"day": meeting_day.isoformat()}
                }
            )
        approved_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(12)))
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(_("Protokollet är redan justerat."))
    if minutes.status != MinutesStatus.SUBMITTED:
        raise ValidationError(_("Protokollet är inte lämnat för justering ännu."))
    approvers = dict((p.pk, (p, role)) for p, role in required_approvers(minutes))
    if person is None:
        person = Person.objects.filter(user=actor).first() if actor is not None else None
    elif actor is not None and not is_administrator(actor) and person.user_id != actor.pk:
        raise PermissionDenied  # only administrators register someone else's approval
    if person is None or person.pk not in approvers:
        raise PermissionDenied(_("Du är inte utsedd att justera det här protokollet."))
    if minutes.approvals.filter(person=person).exists():
        raise ValidationError(_("%(name)s har redan justerat protokollet.") % {"name": person})
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
    # The minutes' own history shows the correction too.
    save_with_history(minutes, actor=actor, reason=_("Rättelse: %(reason)s") % {"reason": reason})
    return correction


def approval_deadline(minutes: Minutes) -> datetime.date:
    """Swedish practice: minutes are approved within two weeks of the meeting."""
    return timezone.localtime(minutes.meeting.starts_at).date() + datetime.timedelta(days=14)
