"""The § series of a body: one counter per body and year, taken under a row lock.

A formal protokoll gives every agenda item a §, the opening items too, in agenda order and
without gaps. The §s are given when the minutes are submitted for justering
(`assign_paragraphs`); a decision on a protokoll item waits for its item's §. Standalone
decisions and decisions of informal notes take their § when they are recorded
(`take_paragraphs`). Once given, a § is never reused or changed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesKind,
    ParagraphCounter,
)
from groups.models import Group, GroupKind
from portal.history import save_with_history


def default_kind(meeting: Meeting) -> str:
    """A committee (nämnd) keeps a formal protokoll; other groups write minnesanteckningar."""
    return MinutesKind.PROTOCOL if meeting.group.kind == GroupKind.COMMITTEE else MinutesKind.NOTES


def minutes_kind(meeting: Meeting) -> str:
    """The kind of the meeting's minutes, or the kind they will have when started."""
    kind = Minutes.objects.filter(meeting_id=meeting.pk).values_list("kind", flat=True).first()
    return kind or default_kind(meeting)


def is_protocol_meeting(meeting: Meeting | None) -> bool:
    return meeting is not None and minutes_kind(meeting) == MinutesKind.PROTOCOL


def meeting_year(meeting: Meeting) -> int:
    return timezone.localtime(meeting.starts_at).year


def take_paragraphs(body: Group, year: int, count: int = 1) -> list[int]:
    """Take the next `count` §s of a body and year under a row lock: a second secretary saving
    at the same moment waits here until the first transaction commits, then gets the next
    numbers. Call inside a transaction."""
    ParagraphCounter.objects.bulk_create(
        [ParagraphCounter(body=body, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ParagraphCounter.objects.select_for_update().get(body=body, year=year)
    highest_decision = Decision.objects.filter(body=body, year=year).aggregate(n=Max("number"))
    highest_item = AgendaItem.objects.filter(
        meeting__group=body, meeting__starts_at__year=year
    ).aggregate(n=Max("paragraph"))
    first = max(counter.last_number, highest_decision["n"] or 0, highest_item["n"] or 0) + 1
    counter.last_number = first + count - 1
    counter.save(update_fields=["last_number"])
    return list(range(first, first + count))


def assign_paragraphs(meeting: Meeting, *, actor, through: AgendaItem | None = None) -> None:
    """Give §s to the meeting's items that have none, in agenda order, and to the decisions
    that wait for them. For informal notes only the waiting decisions get numbers (still in
    agenda order); their items stay "Punkt N".

    Called when the minutes are submitted for justering, and for an omedelbar justering with
    `through=` the item: the items up to it are numbered then, the rest at submission, so the
    series still follows the agenda.
    """
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    items = list(meeting.agenda_items.order_by("number"))
    if through is not None:
        items = [item for item in items if item.number <= through.number]
    waiting = {
        d.agenda_item_id: d
        for d in Decision.objects.filter(
            meeting=meeting, number__isnull=True, agenda_item__isnull=False
        )
    }
    if minutes_kind(meeting) == MinutesKind.PROTOCOL:
        unnumbered = [item for item in items if item.paragraph is None]
        numbers = _take(meeting, len(unnumbered))
        for item, number in zip(unnumbered, numbers, strict=True):
            item.paragraph = number
            save_with_history(
                item, actor=actor, reason=_("§ %(number)s i protokollet") % {"number": number}
            )
        for item in items:
            if item.pk in waiting:
                _give_number(waiting[item.pk], item.paragraph, actor)
    else:
        pending = [item for item in items if item.pk in waiting]
        for item, number in zip(pending, _take(meeting, len(pending)), strict=True):
            _give_number(waiting[item.pk], number, actor)


def _take(meeting: Meeting, count: int) -> list[int]:
    return take_paragraphs(meeting.group, meeting_year(meeting), count) if count else []


def _give_number(decision: Decision, number: int, actor) -> None:
    decision.number = number
    save_with_history(
        decision, actor=actor, reason=_("Paragraf § %(number)s tilldelad") % {"number": number}
    )


def check_kind_change(minutes: Minutes, kind: str) -> None:
    """Notes cannot become a protokoll once their decisions have numbers of their own: the
    protokoll's §s follow the agenda, and a given § never changes."""
    if kind != MinutesKind.PROTOCOL or minutes.kind == MinutesKind.PROTOCOL:
        return
    numbered = Decision.objects.filter(meeting_id=minutes.meeting_id, number__isnull=False)
    if numbered.exists():
        raise ValidationError(
            {
                "kind": _(
                    "Mötets beslut har redan paragrafnummer i organets serie. Anteckningarna kan "
                    "därför inte göras om till ett protokoll, där varje punkt får sin § i "
                    "dagordningens ordning."
                )
            }
        )


def ensure_item_unnumbered(item: AgendaItem) -> None:
    """An item that has its § in a protokoll stays: removing it would leave a gap."""
    if item.paragraph is not None:
        raise ValidationError(
            _(
                "Punkten är § %(number)s i protokollet och kan inte tas bort; en given paragraf "
                "återanvänds aldrig. Skriv i stället i protokollet att ärendet utgick."
            )
            % {"number": item.paragraph}
        )
