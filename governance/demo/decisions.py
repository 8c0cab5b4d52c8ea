"""Demo meetings, minutes and decisions from the source documents (seeds 001, 003, 004) and a
few held meetings of RAG Barnonkologi och hematologi. Idempotent; every attendee is one of
the fictional demo members of groups/demo.py. Dates not given in the seeds are demo values."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from governance.models import (
    BallotChoice,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    MinutesKind,
)
from governance.services import attachments as attachment_services
from governance.services import decisions as decision_services
from governance.services import meetings as meeting_services
from governance.services import minutes as minutes_services
from governance.services import votes as vote_services
from groups import services as group_services
from groups.models import Group, Membership, MembershipRole

TZ = ZoneInfo("Europe/Stockholm")
NAMND = "Södra Regionvårdsnämnden"
KANSLI = "Södra Regionvårdsnämndens kansli"
REGIONSTYRELSEN = "Regionstyrelsen Region Jämtland Härjedalen"
RAG = "RAG Barnonkologi och hematologi"


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


SEED_001_TITLE = (
    "Överföring av projekt regional arbetsfördelning i Södra sjukvårdsregionen till det "
    "fortlöpande arbetet"
)
SEED_001_CASE = "\n\n".join(
    [
        (
            "Södra Regionvårdsnämnden beslutade 2016-02-19 om projektet Regional arbetsfördelning"
            " inom Södra sjukvårdsregionen. Projektplanen fastställdes vid Södra "
            "Regionvårdsnämndens sammanträde 2016-05-25. Projektet omfattar somatisk vård i Södra"
            " sjukvårdsregionen."
        ),
        (
            "RCC Syd ansvarar för att driva cancerfrågeställningarna och har ett uppdrag att "
            "förverkliga målen i den nationella cancerstrategin. Enligt nämndens beslut ska de "
            "båda projekten om arbetsfördelning samordnas."
        ),
        (
            "Projektet är framgångsrikt och utvecklas ständigt. Samarbetet inom den Södra "
            "sjukvårdsregionen har stärkts. Det finns en rad områden där det kan vara aktuellt "
            "att starta delprojekt."
        ),
        (
            "Det är angeläget att fortsätta den påbörjade processen mot mer samarbete inom Södra "
            "sjukvårdsregionen. Av dessa anledningar föreslås att arbetet inom projektet Regional"
            " arbetsfördelning förs in som en del av Södra sjukvårdsregionens fortlöpande arbete."
        ),
        ("I ärendet förelåg skrivelse 2018-04-05 från Södra Regionvårdsnämndens kansli."),
    ]
)
SEED_001_CLAUSE = (
    "att projektet regional arbetsfördelning överförs till det fortlöpande arbetet i Södra "
    "sjukvårdsregionen i enlighet med bifogat förslag daterat 2018-04-05"
)
SEED_001_ATTACHMENT = "Skrivelse 2018-04-05 från Södra Regionvårdsnämndens kansli"

SEED_004_TITLE = (
    "Processledarstöd som en del i användningen av den statliga satsningen på "
    "personcentrerade och sammanhållna vårdförlopp"
)
SEED_004_CASE = "\n\n".join(
    [
        (
            "I Södra sjukvårdsregionen bedrivs ett omfattande arbete inom ramen för "
            "kunskapsstyrning och andra former för samverkan i syfte att stödja och utveckla god "
            "och jämlik vård i hela sjukvårdsregionen. Arbetet inkluderar ett flertal expert- och"
            " chefsgrupper samt grupper för införande av personcentrerade och sammanhållna "
            "vårdförlopp (tidigare benämnda SVF). En sammanställning av aktuella grupper finns i "
            "bilaga 1."
        ),
        (
            "För att optimera arbetet är tillgång till processledare som driver och stöder "
            "gruppernas arbete en viktig framgångsfaktor. Ledamöterna i expert- och chefsgrupper "
            "har alltid andra parallella heltidsuppdrag vilket begränsar möjligheterna att utan "
            "stöd från processledare driva och uppnå konkreta resultat."
        ),
        (
            "För stärka arbetet även inom områden där Södra sjukvårdsregionen inte har ett "
            "värdsvarsansvar, föreslås att utöka antalet processledare med 2,5-3 tjänster "
            "fördelat på 5-6 medarbetare. Detta motsvarar 10-20% stöd för 10-12 grupper. "
            'Förslaget innebär att aktuella medarbetare "tjänsteköps" under 6-12 månader i taget '
            "från i första hand regionerna i Södra sjukvårdsregionen."
        ),
        (
            "Baserat på beslutad årlig solidarisk finansiering och ingående positiv balans finns "
            "vid 2020 års ingång ett totalt ekonomiskt utrymme på ca 11,8 mkr. Om man till detta "
            "lägger de statliga ersättningarna landar ingående balans 2020 på ca 20 mkr. Vid "
            "tillsättning av 2,5 tidsbegränsade processledartjänster i enlighet med detta förslag"
            " landar utgående balans år 2022 på ca 10 mkr. För närmare detaljer se bilaga 2."
        ),
    ]
)
SEED_004_PROPOSAL = (
    "Som en del i användningen av den statliga satsningen för personcentrerade och "
    "sammanhållna vårdförlopp föreslås Södra regionvårdsnämnden att tillstyrka tillsättning "
    "av tidsbegränsade processledare för att härigenom stödja regionernas samarbete."
)
SEED_004_PROPOSED_BY = "Anna Mannfalk, ordförande; Sven Oredsson, direktör"
SEED_004_CLAUSE = (
    "att som en del i användningen av den statliga satsningen för personcentrerade och "
    "sammanhållna vårdförlopp tidsbegränsat tillsätta processledare för att stödja "
    "regionernas samarbete"
)
SEED_004_ATTACHMENTS = [
    "Bilaga 1 – Aktuella grupper inom ramen för kunskapsstyrning och samverkan",
    "Bilaga 2 – Ekonomisk sammanställning 2020-01-30",
]

SEED_003_TITLE = (
    "Resultatförbättrande åtgärder 2018-2020 – Uppdrag att skapa samverkansmöjligheter inom "
    "den laboratoriemedicinska verksamheten"
)
SEED_003_CASE = "\n\n".join(
    [
        (
            "Samverkan inom laboratorieområdet mellan norrlandstingen startade 2011. En rapport "
            "presenterades 2012 som visar på vilka utmaningar laboriermedicin har och vilka "
            "samverkansmöjligheter som finns. Dock var inte alla fyra landstingen intresserade av"
            " en fortsättning inom hela det laboriermedicinska området då, utan samarbetet inom "
            "patologi prioriterades."
        ),
        (
            "2015-06-10 presenterades en rapport om patologisamarbetet och då beslutades också "
            "att fortsatt arbetet inom patologi sker inom ramen för RCC Norr."
        ),
        (
            "Hösten 2015 diskuterades åter samverkan inom laboriermedicin. Chefssamrådet ser "
            "vissa möjligheter till samverkan, men ser inget behov av strukturerat "
            "samverkansprojekt utan vill arbeta vidare med styckefrågor."
        ),
        (
            "När regionstyrelsen i januari 2017 efterfrågade ytterligare förslag på "
            "resultatförbättrande åtgärder svarade regiondirektören i februari med förslag om "
            "fördjupad samverkan inom laboriermedicin. Regionstyrelsen godkände detta förslag."
        ),
        (
            "Regionstyrelsen får nu en rapport om vilka samarbetsavtal som finns inom "
            "laboratorieområdet och hur samverkansuppdraget fortskrider."
        ),
        (
            "Rapporten sammanfattar läget med: Region Jämtland Härjedalen har idag bilaterala "
            "avtal med Västerbottens läns landsting inom tre olika laboratorieområden. Samarbeten"
            " i bredare former har utretts i långa processer utan större framgång inom "
            "Norrlandstingens Regionförbund. Region Jämtland Härjedalen har i dessa sammanhang "
            "försökt agera pådrivare men inte rönt framgång."
        ),
        (
            "Uppdraget att skapa samverkansmöjligheter inom laboratoriemedicinska verksamheterna "
            "kommer därför i fortsättningen att koncentreras på att utveckla befintliga avtal "
            "eller söka andra samverkansparter."
        ),
    ]
)

RAG_MEETINGS = [
    # (start, items: [(title, presenter, note)])
    (
        at(2025, 3, 12, 13),
        [
            (
                "Genomgång av uppdragsbeskrivningen",
                "Sammankallande",
                "Gruppen gick igenom uppdragsbeskrivningen från RPO Barn och ungdomars hälsa. "
                "Varje region bekräftade sin representation.",
            ),
            (
                "Läget i regionerna",
                "",
                "Respektive region redogjorde för väntetider och remissflöden inom barnonkologi "
                "och barnhematologi.",
            ),
            ("Övriga frågor", "", "Inga övriga frågor."),
        ],
    ),
    (
        at(2025, 6, 4, 13),
        [
            (
                "Regional rutin för uppföljning efter avslutad behandling",
                "",
                "Ett utkast till gemensam rutin presenterades. Synpunkter lämnas till "
                "sammankallande senast 2025-08-31.",
            ),
            (
                "Rapportering till RPO",
                "Sammankallande",
                "Delrapport till RPO:s årsrapport diskuterades; sammankallande sammanställer.",
            ),
        ],
    ),
    (
        at(2025, 10, 22, 13),
        [
            (
                "Fastställande av regional rutin för uppföljning",
                "",
                "Rutinen fastställdes med de ändringar som inkommit under sommaren.",
            ),
            (
                "Planering av nästa års arbete",
                "",
                "Gruppen enades om att prioritera övergången från barn- till vuxensjukvård.",
            ),
        ],
    ),
]
RAG_UPCOMING = at(2027, 2, 10, 13)


def load() -> int:
    groups = {
        g.name: g for g in Group.objects.filter(name__in=[NAMND, KANSLI, REGIONSTYRELSEN, RAG])
    }
    if len(groups) < 4:
        return 0  # the organisation demo was not loaded
    created = 0
    with transaction.atomic():
        created += _secretary_for_committee(groups)
        created += _seed_001(groups[NAMND])
        created += _seed_004(groups[NAMND])
        created += _seed_003(groups[REGIONSTYRELSEN])
        created += _rag_meetings(groups[RAG])
    return created


def _leaders(group: Group) -> dict:
    members = (
        Membership.objects.current()
        .filter(group=group)
        .select_related("person")
        .order_by("start_date", "pk")
    )
    people = {"members": []}
    for membership in members:
        people.setdefault(membership.role, membership.person)
        people["members"].append(membership)
    return people


def _secretary_for_committee(groups) -> int:
    """The kansli's secretary also keeps the committee's minutes (demo login "sekreterare")."""
    committee = groups[NAMND]
    secretary = (
        Membership.objects.current()
        .filter(group=groups[KANSLI], role=MembershipRole.SECRETARY)
        .select_related("person")
        .first()
    )
    if (
        secretary is None
        or Membership.objects.filter(group=committee, person=secretary.person).exists()
    ):
        return 0
    group_services.membership_start(
        actor=None,
        reason="Demodata",
        person=secretary.person,
        group=committee,
        role=MembershipRole.SECRETARY,
        region=secretary.region,
        start_date=secretary.start_date,
        voting_right=False,
    )
    return 1


def _attend_all(meeting: Meeting, people: dict, absent: int | None = None) -> None:
    rows = []
    for index, membership in enumerate(people["members"]):
        rows.append(
            {
                "person": membership.person,
                "status": "absent" if index == absent else "present",
                "role": membership.role,
                "region": membership.region,
                "voting_right": membership.voting_right,
            }
        )
    meeting_services.attendance_record(actor=None, meeting=meeting, rows=rows)


def _meeting(group, starts_at, **fields) -> tuple[Meeting, bool]:
    existing = Meeting.objects.filter(group=group, starts_at=starts_at).first()
    if existing:
        return existing, False
    return meeting_services.meeting_create(
        actor=None, reason="Demodata", group=group, starts_at=starts_at, **fields
    ), True


def _approve(minutes, people_to_approve) -> None:
    """Approved on paper a week after the meeting, as Swedish bodies usually do."""
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    signed_on = timezone.localtime(minutes.meeting.starts_at).date() + datetime.timedelta(days=7)
    signed_on = min(signed_on, timezone.localdate())
    for person in people_to_approve:
        minutes_services.minutes_approve(
            actor=None, minutes=minutes, person=person, signed_on=signed_on, announced_on=signed_on
        )


# Seed 001's meeting as a formal protokoll. The seed gives the decision on regional
# arbetsfördelning; the opening items, the tabled item and the item decided by a roll call
# are demo values built from the seed's own proposal (organisation of the continued work).
SEED_001_ORGANISATION_TITLE = "Ledning och organisation av det fortsatta arbetet"
SEED_001_ORGANISATION_CASE = (
    "Arbetet föreslås fortsatt ledas av en politisk styrgrupp och sortera under Södra "
    "sjukvårdsregionens ledningsgrupp. Projektgruppen föreslås omvandlas till en "
    "samordningsgrupp med sammansättning som tidigare. I övrigt föreslås arbetet bedrivas som "
    "tidigare i form av delprojekt med stöd av arbetsgrupper och förankring i referensgrupper."
)
SEED_001_ORGANISATION_CLAUSES = [
    "att arbetet fortsatt leds av en politisk styrgrupp och sorterar under Södra "
    "sjukvårdsregionens ledningsgrupp",
    "att projektgruppen omvandlas till en samordningsgrupp med sammansättning som tidigare",
]
SEED_001_TABLED_TITLE = "Andra verksamhetsområden i den regionala arbetsfördelningen"
SEED_001_TABLED_CASE = (
    "Projektet har omfattat somatisk vård. Framöver kan även andra verksamhetsområden "
    "inkluderas i arbetet; psykiatri, primärvård och habilitering har inte ingått i projektet."
)


def _seed_001(committee: Group) -> int:
    meeting, new = _meeting(
        committee,
        at(2018, 4, 23, 9, 30),
        ends_at=at(2018, 4, 23, 12),
        title="Sammanträde",
        place="Sammanträdesrummet, Södra Regionvårdsnämndens kansli",
        status=MeetingStatus.HELD,
    )
    if not new:
        return 0
    people = _leaders(committee)
    chair = people.get(MembershipRole.CHAIR)
    secretary = people.get(MembershipRole.SECRETARY)
    members = [m.person for m in people["members"] if m.role == MembershipRole.MEMBER]
    adjuster = members[0] if members else None

    def add(title, **fields):
        return meeting_services.agenda_item_add(actor=None, meeting=meeting, title=title, **fields)

    opening = add("Val av justerare")
    agenda = add("Godkännande av dagordning")
    item = add(
        SEED_001_TITLE,
        description=(
            "I ärendet föreligger skrivelse 2018-04-05 från Södra Regionvårdsnämndens kansli."
        ),
        presenter="Direktören för Södra Regionvårdsnämndens kansli",
    )
    organisation = add(SEED_001_ORGANISATION_TITLE, presenter="Direktören")
    tabled = add(SEED_001_TABLED_TITLE)
    attachment_services.attachment_add(actor=None, agenda_item=item, title=SEED_001_ATTACHMENT)
    _attend_all(meeting, people)
    minutes = minutes_services.minutes_update(
        actor=None,
        meeting=meeting,
        kind=MinutesKind.PROTOCOL,
        adjusters=[adjuster] if adjuster else [],
        chair=chair,
        secretary=secretary,
        general_notes="",
        approval_place="Södra Regionvårdsnämndens kansli",
        approval_date=datetime.date(2018, 4, 30),
    )
    notes = [
        (
            opening,
            "Ordföranden hälsar välkommen och förklarar sammanträdet öppnat. Nämnden utser "
            f"{adjuster.full_name if adjuster else '–'} att jämte ordföranden justera dagens "
            "protokoll.",
        ),
        (agenda, "Dagordningen godkänns."),
        (
            item,
            "Direktören föredrar ärendet. Nämnden diskuterar den fortsatta organisationen med "
            "politisk styrgrupp och samordningsgrupp.",
        ),
    ]
    for agenda_item, text in notes:
        minutes_services.minutes_item_note_save(
            actor=None, meeting=meeting, agenda_item=agenda_item, text=text
        )
    certified_by = secretary.full_name if secretary else ""
    decision = decision_services.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=item,
        title=SEED_001_TITLE,
        case_description=SEED_001_CASE,
        clauses=[SEED_001_CLAUSE],
        decision_date=datetime.date(2018, 4, 23),
        certified_by=certified_by,
        distribution=(
            "Södra sjukvårdsregionens ledningsgrupp\nSamordningsgrupp regional arbetsfördelning"
        ),
        reason="Demodata",
    )
    attachment_services.attachment_add(actor=None, decision=decision, title=SEED_001_ATTACHMENT)
    _seed_001_vote(committee, meeting, organisation, chair, members, certified_by)
    postponed = decision_services.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=tabled,
        title=SEED_001_TABLED_TITLE,
        case_description=SEED_001_TABLED_CASE,
        status=DecisionStatus.DEFERRED,
        clauses=[],
        motivation=(
            "Ärendet bordläggs till nämndens nästa sammanträde i avvaktan på underlag från "
            "samordningsgruppen om psykiatri, primärvård och habilitering."
        ),
        certified_by=certified_by,
        reason="Demodata",
    )
    if len(members) > 2:
        seat = meeting.attendances.get(person=members[2])
        vote_services.recusal_add(actor=None, decision=postponed, attendance=seat)
    _approve(minutes, [p for p in (minutes.chair, adjuster) if p])
    return 12


def _seed_001_vote(committee, meeting, item, chair, members, certified_by) -> None:
    """The organisation item: two motions, the chair's proposition and a roll call that the
    office's proposal wins 2–1 with one abstention; the member who lost reserves."""
    decision = decision_services.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=item,
        title=SEED_001_ORGANISATION_TITLE,
        case_description=SEED_001_ORGANISATION_CASE,
        proposal="Nämnden föreslås besluta i enlighet med kansliets förslag.",
        proposed_by="Södra Regionvårdsnämndens kansli",
        clauses=SEED_001_ORGANISATION_CLAUSES,
        decision_date=datetime.date(2018, 4, 23),
        certified_by=certified_by,
        distribution="Södra sjukvårdsregionens ledningsgrupp",
        reason="Demodata",
    )
    if chair is None or len(members) < 3:
        return
    seats = {a.person_id: a for a in meeting.attendances.all()}
    chair_seat, first, second, third = (seats[p.pk] for p in (chair, *members[:3]))
    approve = vote_services.motion_add(
        actor=None, decision=decision, attendance=first, text="bifall till kansliets förslag"
    )
    refer = vote_services.motion_add(
        actor=None,
        decision=decision,
        attendance=second,
        text="att ärendet återremitteras för att även psykiatrin ska omfattas av arbetet",
    )
    vote_services.proposition_set(
        actor=None, decision=decision, order=[approve, refer], adopted=approve
    )
    vote_services.vote_record(
        actor=None,
        decision=decision,
        yes_motion=approve,
        no_motion=refer,
        ballots=[
            (chair_seat, BallotChoice.YES),
            (first, BallotChoice.YES),
            (second, BallotChoice.NO),
            (third, BallotChoice.ABSTAIN),
        ],
    )
    decision_services.decision_reservation_add(
        actor=None,
        decision=decision,
        attendance=second,
        text="Reservationen gäller till förmån för eget yrkande.",
    )


