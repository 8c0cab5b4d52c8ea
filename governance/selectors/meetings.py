"""Reads for meeting pages: lists, the month overview, one meeting with everything on it."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import (
    BooleanField,
    Case,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.access.meetings import MEETING_RELATED, readable_group_ids
from governance.models import (
    AgendaItem,
    Attachment,
    Attendance,
    AttendanceStatus,
    Decision,
    Dispatch,
    Guest,
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
from governance.selectors.paragraphs import (
    attach_record,
    decision_label,
    item_label,
    paragraph_text,
    record_prefetch,
    record_rows,
)
from governance.services import rules
from governance.services.common import version_of
from governance.services.minutes import minutes_defaults
from governance.services.paragraphs import default_kind
from groups.models import Group, Membership, MembershipRole, Person
from portal.history import HistorySource, history_lines, user_label
from portal.queries import Rows, count_per_row, read_together, set_prefetched
from portal.sorting import Column, Sort, sort_from

ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}


# The meeting list's sortable columns (?sortera=…): newest first by default, the next first
# among the coming meetings. Each ordering has an index (migration 0012).
MEETING_COLUMNS = (
    Column("datum", gettext_lazy("Datum"), ("starts_at",), descending_first=True),
    Column("grupp", gettext_lazy("Grupp"), ("group__name", "-starts_at")),
    Column("mote", gettext_lazy("Möte"), ("title", "-starts_at")),
    Column("plats", gettext_lazy("Plats"), ("place", "-starts_at")),
    Column("status", gettext_lazy("Status"), ("status", "-starts_at")),
)


def meeting_sort(params, *, when: str = "") -> Sort:
    return sort_from(params, MEETING_COLUMNS, default="datum" if when == "upcoming" else "-datum")


def meeting_list(
    *,
    user,
    group: Group | None = None,
    when: str = "",
    search: str = "",
    sort: Sort | None = None,
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("group", "group__healthcare_region", "minutes")
    meetings = meetings.annotate(
        item_count=count_per_row(AgendaItem.objects.all(), via="meeting"),
        approval_overdue=_approval_overdue(),
    )
    readable = readable_group_ids(user)
    if readable is not None:
        meetings = meetings.filter(group__in=readable)
    if group is not None:
        meetings = meetings.filter(group=group)
    now = timezone.now()
    if when == "upcoming":
        meetings = meetings.filter(starts_at__gte=now)
    elif when == "past":
        meetings = meetings.filter(starts_at__lt=now)
    sort = sort or meeting_sort({}, when=when)
    meetings = meetings.order_by(*sort.order_by())
    if search:
        meetings = meetings.filter(
            Q(title__icontains=search)
            | Q(group__name__icontains=search)
            | Q(place__icontains=search)
        )
    return meetings


def latest_dispatch_at():
    """When the decision's extract was last dispatched (expedierat), as a column: the
    register and the protokoll say "Expedierat <date>" without a query of their own."""
    dispatches = Dispatch.objects.filter(decision=OuterRef("pk")).order_by("-dispatched_at")
    return Subquery(dispatches.values("dispatched_at")[:1])


def _approval_overdue():
    """rules.approval_overdue in SQL: not cancelled, minutes missing or not approved, and the
    meeting's local day more than 14 days ago (it began before local midnight 14 days ago)."""
    cutoff = rules.approval_cutoff(timezone.localdate())
    return Case(
        When(
            Q(starts_at__lt=cutoff)
            & ~Q(status=MeetingStatus.CANCELLED)
            & (Q(minutes__isnull=True) | ~Q(minutes__status=MinutesStatus.APPROVED)),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


@dataclass
class Month:
    first_day: datetime.date
    meetings: list[Meeting]


# A group's meeting calendar: oldest month first (the default) or the latest first.
CALENDAR_COLUMNS = (Column("datum", gettext_lazy("Datum"), ("starts_at",)),)


def calendar_sort(params) -> Sort:
    return sort_from(params, CALENDAR_COLUMNS, default="datum")


def meetings_by_month(meetings: list[Meeting], *, newest_first: bool = False) -> list[Month]:
    """A calendar-like overview: the meetings grouped under their month, in date order (the
    latest first when asked)."""

    def month_of(meeting: Meeting) -> datetime.date:
        return timezone.localtime(meeting.starts_at).date().replace(day=1)

    ordered = sorted(meetings, key=lambda m: (m.starts_at, m.pk), reverse=newest_first)
    return [Month(month, list(items)) for month, items in groupby(ordered, key=month_of)]


@dataclass
class AgendaEntry:
    item: AgendaItem
    note: str
    decisions: list[Decision]
    attachments: list[Attachment]
    corrections: list[MinutesCorrection] = field(default_factory=list)
    label: str = ""  # "§ 5" in a protokoll once numbered, else "Punkt 3"
    takes_decision: bool = True  # in a protokoll an item has one decision at most


@dataclass
class MeetingOverview:
    meeting: Meeting
    agenda: list[AgendaEntry]
    attendances: list[Attendance]
    guests: list
    minutes: Minutes | None
    adjusters: list[Person]
    approvals: list[MinutesApproval]  # each with `recorded_by`, who registered it
    pending_approvers: list[tuple[Person, str]]
    corrections: list[MinutesCorrection]  # each with `recorded_by`, who made it
    loose_decisions: list[Decision]
    history: list
    # The rules of the record (governance.services.rules), prepared for display.
    quorum: rules.Quorum
    shows_quorum: bool  # a protokoll states the quorum; minnesanteckningar need not
    approval_deadline: datetime.date
    approval_overdue: bool
    submit_refusals: list[str]  # what keeps draft minutes from being submitted
    kind: str = MinutesKind.NOTES  # the minutes' kind, or the kind they will have
    unapproved: bool = True
    deciding: list[str] = field(default_factory=list)  # seats with a vote, as printed
    others_present: list[str] = field(default_factory=list)  # without a vote, and guests
    absent: list[str] = field(default_factory=list)
    paragraph_range: str = ""  # "§§ 1–5": the protokoll's paragraphs

    @property
    def paragraphs_pending(self) -> bool:
        """A protokoll whose items still wait for their §s."""
        return self.is_protocol and any(e.item.paragraph is None for e in self.agenda)

    @property
    def is_protocol(self) -> bool:
        return self.kind == MinutesKind.PROTOCOL


def _decision_prefetch() -> list:
    return [
        *record_prefetch(),
        Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk")),
    ]


def annotate_record(decision: Decision) -> Decision:
    """Attach what the pages and papers print: `label` ("§ 5") and `printed` (ParagraphText)."""
    decision.label = decision_label(decision)
    decision.printed = paragraph_text(decision)
    return decision


def _meeting_prefetch() -> list:
    return [
        Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("note", "commission")),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("body", "vote")
            .annotate(dispatched_at=latest_dispatch_at())
            .order_by("number", "pk"),
        ),
    ]


