"""Demo organisation from the source documents (seeds 000–004). Idempotent.

Populations are approximate demo values, not official statistics. Every member is fictional.
"""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from groups import services
from groups.models import (
    Group,
    GroupKind,
    GroupStatus,
    HealthcareRegion,
    HostingKind,
    Membership,
    MembershipRole,
    Person,
    Region,
    RegionPopulation,
)

DEMO_PASSWORD = "Samverkan-2026!"
POPULATION_SOURCE = "Demovärde (ungefärlig folkmängd, inte officiell statistik)"
D = datetime.date

# The six healthcare regions (sjukvårdsregioner) and their 21 regions, with SCB's county codes.
# Region Halland belongs in part to Västra (the north) and in part to Södra (the south); the
# portal places a region in one healthcare region only, and Halland is in Södra (seed 004's
# cost sharing counts it there).
HEALTHCARE_REGIONS = {
    "norra": (
        "Norra sjukvårdsregionen",
        "Norra",
        [
            ("Region Jämtland Härjedalen", "RJH", "23", 131_000),
            ("Region Västerbotten", "RVB", "24", 274_000),
            ("Region Västernorrland", "RVN", "22", 245_000),
            ("Region Norrbotten", "RNB", "25", 249_000),
        ],
    ),
    "mellansverige": (
        "Sjukvårdsregion Mellansverige",
        "Mellansverige",
        [
            ("Region Uppsala", "RU", "03", 400_000),
            ("Region Dalarna", "RD", "20", 288_000),
            ("Region Gävleborg", "RGB", "21", 287_000),
            ("Region Sörmland", "RSÖ", "04", 300_000),
            ("Region Värmland", "RVL", "17", 283_000),
            ("Region Västmanland", "RVM", "19", 279_000),
            ("Region Örebro län", "RÖL", "18", 306_000),
        ],
    ),
    "stockholm-gotland": (
        "Sjukvårdsregion Stockholm-Gotland",
        "Stockholm-Gotland",
        [
            ("Region Stockholm", "RST", "01", 2_450_000),
            ("Region Gotland", "RGO", "09", 61_000),
        ],
    ),
    "sydostra": (
        "Sydöstra sjukvårdsregionen",
        "Sydöstra",
        [
            ("Region Jönköpings län", "RJL", "06", 365_000),
            ("Region Kalmar län", "RKL", "08", 246_000),
            ("Region Östergötland", "RÖ", "05", 467_000),
        ],
    ),
    "vastra": (
        "Västra sjukvårdsregionen",
        "Västra",
        [("Västra Götalandsregionen", "VGR", "14", 1_750_000)],
    ),
    "sodra": (
        "Södra sjukvårdsregionen",
        "Södra",
        [
            ("Region Skåne", "SKA", "12", 1_390_000),
            ("Region Blekinge", "BLE", "10", 159_000),
            ("Region Kronoberg", "KRO", "07", 202_000),
            ("Region Halland", "HAL", "13", 336_000),
        ],
    ),
}
POPULATION_YEARS = range(2016, 2027)