def _seed_004(committee: Group) -> int:
    meeting, new = _meeting(
        committee,
        at(2020, 2, 14, 9, 30),
        ends_at=at(2020, 2, 14, 12),
        title="Sammanträde",
        place="Sammanträdesrummet, Södra Regionvårdsnämndens kansli",
        video_link="https://video.exempel.invalid/sodra-rvn",
        status=MeetingStatus.HELD,
    )
    if not new:
        return 0
    people = _leaders(committee)
    meeting_services.agenda_item_add(
        actor=None, meeting=meeting, title="Mötets öppnande och val av justerare"
    )
    meeting_services.agenda_item_add(
        actor=None,
        meeting=meeting,
        title="Handläggartjänst till kansliet",
        description="Ärende 1 i den ekonomiska sammanställningen.",
    )
    item = meeting_services.agenda_item_add(
        actor=None,
        meeting=meeting,
        title=SEED_004_TITLE,
        description="Ärende 2 i den ekonomiska sammanställningen.",
        presenter="Direktören",
    )
    for title in SEED_004_ATTACHMENTS:
        attachment_services.attachment_add(actor=None, agenda_item=item, title=title)
    # The last ordinary member is absent (never the secretary, who keeps the minutes).
    ordinary = [i for i, m in enumerate(people["members"]) if m.role == MembershipRole.MEMBER]
    _attend_all(meeting, people, absent=ordinary[-1] if ordinary else None)
    adjuster = next((m.person for m in people["members"] if m.role == MembershipRole.MEMBER), None)
    minutes = minutes_services.minutes_update(
        actor=None,
        meeting=meeting,
        kind=MinutesKind.PROTOCOL,
        adjusters=[adjuster] if adjuster else [],
        chair=people.get(MembershipRole.CHAIR),
        secretary=people.get(MembershipRole.SECRETARY),
        general_notes="",
        approval_place="Digitalt",
        approval_date=datetime.date(2020, 2, 24),
    )
    decision = decision_services.decision_record(
        actor=None,
        body=committee,
        meeting=meeting,
        agenda_item=item,
        title=SEED_004_TITLE,
        case_description=SEED_004_CASE,
        proposal=SEED_004_PROPOSAL,
        proposed_by=SEED_004_PROPOSED_BY,
        clauses=[SEED_004_CLAUSE],
        decision_date=datetime.date(2020, 2, 14),
        certified_by=people.get(MembershipRole.SECRETARY).full_name
        if people.get(MembershipRole.SECRETARY)
        else "",
        distribution="Regionerna i Södra sjukvårdsregionen\nSödra Regionvårdsnämndens kansli",
        responsible="Direktören för Södra Regionvårdsnämndens kansli",
        due_date=datetime.date(2020, 6, 30),
        reason="Demodata",
    )
    for title in SEED_004_ATTACHMENTS:
        attachment_services.attachment_add(actor=None, decision=decision, title=title)
    # Left waiting for approval, so the demo shows minutes in every state.
    minutes_services.minutes_submit(actor=None, minutes=minutes)
    return 8


