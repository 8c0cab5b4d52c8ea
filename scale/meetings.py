"""Meetings of every generated group over ten years: agendas, attendance at the committees'
meetings, minutes with their approvals, decisions with § numbers kept the way the services
keep them, and now and then a roll-call vote with a reservation.

The § series follows governance/services/paragraphs.py: in a protokoll every agenda item gets
the body's next § when the minutes are submitted, and a decision takes its item's §; decisions
in informal notes take the next § when recorded; nothing is numbered before that.
"""

from __future__ import annotations

import datetime

from governance.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionClause,
    Meeting,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    Motion,
    ParagraphCounter,
    Reservation,
    Vote,
    VoteBallot,
)
from scale.context import ANCHOR, FIRST_MEETING_DAY, Context, GroupInfo, at
from scale.texts import CASE_TEXTS, CLAUSES, FIRST_NAMES, ITEM_TITLES, LAST_NAMES, PLACES, TOPICS

DAY = datetime.timedelta(days=1)
# Later meetings are planned: the last one about three months after the anchor day.
LAST_MEETING_DAY = ANCHOR + datetime.timedelta(days=90)
OUTCOMES = [
    ("decided", 88),
    ("deferred", 4),
    ("referred_back", 3),
    ("rejected", 3),
    ("withdrawn", 2),
]
OUTCOME_WORDS = {
    "deferred": "Ärendet behöver beredas vidare.",
    "referred_back": "Underlaget behöver kompletteras.",
    "rejected": "Förslaget ryms inte i budgeten.",
    "withdrawn": "",
}


def generate(ctx: Context) -> None:
    meeting_groups = [g for g in ctx.groups if g.status != "planned"]
    per_group = ctx.scale.meetings / max(1, len(meeting_groups))
    counters: dict[tuple[int, int], int] = {}
    outcomes = [outcome for outcome, weight in OUTCOMES for _ in range(weight)]
    for group in meeting_groups:
        count = max(2, round(per_group * (0.6 + 0.8 * ctx.rng.random())))
        _group_meetings(ctx, group, count, counters, outcomes)
    for (body_id, year), last in counters.items():
        ctx.writer.add(ParagraphCounter, {"body_id": body_id, "year": year, "last_number": last})


def _days(ctx: Context, group: GroupInfo, count: int) -> list[datetime.date]:
    first = max(group.start, FIRST_MEETING_DAY)
    last = min(group.end or LAST_MEETING_DAY, LAST_MEETING_DAY)
    if last <= first:
        last = first + datetime.timedelta(days=30 * count)
    step = (last - first).days / count
    days = []
    for n in range(count):
        day = first + datetime.timedelta(days=int(n * step + ctx.rng.random() * step * 0.5))
        while day.weekday() >= 5:
            day -= DAY
        days.append(max(day, first))
    return sorted(set(days))


def _group_meetings(ctx, group: GroupInfo, count: int, counters, outcomes) -> None:
    rng = ctx.rng
    protocol = group.kind == "committee"
    recorder = ctx.person_users.get(group.secretary_person_id, ctx.admin_user_id)
    adjuster_login = ctx.logins.get("justerare", (None, None))[1]
    for day in _days(ctx, group, count):
        starts = at(day, 9 if rng.random() < 0.6 else 13)
        ends = starts + datetime.timedelta(hours=2 + rng.randrange(2))
        created = starts - datetime.timedelta(days=30)
        status = "planned" if day >= ANCHOR else "cancelled" if rng.random() < 0.03 else "held"
        history = [("+", created, recorder, None)]
        if status != "planned":
            history.append(
                ("~", ends, recorder, "Mötet genomfört" if status == "held" else "Mötet inställt")
            )
        video = rng.random() < 0.4
        meeting = ctx.writer.add(
            Meeting,
            {
                "group_id": group.id,
                "title": "" if rng.random() < 0.7 else f"Sammanträde {day:%B}".lower().capitalize(),
                "starts_at": starts,
                "ends_at": ends,
                "place": "" if video else PLACES[rng.randrange(len(PLACES))],
                "video_link": f"https://mote.exempel.invalid/{group.id}-{day:%Y%m%d}"
                if video
                else "",
                "status": status,
                "notice": "Välkomna till sammanträdet. Handlingarna finns i portalen.",
                "created_at": created,
                "modified_at": history[-1][1],
            },
            history=history,
        )
        present = [s for s in group.seats if s.current(day)]
        voters = [s for s in present if s.voting and s.person_id != group.lead_person_id]
        adjuster = None
        if voters:
            mine = [s for s in voters if s.person_id == adjuster_login]
            adjuster = (mine or voters)[0 if mine else rng.randrange(len(voters))].person_id
        minutes_status = None
        if status == "held" and adjuster is not None:
            age = (ANCHOR - day).days
            minutes_status = "approved" if age > 21 else "submitted" if age > 3 else "draft"
        numbered = protocol and minutes_status in {"submitted", "approved"}
        submitted_at = ends + datetime.timedelta(days=1 + rng.randrange(2))
        attendance = {}
        if protocol and status == "held":
            attendance = _attendance(ctx, meeting["id"], present, group, adjuster, ends, recorder)
        items = _agenda(ctx, group, meeting["id"], day, created, status, recorder)
        year = day.year
        for item in items:
            if numbered:
                counters[group.id, year] = counters.get((group.id, year), 0) + 1
                item["paragraph"] = counters[group.id, year]
                item["_history"].append(
                    ("~", submitted_at, recorder, f"§ {item['paragraph']} i protokollet")
                )
            _write_item(ctx, item)
            if not item["_decides"]:
                continue
            number = item.get("paragraph")
            if status == "held" and not protocol:
                counters[group.id, year] = counters.get((group.id, year), 0) + 1
                number = counters[group.id, year]
            _decision(
                ctx, group, meeting, item, number, status, outcomes, attendance, recorder, ends
            )
        if minutes_status:
            _minutes(
                ctx,
                group,
                meeting["id"],
                minutes_status,
                protocol,
                adjuster,
                day,
                ends,
                submitted_at,
                recorder,
            )