@dataclass
class _MeetingParts:
    attendances: list[Attendance]
    memberships: list[Membership]
    adjuster_links: list[MinutesAdjuster]
    approvals: list[MinutesApproval]
    corrections: list[MinutesCorrection]


def _read_parts(meeting: Meeting, minutes: Minutes | None) -> _MeetingParts:
    """Everything on the page below the meeting, its agenda and its decisions, in one query
    (portal.queries.read_together), given to the objects as their prefetched rows."""
    items = list(meeting.agenda_items.all())
    decisions = list(meeting.decisions.all())
    decision_ids = [d.pk for d in decisions]
    minutes_id = minutes.pk if minutes is not None else None
    in_order = ("position", "pk")
    rows = read_together(
        Rows(Attendance.objects.filter(meeting=meeting), ("person", "region")),
        Rows(Guest.objects.filter(meeting=meeting)),
        Rows(Membership.objects.current(rules.meeting_day(meeting)).filter(group=meeting.group_id)),
        Rows(Attachment.objects.filter(agenda_item__meeting=meeting).order_by(*in_order)),
        Rows(Attachment.objects.filter(decision_id__in=decision_ids).order_by(*in_order)),
        Rows(MinutesAdjuster.objects.filter(minutes_id=minutes_id), ("person",)),
        Rows(MinutesApproval.objects.filter(minutes_id=minutes_id), ("person", "user")),
        Rows(
            MinutesCorrection.objects.filter(minutes_id=minutes_id),
            ("agenda_item", "created_by"),
        ),
        *record_rows(decision_ids),
    )
    attendances, guests, memberships, item_files, decision_files = rows[:5]
    adjuster_links, approvals, corrections = rows[5:8]
    set_prefetched([meeting], "attendances", attendances, via="meeting")
    set_prefetched([meeting], "guests", guests, via="meeting")
    set_prefetched(items, "attachments", item_files, via="agenda_item")
    set_prefetched(decisions, "attachments", decision_files, via="decision")
    attach_record(decisions, rows[8:])
    if minutes is not None:
        set_prefetched([minutes], "adjuster_links", adjuster_links, via="minutes")
        set_prefetched([minutes], "approvals", approvals, via="minutes")
    return _MeetingParts(attendances, memberships, adjuster_links, approvals, corrections)


