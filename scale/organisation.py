"""Groups in every healthcare region, people employed by the regions, and their memberships
(some ended), with the demo logins seated in many groups."""

from __future__ import annotations

import datetime
import unicodedata

from groups.models import Group, HealthcareRegion, Membership, Person, Region
from scale.context import ANCHOR, FIRST_MEETING_DAY, Context, GroupInfo, Seat, at
from scale.texts import FIRST_NAMES, KIND_WORDS, LAST_NAMES, TITLES, TOPICS

# (kind, share of the groups). Committees keep protokoll; the rest write notes.
KIND_SHARES = [
    ("committee", 4),
    ("political_steering", 3),
    ("official_steering", 3),
    ("management", 3),
    ("rpo", 12),
    ("rag", 25),
    ("rsg", 8),
    ("project", 8),
    ("working_group", 14),
    ("coordination_group", 5),
    ("reference_group", 5),
    ("council", 4),
    ("team", 6),
]
# Roles that lead a group (the first seat) by kind.
CHAIRED = {"committee", "political_steering", "official_steering", "management", "rpo"}
NO_VOTE = {"substitute", "co_opted", "secretary"}
D = datetime.date


def generate(ctx: Context) -> None:
    _load_regions(ctx)
    _groups(ctx)
    _people(ctx)
    _memberships(ctx)


def _load_regions(ctx: Context) -> None:
    regions: dict[int, list[int]] = {}
    for region_id, hr_id in Region.objects.order_by("pk").values_list("pk", "healthcare_region"):
        regions.setdefault(hr_id, []).append(region_id)
    for hr_id in HealthcareRegion.objects.order_by("pk").values_list("pk", flat=True):
        ctx.healthcare_regions.append((hr_id, regions.get(hr_id, [])))


def _kinds(count: int) -> list[str]:
    total = sum(share for _, share in KIND_SHARES)
    kinds: list[str] = []
    for kind, share in KIND_SHARES:
        kinds += [kind] * max(1, round(count * share / total))
    return kinds[:count] + ["working_group"] * (count - len(kinds))


def _groups(ctx: Context) -> None:
    rng = ctx.rng
    writer = ctx.writer
    taken = set(Group.objects.values_list("healthcare_region", "name"))
    kinds = _kinds(ctx.scale.groups)
    rng.shuffle(kinds)
    # Leading groups first, so that every other group can hang under one of its region's.
    order = {"committee": 0, "political_steering": 1, "official_steering": 1, "rpo": 2}
    kinds.sort(key=lambda kind: order.get(kind, 3))
    parents: dict[int, dict[str, list[int]]] = {}
    for serial, kind in enumerate(kinds):
        hr_id, region_ids = ctx.healthcare_regions[serial % len(ctx.healthcare_regions)]
        topic = TOPICS[rng.randrange(len(TOPICS))]
        number = 1
        name = f"{KIND_WORDS[kind]} {topic}"
        while (hr_id, name) in taken:
            number += 1
            name = f"{KIND_WORDS[kind]} {topic} {number}"
        taken.add((hr_id, name))
        by_kind = parents.setdefault(hr_id, {})
        parent_id = _parent(rng, kind, by_kind)
        roll = rng.random()
        start = D(2012 + rng.randrange(4), 1 + rng.randrange(12), 1)
        status, end = "active", None
        if roll < 0.05:
            status = "dormant"
        elif roll < 0.12:
            status, end = "closed", D(2020 + rng.randrange(5), 1 + rng.randrange(12), 28)
        hosting = {}
        if region_ids and rng.random() < 0.3:
            hosting = {
                "hosting_kind": "hosting",
                "host_region_id": region_ids[rng.randrange(len(region_ids))],
            }
        created = at(start - datetime.timedelta(days=20), 10)
        row = writer.add(
            Group,
            {
                "name": name,
                "kind": kind,
                "parent_id": parent_id,
                "healthcare_region_id": hr_id,
                "status": status,
                "start_date": start,
                "end_date": end,
                "description": f"Regional samverkan inom {topic.lower()}.",
                "created_at": created,
                "modified_at": created,
                **hosting,
            },
        )
        by_kind.setdefault(kind, []).append(row["id"])
        code = "".join(word[0] for word in name.split() if word[0].isalpha()).upper()[:4]
        ctx.groups.append(
            GroupInfo(row["id"], name, kind, hr_id, status, start, end, _ascii(code) or "GR")
        )


def _parent(rng, kind: str, by_kind: dict[str, list[int]]) -> int | None:
    if kind == "committee":
        return None
    if kind in {"political_steering", "official_steering", "rpo", "management"}:
        candidates = by_kind.get("committee", [])
    elif kind == "rag":
        candidates = by_kind.get("rpo", []) or by_kind.get("committee", [])
    else:
        candidates = by_kind.get("official_steering", []) or by_kind.get("committee", [])
    return candidates[rng.randrange(len(candidates))] if candidates else None


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _people(ctx: Context) -> None:
    rng = ctx.rng
    all_regions = [r for _, regions in ctx.healthcare_regions for r in regions]
    for serial in range(ctx.scale.people):
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
        region_id = all_regions[serial % len(all_regions)]
        created = at(D(2015, 1, 1) + datetime.timedelta(days=rng.randrange(365)), 8)
        person_id = ctx.writer.new_id(Person)
        ctx.writer.add(
            Person,
            {
                "id": person_id,
                "email": _ascii(f"{first}.{last}.{person_id}@skala.exempel.invalid").lower(),
                "first_name": first,
                "last_name": last,
                "title": TITLES[rng.randrange(len(TITLES))],
                "employer_id": region_id,
                "phone": f"010-{rng.randrange(100, 999)} {rng.randrange(10, 99)} {serial % 90}",
                "created_at": created,
                "modified_at": created,
            },
        )
        ctx.people_by_region.setdefault(region_id, []).append(person_id)