# (name, kind, parent name, status, start, end, description, host region code)
SODRA = "sodra"
NAMND = "Södra Regionvårdsnämnden"
SODRA_GROUPS = [
    (
        NAMND,
        GroupKind.COMMITTEE,
        None,
        GroupStatus.ACTIVE,
        None,
        None,
        "Politisk nämnd för samverkan i Södra sjukvårdsregionen.",
        None,
    ),
    (
        "Södra Regionvårdsnämndens kansli",
        GroupKind.SECRETARIAT,
        NAMND,
        GroupStatus.ACTIVE,
        None,
        None,
        "Kansliet bereder nämndens ärenden.",
        None,
    ),
    (
        "Södra sjukvårdsregionens ledningsgrupp",
        GroupKind.MANAGEMENT,
        NAMND,
        GroupStatus.ACTIVE,
        None,
        None,
        "Hälso- och sjukvårdsdirektörerna i regionerna.",
        None,
    ),
    (
        "Projekt regional arbetsfördelning",
        GroupKind.PROJECT,
        NAMND,
        GroupStatus.CLOSED,
        D(2016, 2, 19),
        D(2018, 4, 23),
        "Projektet överfördes till det fortlöpande arbetet genom nämndens beslut 2018-04-23.",
        None,
    ),
    (
        "Politisk styrgrupp regional arbetsfördelning",
        GroupKind.POLITICAL_STEERING,
        "Projekt regional arbetsfördelning",
        GroupStatus.ACTIVE,
        D(2016, 5, 25),
        None,
        "Utsedd av Södra Regionvårdsnämnden; leder arbetet även efter överföringen.",
        None,
    ),
    (
        "Tjänstemannastyrgrupp regional arbetsfördelning",
        GroupKind.OFFICIAL_STEERING,
        "Projekt regional arbetsfördelning",
        GroupStatus.CLOSED,
        D(2016, 5, 25),
        D(2018, 4, 23),
        "En representant per huvudman, utsedda av regiondirektörerna.",
        None,
    ),
    (
        "Projektgrupp regional arbetsfördelning",
        GroupKind.PROJECT_GROUP,
        "Projekt regional arbetsfördelning",
        GroupStatus.CLOSED,
        D(2016, 5, 25),
        D(2018, 4, 23),
        "Omvandlades till samordningsgrupp 2018.",
        None,
    ),
    (
        "Samordningsgrupp regional arbetsfördelning",
        GroupKind.COORDINATION_GROUP,
        "Södra sjukvårdsregionens ledningsgrupp",
        GroupStatus.ACTIVE,
        D(2018, 4, 23),
        None,
        "Sammansättning som den tidigare projektgruppen.",
        None,
    ),
    (
        "Referensgrupp sjukhuschefer och förvaltningschefer",
        GroupKind.REFERENCE_GROUP,
        "Projekt regional arbetsfördelning",
        GroupStatus.ACTIVE,
        D(2016, 5, 25),
        None,
        "",
        None,
    ),
    (
        "Referensgrupp fackliga representanter",
        GroupKind.REFERENCE_GROUP,
        "Projekt regional arbetsfördelning",
        GroupStatus.ACTIVE,
        D(2016, 5, 25),
        None,
        "",
        None,
    ),
    (
        "Delprojekt axelkirurgi",
        GroupKind.SUBPROJECT,
        "Projekt regional arbetsfördelning",
        GroupStatus.CLOSED,
        D(2016, 9, 1),
        D(2018, 3, 31),
        "Demoexempel på delprojekt.",
        None,
    ),
    (
        "Delprojekt kärlkirurgi",
        GroupKind.SUBPROJECT,
        "Projekt regional arbetsfördelning",
        GroupStatus.CLOSED,
        D(2017, 1, 1),
        D(2018, 3, 31),
        "Demoexempel på delprojekt.",
        None,
    ),
    (
        "Samarbete för bättre vård",
        GroupKind.PROJECT,
        "Samordningsgrupp regional arbetsfördelning",
        GroupStatus.ACTIVE,
        D(2018, 4, 23),
        None,
        "Det fortlöpande arbetet med regional arbetsfördelning.",
        None,
    ),
]
RPOS = [
    "Endokrina sjukdomar",
    "Psykisk hälsa",
    "Nervsystemets sjukdomar*",
    "Ögonsjukdomar",
    "Öron/näsa/halssjukdomar",
    "Hjärt-kärlsjukdomar",
    "Lung- och allergisjukdomar",
    "Rörelseorganens sjukdomar",
    "Reumatiska sjukdomar",
    "Hudsjukdomar",
    "Mag-tarm-sjukdomar",
    "Njur- och urinvägssjukdomar*",
    "Kvinnosjukdomar och förlossning",
    "Barn och ungdomars hälsa",
    "Levnadsvanor",
    "Sällsynta sjukdomar",
    "Tandvård*",
    "Akutvård",
    "Äldres hälsa",
    "Medicinsk diagnostik",
    "Rehabilitering, habilitering och försäkringsmedicin",
    "Perioperativ vård, intensivvård och transplantation",
    "Primärvårdsråd*!",
    "Palliativ vård",
]
RSGS = [
    ("Patientsäkerhet", GroupStatus.ACTIVE, None),
    ("Kvalitetsregister", GroupStatus.ACTIVE, None),
    ("Uppföljning och analys", GroupStatus.PLANNED, D(2020, 2, 1)),
    ("Stöd för utveckling", GroupStatus.PLANNED, D(2020, 1, 1)),
    ("Strukturerad vårdinformation", GroupStatus.PLANNED, D(2020, 1, 1)),
]
CHEFSAMRAD = [
    "Barnsjukvård inklusive neonatologi",
    "Gynekologi och obstetrik",
    "Hjärtsjukvård inklusive thoraxkirurgi",
    "Hudsjukdomar",
    "Infektionssjukvård",
    "Kirurgi",
    "Klinisk kemi",
    "Njurmedicin inklusive njurtransplantation",
    "Ortopedi",
    "Urologi",
    "Öron- näsa- hals",
]
SAMARBETE = [
    "Axelkirurgi",
    "Samverkan onkologivård",
    "Spinal rehabilitering",
    "Inflammatorisk tarmsjukdom",
    "Gentestning vid tjock- och ändtarmscancer",
    "Uppföljning av patienter med ökad risk för cancer",
    "Kärlkirurgi",
    "Parkinson och DBS",
    "Blodsamverkan",
    "Luftburna transporter",
    "MRT",
]