def meeting_overview(meeting: Meeting | int, *, history: bool = True) -> MeetingOverview | None:
    """The meeting page (and the minutes PDF): a fixed number of queries, whatever the size.
    Given the meeting its access function fetched (with MEETING_RELATED), its parts are
    read onto it; given an id, the meeting is read first. The papers ask without the history
    (history=False), which they do not print."""
    if not isinstance(meeting, Meeting):
        meeting = Meeting.objects.select_related(*MEETING_RELATED).filter(pk=meeting).first()
    if meeting is None:
        return None
    prefetch_related_objects([meeting], *_meeting_prefetch())
    minutes = getattr(meeting, "minutes", None) if _has_minutes(meeting) else None
    parts = _read_parts(meeting, minutes)
    adjusters = [link.person for link in parts.adjuster_links]
    approvals = parts.approvals
    corrections = parts.corrections
    # Ready names: paper approvals and loaded data have no user.
    for approval in approvals:
        approval.recorded_by = user_label(approval.user)
    for correction in corrections:
        correction.recorded_by = user_label(correction.created_by)
    decisions_by_item = defaultdict(list)
    loose = []
    for decision in meeting.decisions.all():
        annotate_record(decision)
        if decision.agenda_item_id:
            decisions_by_item[decision.agenda_item_id].append(decision)
        else:
            loose.append(decision)
    corrections_by_item = defaultdict(list)
    for correction in corrections:
        corrections_by_item[correction.agenda_item_id].append(correction)
    kind = minutes.kind if minutes is not None else default_kind(meeting)
    agenda = [
        AgendaEntry(
            item=item,
            note=_note_text(item),
            decisions=decisions_by_item.get(item.pk, []),
            attachments=list(item.attachments.all()),
            corrections=corrections_by_item.get(item.pk, []),
            label=item_label(item, kind),
            takes_decision=kind != MinutesKind.PROTOCOL or item.pk not in decisions_by_item,
        )
        for item in meeting.agenda_items.all()
    ]
    approved_ids = {a.person_id for a in approvals}
    pending = (
        [(p, role) for p, role in rules.approvers(minutes) if p.pk not in approved_ids]
        if minutes is not None
        else []
    )
    attendances = sorted(
        meeting.attendances.all(),
        key=lambda a: (ROLE_ORDER.get(a.role, 99), a.person.last_name, a.person.first_name),
    )
    history = meeting_history(meeting, minutes) if history else []
    today = timezone.localdate()
    draft = minutes is not None and minutes.status == MinutesStatus.DRAFT
    now = timezone.now()
    quorum = rules.quorum(meeting, parts.memberships)
    deciding, others, absent = _attendance_lines(attendances, meeting.guests.all())
    return MeetingOverview(
        meeting=meeting,
        agenda=agenda,
        attendances=attendances,
        guests=list(meeting.guests.all()),
        minutes=minutes,
        adjusters=adjusters,
        approvals=approvals,
        pending_approvers=pending,
        corrections=corrections,
        loose_decisions=loose,
        history=history[:30],
        quorum=quorum,
        shows_quorum=kind == MinutesKind.PROTOCOL
        and meeting.status != MeetingStatus.CANCELLED
        and (quorum.recorded or meeting.starts_at <= now),
        approval_deadline=rules.approval_deadline(meeting),
        approval_overdue=rules.approval_overdue(meeting, minutes, today=today),
        submit_refusals=rules.minutes_submit_refusals(minutes, now=now) if draft else [],
        kind=kind,
        unapproved=minutes is None or minutes.status != MinutesStatus.APPROVED,
        deciding=deciding,
        others_present=others,
        absent=absent,
        paragraph_range=_paragraph_range([e.item.paragraph for e in agenda])
        if kind == MinutesKind.PROTOCOL
        else "",
    )


def memberships_on_meeting_day(meeting: Meeting) -> list[Membership]:
    """The group's memberships on the meeting day: the seats that count for its quorum."""
    return list(Membership.objects.current(rules.meeting_day(meeting)).filter(group=meeting.group))