def _attendance(ctx, meeting_id, seats, group, adjuster, ends, recorder) -> dict[int, dict]:
    rng = ctx.rng
    rows = {}
    for seat in seats:
        roll = rng.random()
        status = "present"
        if seat.person_id not in {group.lead_person_id, adjuster}:
            status = "absent" if roll < 0.1 else "substituted" if roll < 0.15 else "present"
        substitute = ""
        if status == "substituted":
            substitute = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        row = ctx.writer.add(
            Attendance,
            {
                "meeting_id": meeting_id,
                "person_id": seat.person_id,
                "role": seat.role,
                "region_id": seat.region_id,
                "status": status,
                "substitute_name": substitute,
                "voting_right": seat.voting,
                "created_at": ends,
                "modified_at": ends,
            },
            history=[("+", ends, recorder, None)],
        )
        rows[seat.person_id] = row
    return rows


def _agenda(ctx, group, meeting_id, day, created, status, recorder) -> list[dict]:
    rng = ctx.rng
    topic = group.name.split(" ", 1)[-1]
    titles = [("Mötets öppnande", False), ("Val av justerare", False)]
    for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
        template = ITEM_TITLES[rng.randrange(len(ITEM_TITLES))]
        other = TOPICS[rng.randrange(len(TOPICS))] if rng.random() < 0.3 else topic
        title = template.format(topic=other.lower(), year=day.year)
        titles.append((title, status != "cancelled" and rng.random() < 0.8))
    items = []
    for number, (title, decides) in enumerate(titles, start=1):
        commission_id = None
        if decides and group.commission_ids and rng.random() < 0.15:
            commission_id = group.commission_ids[rng.randrange(len(group.commission_ids))]
        items.append(
            {
                "id": ctx.writer.new_id(AgendaItem),
                "meeting_id": meeting_id,
                "number": number,
                "title": title,
                "description": ""
                if not decides
                else CASE_TEXTS[rng.randrange(len(CASE_TEXTS))].format(
                    topic=topic.lower(), year=day.year - 1
                ),
                "presenter": "Ordföranden" if number <= 2 else "Processledaren",
                "commission_id": commission_id,
                "created_at": created,
                "modified_at": created,
                "_decides": decides,
                "_history": [("+", created, recorder, None)],
            }
        )
    return items


def _write_item(ctx, item: dict) -> None:
    row = {k: v for k, v in item.items() if not k.startswith("_")}
    row["modified_at"] = item["_history"][-1][1]
    ctx.writer.add(AgendaItem, row, history=item["_history"])