def _login_groups(ctx: Context) -> dict[int, list[tuple[str, str]]]:
    """Which generated groups seat which demo login, in which role: the convener leads notes
    groups, the secretary serves committees and others, the adjuster and the member sit in
    groups whose minutes they will approve or read."""
    seats = ctx.scale.login_seats
    committees = [g for g in ctx.groups if g.kind == "committee" and g.status != "closed"]
    others = [g for g in ctx.groups if g.kind not in CHAIRED and g.status == "active"]
    plan: dict[int, list[tuple[str, str]]] = {}

    def seat(login: str, groups: list[GroupInfo], role: str) -> None:
        if login in ctx.logins:
            for group in groups:
                plan.setdefault(group.id, []).append((login, role))

    convened = others[:seats]
    seat("sammankallande", convened, "convener")
    seat("ledamot", convened[: max(1, seats // 2)] + others[seats : seats + seats // 2], "member")
    seat("sekreterare", committees[: max(1, seats // 4)] + others[seats : seats * 2], "secretary")
    seat(
        "justerare",
        committees[: max(1, seats // 2)] + others[2 * seats : 2 * seats + seats // 2],
        "member",
    )
    return plan


def _unseated(ctx: Context, cursors: dict[int, int], regions: list[int], seated: set[int]) -> int:
    """The next person employed by the first region (else the others) not yet in the group."""
    for region_id in regions:
        people = ctx.people_by_region[region_id]
        for _ in range(len(people)):
            cursors[region_id] = (cursors[region_id] + 1) % len(people)
            if people[cursors[region_id]] not in seated:
                return people[cursors[region_id]]
    raise ValueError("För få personer för gruppernas storlek.")


def _memberships(ctx: Context) -> None:
    rng = ctx.rng
    writer = ctx.writer
    regions_of = dict(ctx.healthcare_regions)
    plan = _login_groups(ctx)
    per_group = ctx.scale.memberships / max(1, len(ctx.groups))
    cursors = {
        region: rng.randrange(len(people)) for region, people in ctx.people_by_region.items()
    }
    admin = ctx.admin_user_id
    for group in ctx.groups:
        regions = regions_of[group.healthcare_region_id]
        size = max(5, round(per_group * (0.5 + rng.random())))
        ended = round(size * 0.15)
        first_day = max(group.start, FIRST_MEETING_DAY) - datetime.timedelta(days=30)
        lead = "chair" if group.kind in CHAIRED else "convener"
        logins = dict((role, login) for login, role in plan.get(group.id, []))
        members_as_logins = [login for login, role in plan.get(group.id, []) if role == "member"]
        seated: set[int] = set()
        for position in range(size):
            region_id = regions[position % len(regions)]
            if position == 0:
                role = lead
            elif position == 1:
                role = "secretary"
            elif position < size - ended:
                role = rng.choice(["member"] * 6 + ["vice_chair", "substitute", "co_opted"])
            else:
                role = "member"
            if role == "vice_chair" and any(s.role == "vice_chair" for s in group.seats):
                role = "member"
            person_id = None
            login = logins.get(role) if position < 2 else None
            if login is None and role == "member" and position >= 2 and members_as_logins:
                login = members_as_logins.pop()
            if login is not None:
                person_id = ctx.logins[login][1]
            if person_id is None or person_id in seated:
                person_id = _unseated(ctx, cursors, [region_id, *regions, *cursors], seated)
            seated.add(person_id)
            if position >= size - ended:
                start = first_day
                end = D(2019 + rng.randrange(4), 6, 30)
            elif position > 2 and rng.random() < 0.15:
                start, end = D(2023, 1, 1 + rng.randrange(28)), None
            else:
                start, end = first_day, None
            if group.end and end is None and role != lead:
                end = group.end
            if end is not None and end < start:
                start = first_day
            created = at(start, 10)
            history = [("+", created, admin, None)]
            if end is not None and end < ANCHOR:
                history.append(("~", at(end, 16), admin, "Medlemskapet avslutat"))
            row = writer.add(
                Membership,
                {
                    "person_id": person_id,
                    "group_id": group.id,
                    "region_id": region_id,
                    "role": role,
                    "start_date": start,
                    "end_date": end,
                    "voting_right": role not in NO_VOTE,
                    "created_at": created,
                    "modified_at": history[-1][1],
                },
                history=history,
            )
            group.seats.append(
                Seat(row["id"], person_id, role, region_id, start, end, role not in NO_VOTE)
            )
            if position == 0:
                group.lead_person_id = person_id
            elif position == 1:
                group.secretary_person_id = person_id