def _attendance_lines(attendances, guests) -> tuple[list[str], list[str], list[str]]:
    """The protokoll's "Beslutande" (members with a vote present, substitutes serving in their
    place), "Övriga närvarande" (present without a vote, guests) and "Frånvarande"."""
    deciding, others, absent = [], [], []
    for a in attendances:
        if a.status == AttendanceStatus.ABSENT:
            absent.append(a.person.full_name)
            continue
        if a.status == AttendanceStatus.SUBSTITUTED:
            line = a.seat_name
        else:
            line = a.person.full_name + (f", {a.role_label.lower()}" if a.role_label else "")
            line += f" ({a.region.code})" if a.region else ""
        (deciding if a.voting_right else others).append(line)
    others += [f"{g.name}, {g.affiliation}" if g.affiliation else g.name for g in guests]
    return deciding, others, absent


def _paragraph_range(numbers: list[int | None]) -> str:
    """ "§§ 1–5" for a gap-free run, else the numbers one by one."""
    given = sorted(n for n in numbers if n)
    if not given:
        return ""
    if len(given) == 1:
        return f"§ {given[0]}"
    if given == list(range(given[0], given[-1] + 1)):
        return f"§§ {given[0]}–{given[-1]}"
    return "§§ " + ", ".join(str(n) for n in given)


def person_name(values: dict, first: str = "first", last: str = "last") -> str:
    """A person's name from a history line's values (HistorySource.about)."""
    return Person(first_name=values[first] or "", last_name=values[last] or "").full_name


PERSON_NAME = {"first": "person__first_name", "last": "person__last_name"}


def meeting_history(meeting: Meeting, minutes: Minutes | None, *, limit: int = 40) -> list:
    """The meeting's, its agenda's, its minutes' and their notes' and approvals' changes,
    newest first, each line saying what it concerns (one query)."""
    sources = [
        HistorySource(meeting.history.all(), lambda v: _("Mötet")),
        HistorySource(
            Attendance.history.filter(meeting_id=meeting.pk),
            lambda v: _("Närvaro: %(name)s") % {"name": person_name(v)},
            PERSON_NAME,
        ),
        HistorySource(
            AgendaItem.history.filter(meeting_id=meeting.pk),
            lambda v: _("Punkt %(number)s: %(title)s") % v,
            {"number": "number", "title": "title"},
        ),
    ]
    if minutes is not None:
        sources += [
            HistorySource(minutes.history.all(), lambda v: _("Protokollet")),
            HistorySource(
                MinutesItemNote.history.filter(minutes_id=minutes.pk),
                lambda v: _("Anteckning, punkt %(number)s") % {"number": v["number"] or "–"},
                {"number": "agenda_item__number"},
            ),
            HistorySource(
                MinutesApproval.history.filter(minutes_id=minutes.pk),
                lambda v: _("Justering: %(name)s") % {"name": person_name(v)},
                PERSON_NAME,
            ),
        ]
    return history_lines(*sources, limit=limit)


def _has_minutes(meeting: Meeting) -> bool:
    try:
        return meeting.minutes is not None
    except Minutes.DoesNotExist:
        return False


def _note_text(item: AgendaItem) -> str:
    try:
        return item.note.text
    except AgendaItem.note.RelatedObjectDoesNotExist:
        return ""


@dataclass
class AttendanceRow:
    person: Person
    role: str
    role_label: str
    region: object
    attendance: Attendance | None
    voting_right: bool = True


def attendance_sheet(meeting: Meeting) -> list[AttendanceRow]:
    """Everyone who sat in the group on the meeting day, with what was recorded for them.
    If nobody sat then (a meeting registered afterwards for a group staffed later), today's
    members are listed instead; people already recorded always stay on the sheet."""
    day = timezone.localtime(meeting.starts_at).date()
    memberships = list(
        Membership.objects.current(day)
        .filter(group_id=meeting.group_id)
        .select_related("person", "region")
    )
    if not memberships:
        memberships = list(
            Membership.objects.current()
            .filter(group_id=meeting.group_id)
            .select_related("person", "region")
        )
    recorded = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related("person", "region")
    }
    rows = []
    seen = set()
    for membership in sorted(
        memberships, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.person.last_name)
    ):
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        rows.append(
            AttendanceRow(
                person=membership.person,
                role=membership.role,
                role_label=membership.get_role_display(),
                region=membership.region,
                attendance=recorded.get(membership.person_id),
                voting_right=membership.voting_right,
            )
        )
    for person_id, attendance in recorded.items():
        if person_id not in seen:
            rows.append(
                AttendanceRow(
                    person=attendance.person,
                    role=attendance.role,
                    role_label=MembershipRole(attendance.role).label if attendance.role else "",
                    region=attendance.region,
                    attendance=attendance,
                    voting_right=attendance.voting_right,
                )
            )
    return rows