SYDOSTRA_GROUPS = [
    (
        "Samverkansnämnden",
        GroupKind.COMMITTEE,
        None,
        GroupStatus.ACTIVE,
        None,
        None,
        "Politisk nämnd för samverkan i Sydöstra sjukvårdsregionen.",
        None,
    ),
    (
        "Regionsjukvårdsledningen",
        GroupKind.MANAGEMENT,
        "Samverkansnämnden",
        GroupStatus.ACTIVE,
        None,
        None,
        "",
        None,
    ),
    (
        "Centrumrådet Hjärtsjukvård",
        GroupKind.COUNCIL,
        "Regionsjukvårdsledningen",
        GroupStatus.ACTIVE,
        None,
        None,
        "",
        None,
    ),
    (
        "RMPG Medicinsk diagnostik",
        GroupKind.RPO,
        "Regionsjukvårdsledningen",
        GroupStatus.CLOSED,
        None,
        D(2019, 12, 31),
        "Regional medicinsk programgrupp, föregångare till RPO.",
        None,
    ),
    (
        "Team Genetik Kalmar",
        GroupKind.TEAM,
        "RMPG Medicinsk diagnostik",
        GroupStatus.CLOSED,
        D(2016, 10, 1),
        D(2017, 5, 31),
        "Pilotteam: Klinisk genetik vid US med utsedda representanter för Kalmar län.",
        "RÖ",
    ),
    (
        "RPO Barn och ungdomars hälsa",
        GroupKind.RPO,
        "Regionsjukvårdsledningen",
        GroupStatus.ACTIVE,
        D(2019, 1, 1),
        None,
        "",
        None,
    ),
    (
        "RAG Barnonkologi och hematologi",
        GroupKind.RAG,
        "RPO Barn och ungdomars hälsa",
        GroupStatus.ACTIVE,
        D(2020, 1, 1),
        None,
        "Arbetar på uppdrag av RPO Barn och ungdomars hälsa.",
        None,
    ),
]
NORRA_GROUPS = [
    (
        "Regionstyrelsen Region Jämtland Härjedalen",
        GroupKind.COMMITTEE,
        None,
        GroupStatus.ACTIVE,
        None,
        None,
        "Regionstyrelsen i Region Jämtland Härjedalen.",
        "RJH",
    ),
    (
        "Chefssamråd laboratoriemedicin",
        GroupKind.HEADS_COUNCIL,
        None,
        GroupStatus.ACTIVE,
        D(2011, 1, 1),
        None,
        "Samverkan inom laboratoriemedicin mellan norrlandsregionerna.",
        None,
    ),
]

FIRST_NAMES = [
    "Astrid",
    "Bengt",
    "Cecilia",
    "David",
    "Elin",
    "Fredrik",
    "Greta",
    "Henrik",
    "Ingrid",
    "Johan",
    "Karin",
    "Lars",
    "Maja",
    "Nils",
    "Olivia",
    "Per",
    "Rut",
    "Sven",
    "Tove",
    "Ulf",
    "Vera",
    "Åke",
    "Ebba",
    "Oskar",
    "Linnea",
    "Gustav",
    "Sara",
    "Anders",
    "Hanna",
    "Erik",
]
LAST_NAMES = [
    "Demosson",
    "Exempelberg",
    "Fiktivsson",
    "Provström",
    "Testlund",
    "Påhittad",
    "Låtsasson",
    "Övningsdal",
    "Mönstergren",
    "Skissberg",
    "Utkastlund",
    "Prototypsson",
    "Modellén",
]
TITLES = ["Överläkare", "Verksamhetschef", "Sjuksköterska", "Specialistläkare", "Utvecklingsledare"]