def _seed_003(board: Group) -> int:
    if Decision.objects.filter(body=board, registry_number="RS/1009/2017").exists():
        return 0
    decision_services.decision_record(
        actor=None,
        body=board,
        title=SEED_003_TITLE,
        registry_number="RS/1009/2017",
        case_description=SEED_003_CASE,
        proposal="Regionstyrelse godkänner rapporten",
        proposed_by="Regiondirektören",
        clauses=["att godkänna rapporten"],
        decision_date=datetime.date(2018, 10, 9),  # demo value: the seed gives no date
        distribution="Chef Område teknik, diagnostik och service",
        certified_by="Planeringschef (demo)",
        reason="Demodata",
    )
    return 1


def _rag_meetings(rag: Group) -> int:
    created = 0
    people = _leaders(rag)
    convener = people.get(MembershipRole.CONVENER)
    adjuster = next((m.person for m in people["members"] if m.person != convener), None)
    for starts_at, items in RAG_MEETINGS:
        meeting, new = _meeting(
            rag,
            starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            title="Nätverksmöte",
            place="Videomöte",
            video_link="https://video.exempel.invalid/rag-barnonkologi",
            status=MeetingStatus.HELD,
        )
        if not new:
            continue
        created += 1
        agenda = [
            meeting_services.agenda_item_add(
                actor=None, meeting=meeting, title=title, presenter=presenter
            )
            for title, presenter, _note in items
        ]
        _attend_all(meeting, people)
        meeting_services.guest_add(
            actor=None,
            meeting=meeting,
            name="Processledare RPO Barn och ungdomars hälsa",
            affiliation="Regionsjukvårdsledningen",
        )
        minutes = minutes_services.minutes_start(
            actor=None, meeting=meeting, kind=MinutesKind.NOTES
        )
        minutes = minutes_services.minutes_update(
            actor=None,
            meeting=meeting,
            kind=minutes.kind,
            chair=minutes.chair,
            secretary=minutes.secretary,
            adjusters=[adjuster] if adjuster else [],
            general_notes="",
            approval_place="Digitalt",
            approval_date=starts_at.date() + datetime.timedelta(days=10),
        )
        for item, (_title, _presenter, note) in zip(agenda, items, strict=True):
            minutes_services.minutes_item_note_save(
                actor=None, meeting=meeting, agenda_item=item, text=note
            )
        _approve(minutes, [p for p in (minutes.chair, adjuster) if p])
    meeting, new = _meeting(
        rag,
        RAG_UPCOMING,
        ends_at=RAG_UPCOMING + datetime.timedelta(hours=2),
        title="Nätverksmöte",
        place="Videomöte",
        video_link="https://video.exempel.invalid/rag-barnonkologi",
        notice="Förhinder anmäls till sammankallande senast en vecka före mötet.",
    )
    if new:
        created += 1
        for title in ("Mötets öppnande", "Uppföljning av regional rutin", "Övriga frågor"):
            meeting_services.agenda_item_add(actor=None, meeting=meeting, title=title)
    return created