def group_meeting_summary(group: Group, *, limit: int = 5) -> dict:
    """For the group page: upcoming and recent meetings (two queries)."""
    now = timezone.now()
    base = Meeting.objects.filter(group=group).select_related("minutes")
    upcoming = list(
        base.filter(starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")[:limit]
    )
    recent = list(base.filter(starts_at__lt=now).order_by("-starts_at")[:limit])
    return {"upcoming": upcoming, "recent": recent}


def people_for_meeting(meeting: Meeting) -> QuerySet[Person]:
    """The people who can be named chair, secretary or adjuster: the group's members on the
    day and today, and anyone already named."""
    day = timezone.localtime(meeting.starts_at).date()
    today = timezone.localdate()
    members = Membership.objects.filter(group_id=meeting.group_id).filter(
        Q(start_date__lte=max(day, today)),
        Q(end_date__isnull=True) | Q(end_date__gte=min(day, today)),
    )
    return Person.objects.filter(pk__in=members.values("person_id")).order_by(
        "last_name", "first_name"
    )


def approver_candidates(meeting: Meeting, minutes: Minutes | None) -> QuerySet[Person]:
    """Who can be chosen chair or adjuster: once attendance is recorded, the people recorded
    present (and anyone already named, so that a choice the rules refuse is shown, not
    silently dropped); before that, the people who can be named at all."""
    attendances = Attendance.objects.filter(meeting=meeting)
    if not attendances.exists():
        return people_for_meeting(meeting)
    named = Q()
    if minutes is not None:
        named = Q(pk=minutes.chair_id) | Q(
            pk__in=MinutesAdjuster.objects.filter(minutes=minutes).values("person_id")
        )
    present = attendances.filter(status=AttendanceStatus.PRESENT).values("person_id")
    return Person.objects.filter(Q(pk__in=present) | named).order_by("last_name", "first_name")


@dataclass
class MinutesHeaderPage:
    minutes: Minutes | None
    instance: Minutes  # the saved minutes, or unsaved ones with the defaults to start from
    version: str
    people: QuerySet[Person]
    approver_people: QuerySet[Person]
    attendance_recorded: bool


def minutes_header_page(meeting: Meeting) -> MinutesHeaderPage:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return MinutesHeaderPage(
        minutes=minutes,
        instance=minutes or Minutes(meeting=meeting, **minutes_defaults(meeting)),
        version=version_of(minutes) if minutes else "",
        people=people_for_meeting(meeting),
        approver_people=approver_candidates(meeting, minutes),
        attendance_recorded=Attendance.objects.filter(meeting=meeting).exists(),
    )


def minutes_version(meeting: Meeting) -> str:
    """The version a stale header form is given to save over, after showing the conflict."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return version_of(minutes) if minutes else ""


@dataclass
class MinutesItemPage:
    item: AgendaItem
    note: MinutesItemNote | None
    items: list[AgendaItem]
    next_item: AgendaItem | None


def minutes_item_page(meeting: Meeting, item_id: int) -> MinutesItemPage:
    """The note editor of one agenda item (404 when the item is not on this meeting's agenda)."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    item = next((i for i in items if i.pk == item_id), None)
    if item is None:
        raise Http404
    later = [i for i in items if i.number > item.number]
    return MinutesItemPage(
        item=item,
        note=minutes_item_note(item),
        items=items,
        next_item=later[0] if later else None,
    )


def minutes_item_note(item: AgendaItem) -> MinutesItemNote | None:
    return MinutesItemNote.objects.filter(agenda_item=item).first()


def people_among(pairs) -> QuerySet[Person]:
    """The people of (person, role) pairs as a queryset, for a form's choices."""
    return Person.objects.filter(pk__in=[person.pk for person, _role in pairs])


def meeting_guests(meeting: Meeting) -> list:
    return list(meeting.guests.all())