# Seed 004, Bilaga 1: "(vårdskap)" after an RPO: Södra holds the national programme area.
CARE = "care"


def _hosting(host: str | None, regions: dict[str, Region]) -> dict:
    if host == CARE:
        return {"hosting_kind": HostingKind.CARE, "host_region": None}
    if host:
        return {"hosting_kind": HostingKind.HOSTING, "host_region": regions[host]}
    return {}


def _names():
    for last, first in itertools.product(LAST_NAMES, FIRST_NAMES):
        yield first, last


def load() -> int:
    created = 0
    regions: dict[str, Region] = {}
    healthcare_regions: dict[str, HealthcareRegion] = {}
    for slug, (name, short_name, members) in HEALTHCARE_REGIONS.items():
        hr, new = HealthcareRegion.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name}
        )
        created += new
        healthcare_regions[slug] = hr
        for region_name, code, county_code, population in members:
            region, new = Region.objects.get_or_create(
                code=code,
                defaults={
                    "name": region_name,
                    "healthcare_region": hr,
                    "county_code": county_code,
                },
            )
            created += new
            regions[code] = region
            for offset, year in enumerate(POPULATION_YEARS):
                _, new = RegionPopulation.objects.get_or_create(
                    region=region,
                    year=year,
                    defaults={
                        "population": round(population * (0.94 + 0.006 * offset), -2),
                        "source": POPULATION_SOURCE,
                    },
                )
                created += new

    specs = {
        "sodra": SODRA_GROUPS
        + [
            (
                f"RPO {name.rstrip('*!')}",
                GroupKind.RPO,
                NAMND,
                GroupStatus.DORMANT if name.endswith("!") else GroupStatus.ACTIVE,
                None,
                None,
                "Södra sjukvårdsregionen har vårdskapet för programområdet nationellt."
                if "*" in name
                else "",
                CARE if "*" in name else None,
            )
            for name in RPOS
        ]
        + [("RAG Trauma", GroupKind.RAG, "RPO Akutvård", GroupStatus.ACTIVE, None, None, "", None)]
        + [
            (
                f"RSG {name}",
                GroupKind.RSG,
                NAMND,
                status,
                start,
                None,
                "Startar under 2020." if status == GroupStatus.PLANNED else "",
                None,
            )
            for name, status, start in RSGS
        ]
        + [
            (
                f"Chefsamråd {name}",
                GroupKind.HEADS_COUNCIL,
                "Södra sjukvårdsregionens ledningsgrupp",
                GroupStatus.ACTIVE,
                None,
                None,
                "",
                None,
            )
            for name in CHEFSAMRAD
        ]
        + [
            (
                f"Arbetsgrupp {name}",
                GroupKind.WORKING_GROUP,
                "Samarbete för bättre vård",
                GroupStatus.ACTIVE,
                None,
                None,
                "",
                None,
            )
            for name in SAMARBETE
        ],
        "sydostra": SYDOSTRA_GROUPS,
        "norra": NORRA_GROUPS,
    }
    groups: dict[str, Group] = {}
    for slug, rows in specs.items():
        for name, kind, parent, status, start, end, description, host in rows:
            hosting = _hosting(host, regions)
            group = Group.objects.filter(
                name=name, healthcare_region=healthcare_regions[slug]
            ).first()
            if group is None:
                group = services.group_create(
                    actor=None,
                    reason="Demodata",
                    name=name,
                    kind=kind,
                    parent=groups.get(parent),
                    healthcare_region=healthcare_regions[slug],
                    status=status,
                    start_date=start,
                    end_date=end,
                    description=description,
                    **hosting,
                )
                created += 1
            elif hosting and group.hosting_kind != hosting["hosting_kind"]:
                # Demo data loaded before hosting had a kind: record it now.
                services.group_update(actor=None, group=group, reason="Demodata", **hosting)
            groups[name] = group

    created += _load_members(groups, healthcare_regions, regions)
    created += _load_demo_logins()
    return created