def _decision(
    ctx, group, meeting, item, number, status, outcomes, attendance, recorder, ends
) -> None:
    rng = ctx.rng
    day = meeting["starts_at"].date()
    outcome = "proposed" if status != "held" else outcomes[rng.randrange(len(outcomes))]
    decision_id = ctx.writer.new_id(Decision)
    decided = outcome != "proposed"
    topic = group.name.split(" ", 1)[-1].lower()
    body_word = KIND_BODY.get(group.kind, "gruppen")
    history = [("+", item["created_at"], recorder, None)]
    if decided:
        history.append(("~", ends, recorder, "Beslut registrerat"))
    if number is not None and group.kind == "committee":
        history.append(("~", item["_history"][-1][1], recorder, f"§ {number} i protokollet"))
    ctx.writer.add(
        Decision,
        {
            "id": decision_id,
            "body_id": group.id,
            "year": day.year,
            "number": number,
            "registry_number": f"{group.code} {day.year}/{decision_id}"
            if rng.random() < 0.6
            else "",
            "title": item["title"],
            "case_description": item["description"],
            "proposal": f"Kansliet föreslår att {body_word} godkänner förslaget.",
            "proposed_by": "Kansliet",
            "motivation": OUTCOME_WORDS.get(outcome, ""),
            "status": outcome,
            "decision_date": day if decided else None,
            "meeting_id": meeting["id"],
            "agenda_item_id": item["id"],
            "distribution": "Regionerna i sjukvårdsregionen\nKansliet" if decided else "",
            "responsible": "Kansliet" if outcome == "decided" else "",
            "due_date": day + datetime.timedelta(days=180) if outcome == "decided" else None,
            "execution_done": outcome == "decided" and day < ANCHOR - datetime.timedelta(days=365),
            "created_at": item["created_at"],
            "modified_at": history[-1][1],
        },
        history=history,
    )
    if outcome == "decided":
        group.decided_ids.append((decision_id, day))
        for position in range(1, 2 + (rng.random() < 0.4)):
            text = CLAUSES[rng.randrange(len(CLAUSES))].format(topic=topic, year=day.year + 1)
            ctx.writer.add(
                DecisionClause,
                {
                    "decision_id": decision_id,
                    "position": position,
                    "text": text,
                    "created_at": item["created_at"],
                    "modified_at": item["created_at"],
                },
                history=[("+", item["created_at"], recorder, None)],
            )
        if attendance and rng.random() < 0.015:
            _vote(ctx, decision_id, attendance, ends, recorder)


def _vote(ctx, decision_id, attendance, ends, recorder) -> None:
    seats = [a for a in attendance.values() if a["status"] != "absent" and a["voting_right"]]
    if len(seats) < 3:
        return

    def add(model, row):
        row.update(created_at=ends, modified_at=ends)
        return ctx.writer.add(model, row, history=[("+", ends, recorder, None)])

    first, second = (
        add(
            Motion,
            {
                "decision_id": decision_id,
                "position": position,
                "attendance_id": seats[position - 1]["id"],
                "text": text,
                "proposition_order": position,
                "adopted": position == 1,
            },
        )
        for position, text in ((1, "bifall till förslaget"), (2, "avslag på förslaget"))
    )
    vote = add(
        Vote,
        {"decision_id": decision_id, "yes_motion_id": first["id"], "no_motion_id": second["id"]},
    )
    noes = max(1, (len(seats) - 1) // 3)
    for index, seat in enumerate(seats):
        choice = "no" if 1 <= index <= noes else "yes"
        add(VoteBallot, {"vote_id": vote["id"], "attendance_id": seat["id"], "choice": choice})
    add(
        Reservation,
        {
            "decision_id": decision_id,
            "attendance_id": seats[1]["id"],
            "text": "Jag reserverar mig mot beslutet till förmån för mitt eget yrkande.",
        },
    )


def _minutes(
    ctx, group, meeting_id, status, protocol, adjuster, day, ends, submitted_at, recorder
) -> None:
    rng = ctx.rng
    admin = ctx.admin_user_id
    approval_date = day + datetime.timedelta(days=7)
    history = [("+", ends, recorder, None)]
    if status != "draft":
        history.append(("~", submitted_at, recorder, "Lämnat för justering"))
    approvals = []
    if status == "approved":
        last = submitted_at
        for person_id, role in ((group.lead_person_id, "chair"), (adjuster, "adjuster")):
            last = last + datetime.timedelta(hours=4 + rng.randrange(72))
            approvals.append((person_id, role, last))
        history.append(("~", last, None, "Justerat"))
    minutes_id = ctx.writer.new_id(Minutes)
    ctx.writer.add(
        Minutes,
        {
            "id": minutes_id,
            "meeting_id": meeting_id,
            "kind": "protocol" if protocol else "notes",
            "status": status,
            "chair_id": group.lead_person_id,
            "secretary_id": group.secretary_person_id,
            "general_notes": "",
            "approval_place": "Digital justering",
            "approval_date": approval_date,
            "submitted_at": submitted_at if status != "draft" else None,
            "approved_at": approvals[-1][2] if approvals else None,
            "created_at": ends,
            "modified_at": history[-1][1],
        },
        history=history,
    )
    ctx.writer.add(
        MinutesAdjuster,
        {"minutes_id": minutes_id, "person_id": adjuster, "created_at": ends, "modified_at": ends},
        history=[("+", ends, recorder, None)],
    )
    for person_id, role, when in approvals:
        user = ctx.person_users.get(person_id, admin)
        ctx.writer.add(
            MinutesApproval,
            {
                "minutes_id": minutes_id,
                "person_id": person_id,
                "role": role,
                "user_id": user,
                "approved_at": when,
                "created_at": when,
                "modified_at": when,
            },
            history=[("+", when, user, None)],
        )


KIND_BODY = {
    "committee": "nämnden",
    "political_steering": "styrgruppen",
    "official_steering": "styrgruppen",
    "management": "ledningsgruppen",
}
