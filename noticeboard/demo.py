"""Demo notices: seed 001's 2018 protokoll is in the archive already (governance's demo
announces it on the day it was signed); this adds a protokoll of Södra Regionvårdsnämnden
approved yesterday, so the board has a current notice on the day `load_demo` runs. Run again
while that notice is up, it changes nothing; run after it came down, it adds a fresh one."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance.models import MinutesKind
from governance.services import meetings as meeting_services
from governance.services import minutes as minutes_services
from groups import services as group_services
from groups.models import Group, Membership, MembershipRole
from noticeboard.selectors import current_notices

NAMND = "Södra Regionvårdsnämnden"
KEPT_AT = "Södra Regionvårdsnämndens kansli, Lund"
AGENDA = [
    ("Val av justerare", "Nämnden utser justerare att jämte ordföranden justera protokollet."),
    ("Godkännande av dagordning", "Dagordningen godkänns."),
    (
        "Uppföljning av den regionala arbetsfördelningen",
        "Direktören redovisar samordningsgruppens arbete under året. Nämnden tackar för "
        "redovisningen och lägger den till handlingarna.",
    ),
]


def load() -> int:
    committee = Group.objects.filter(name=NAMND).first()
    if committee is None:
        return 0
    created = 0
    if not committee.minutes_kept_at:
        group_services.group_update(
            actor=None, group=committee, minutes_kept_at=KEPT_AT, reason="Demodata"
        )
        created += 1
    if any(notice.body == committee.name for notice in current_notices()):
        return created
    return created + _current_protocol(committee)


def _current_protocol(committee: Group) -> int:
    people = list(
        Membership.objects.current()
        .filter(group=committee)
        .select_related("person", "region")
        .order_by("start_date", "pk")
    )
    roles = {}
    for membership in people:
        roles.setdefault(membership.role, membership.person)
    chair = roles.get(MembershipRole.CHAIR)
    adjuster = roles.get(MembershipRole.MEMBER)
    if chair is None or adjuster is None:
        return 0
    today = timezone.localdate()
    day = today - datetime.timedelta(days=6)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    meeting = meeting_services.meeting_create(
        actor=None,
        reason="Demodata",
        group=committee,
        title="Sammanträde",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Sammanträdesrummet, Södra Regionvårdsnämndens kansli",
    )
    items = [
        meeting_services.agenda_item_add(actor=None, meeting=meeting, title=title)
        for title, _note in AGENDA
    ]
    meeting_services.attendance_record(
        actor=None,
        meeting=meeting,
        rows=[
            {
                "person": m.person,
                "status": "present",
                "role": m.role,
                "region": m.region,
                "voting_right": m.voting_right,
            }
            for m in people
        ],
    )
    minutes = minutes_services.minutes_update(
        actor=None,
        meeting=meeting,
        kind=MinutesKind.PROTOCOL,
        adjusters=[adjuster],
        chair=chair,
        secretary=roles.get(MembershipRole.SECRETARY),
        general_notes="",
        approval_place="Södra Regionvårdsnämndens kansli",
        approval_date=today - datetime.timedelta(days=1),
    )
    for item, (_title, note) in zip(items, AGENDA, strict=True):
        minutes_services.minutes_item_note_save(
            actor=None, meeting=meeting, agenda_item=item, text=note
        )
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    for person in (chair, adjuster):
        minutes_services.minutes_approve(
            actor=None,
            minutes=minutes,
            person=person,
            signed_on=today - datetime.timedelta(days=1),
        )
    return 1