# Groups that get one fictional member per region; the first listed region's member leads.
STAFFED = {
    NAMND: MembershipRole.CHAIR,
    "Södra Regionvårdsnämndens kansli": MembershipRole.SECRETARY,
    "Samordningsgrupp regional arbetsfördelning": MembershipRole.CONVENER,
    "RPO Barn och ungdomars hälsa": MembershipRole.CHAIR,
    "RAG Barnonkologi och hematologi": MembershipRole.CONVENER,
    "Samverkansnämnden": MembershipRole.CHAIR,
    "Centrumrådet Hjärtsjukvård": MembershipRole.CHAIR,
    "RSG Patientsäkerhet": MembershipRole.CONVENER,
    "Chefsamråd Kirurgi": MembershipRole.CONVENER,
    "Regionstyrelsen Region Jämtland Härjedalen": MembershipRole.CHAIR,
    "Chefssamråd laboratoriemedicin": MembershipRole.CONVENER,
}
# Leader first region (by code) for groups whose lead seat the seeds place in a region.
LEAD_REGION = {"RAG Barnonkologi och hematologi": "RKL", "Team Genetik Kalmar": "RÖ"}
SKIP_REGIONS = {"Regionstyrelsen Region Jämtland Härjedalen": {"RVB", "RVN", "RNB"}}


def _load_members(groups, healthcare_regions, regions) -> int:
    created = 0
    names = _names()
    for index, (group_name, lead_role) in enumerate(STAFFED.items()):
        group = groups[group_name]
        if Membership.objects.filter(group=group).exists():
            continue
        members = list(group.healthcare_region.regions.order_by("name"))
        members = [r for r in members if r.code not in SKIP_REGIONS.get(group_name, set())]
        lead = LEAD_REGION.get(group_name)
        if lead:
            members.sort(key=lambda r: r.code != lead)
        # Before the earliest demo meeting (2018): members sat when the seeds were decided.
        start = group.start_date or D(2015, 1, 1)
        for position, region in enumerate(members):
            first, last = next(names)
            email = (
                f"{first}.{last}@exempel.invalid".lower()
                .replace("å", "a")
                .replace("ä", "a")
                .replace("ö", "o")
                .replace("é", "e")
            )
            person = Person.objects.filter(email=email).first() or services.person_create(
                actor=None,
                reason="Demodata",
                first_name=first,
                last_name=last,
                email=email,
                title=TITLES[(index + position) % len(TITLES)],
                employer=region,
            )
            services.membership_start(
                actor=None,
                reason="Demodata",
                person=person,
                group=group,
                role=lead_role if position == 0 else MembershipRole.MEMBER,
                region=region,
                start_date=start,
            )
            created += 2
    return created


DEMO_LOGINS = [
    # (username, group, role, represented region): demo users who sit in a group, for trying
    # the permissions. The region picks one member where the role has several.
    ("sammankallande", "RAG Barnonkologi och hematologi", MembershipRole.CONVENER, None),
    ("sekreterare", "Södra Regionvårdsnämndens kansli", MembershipRole.SECRETARY, None),
    # The committee's adjuster of the minutes of 2020-02-14, which wait for approval
    # (governance/demo/decisions.py names the first member, Region Halland's, as adjuster).
    ("justerare", NAMND, MembershipRole.MEMBER, "HAL"),
    # A member without a leadership role and not named adjuster of any minutes.
    ("ledamot", "RAG Barnonkologi och hematologi", MembershipRole.MEMBER, "RÖ"),
]


def _load_demo_logins() -> int:
    created = 0
    User = get_user_model()
    for username, group_name, role, region_code in DEMO_LOGINS:
        if User.objects.filter(username=username).exists():
            continue
        memberships = Membership.objects.filter(group__name=group_name, role=role)
        if region_code:
            memberships = memberships.filter(region__code=region_code)
        membership = memberships.select_related("person").order_by("start_date", "pk").first()
        if membership is None or membership.person.user_id is not None:
            continue
        person = membership.person
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        person.user = user
        services.person_update(actor=None, person=person, reason="Demoinloggning")
        created += 1
    services.group_permissions_sync()
    return created
