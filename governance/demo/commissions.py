"""Demo commissions from the seeds: 000 (Team Genetik Kalmar), 002 (RAG Barnonkologi och
hematologi) and 001's Projekt regional arbetsfördelning, transferred to ongoing operations."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance.models import (
    AgendaItem,
    Commission,
    CommissionKind,
    CommissionStatus,
    Decision,
    DeliverableRecurrence,
    SectionTemplate,
)
from governance.services import commissions as services
from governance.services import meetings as meeting_services
from governance.services.commissions import SectionInput
from governance.services.decisions import decision_link_commissions
from groups.models import Group

D = datetime.date
REASON = "Demodata"

SEED_000_SECTIONS = [
    (
        "Bakgrund",
        "I takt med ökade kunskaper om genetiska förändringar som orsak till många sjukdomar "
        "kommer klinisk genetik att få en allt större roll i sjukvården. Med anledning av detta "
        "har en utredning genomförts angående den kliniskt genetiska verksamheten i Sydöstra "
        "sjukvårdsregionen. Regionsjukvårdsledningen har 2016-06-01 ställt sig bakom "
        "utredningens förslag. Nya diagnostiska och prognostiska möjligheter leder till en ökad "
        "efterfrågan av genetiska kunskaper vilket medför ett ökat behov av genetisk kompetens "
        "på olika nivåer i Sydöstra sjukvårdsregionen.\n\n"
        "Förslaget innebär att i det fortsatta arbetet med nivåstruktureringen ska den genetiska "
        "kompetensen i resp. län säkras. Det innebär att länsjukvården måste stärkas "
        "organisatoriskt och kompetensmässigt, via etablering av föreslagna team.",
    ),
    (
        "Syfte och mål",
        "Syftet är att genom optimal organisation och arbetssätt använda tillgänglig kompetens "
        "på bästa sätt för att skapa likvärdig vård inom sjukvårdsregionen.",
    ),
    (
        "Uppdrag",
        "Klinisk Genetik på Universitetssjukhuset Linköping startar ett pilotprojekt tillsammans "
        "med Landstinget i Kalmar län och skapar team ”Genetik Kalmar”.\n\n"
        "- Linköping skapar ett team med olika yrkeskategorier som har till uppgift att stödja "
        "patienter och vårdgivare i Kalmar län i syfte att stärka länsjukvården organisatoriskt "
        "och kompetensmässigt.\n"
        "- Kalmar skapar motsvarande team inom onkogenetik, kardiogenetik samt pediatrik och en "
        "funktion som länsamordnare.",
    ),
    ("Tidplan", "Oktober 2016 – maj 2017"),
    (
        "Avrapportering och beslutspunkter",
        "- Fortlöpande rapportering till styrgruppen inkl. ekonomi och kompetensförsörjning.\n"
        "- Utvärderingsmöte med deltagarna inför avrapportering till Centrumrådet 3 maj 2017.",
    ),
    (
        "Resurser",
        "Deltagares insatser finansieras inom ramen för respektive organisations budgetramar.",
    ),
]

SEED_002_SECTIONS = [
    (
        "Kunskapsbaserad, jämlik och resurseffektiv vård",
        "Region Jönköpings län, Region Kalmar län och Region Östergötland bildar tillsammans "
        "Sydöstra sjukvårdsregionen.\n\n"
        "Sjukvårdsregionen organiserar regionala programområden som motsvarar de nationella "
        "programområdena som Sveriges regioner beslutat samverka i för en mer kunskapsbaserad, "
        "jämlik och resurseffektiv vård.\n\n"
        "Med regionala programområden bygger sjukvårdsregionen vidare på ett mångårigt och "
        "framgångsrikt samarbete utifrån regionernas samverkansavtal och Samverkansnämndens "
        "årliga överenskommelse om samverkan och vård i sjukvårdsregionen.\n\n"
        "Samverkan ska bidra till att bästa möjliga kunskap används i varje möte mellan patient "
        "och vårdpersonal. Systemet för kunskapsstyrning ska stödja ett kontinuerligt och "
        "gemensamt lärande där regioner och sjukvårdsregioner gör varandra framgångsrika.\n\n"
        "Systemet för kunskapsstyrning bygger på att varje nivå tar ansvar för sin del och "
        "samspelar med de andra nivåerna:\n\n"
        "**Vårdteamet**\n\n"
        "- Utgår från bästa möjliga kunskap\n"
        "- Anpassar arbetet efter individens behov\n"
        "- Analyserar sina resultat\n"
        "- Sätter mål\n"
        "- Efterfrågar stöd när det behövs\n"
        "- Gör ständiga förbättringar\n"
        "- Sprider goda erfarenheter\n\n"
        "**Sjukvårdsregional/regional nivå**\n\n"
        "- Sätter mål, analyserar och följer resultat\n"
        "- Återkopplar och för dialog om kvalitet\n"
        "- Tillhandahåller lättillgängliga kunskapsstöd\n"
        "- Har en struktur för implementering och förbättringsarbete\n"
        "- Stöder samverkan\n\n"
        "**Nationell nivå**\n\n"
        "- Samverkar med huvudmän och myndigheter\n"
        "- Samverkar om nationella kunskapsunderlag\n"
        "- Samverkar om indikatorer, uppföljning, jämförelser och analyser\n"
        "- Samverkar i gemensamma utvecklingsområden",
    ),
    (
        "Utgångspunkter",
        "**Patientlöften om god vård**\n\n"
        "Utifrån **Socialstyrelsens sex dimensioner av god vård** har Samverkansnämnden "
        "formulerat löften att patienter i Sydöstra sjukvårdsregionen ska:\n\n"
        "- erbjudas vård som är lätt tillgänglig för kontakt, bedömning och besök\n"
        "- erbjudas diagnostik, behandling och uppföljning enligt bästa kunskap i varje möte\n"
        "- vara delaktig och välinformerad genom hela vårdkedjan\n"
        "- få tillgång till jämlik vård\n"
        "- erbjudas bästa möjliga hälsofrämjande insatser och välfungerande screeningprogram\n"
        "- få tillgång till patientsäker vård\n"
        "- erbjudas kostnadseffektiv vård\n\n"
        "I Sydöstra sjukvårdsregionen prioriteras patientnära forskning.",
    ),
    (
        "Uppdrag",
        "Arbetsgrupp Barnonkologi och hematologi arbetar på uppdrag av programområde Barn och "
        "ungdomars hälsa.\n\n"
        "Sjukvårdsregional arbetsgrupp Barnonkologi och hematologi ska:\n\n"
        "- Planera implementering av nya och reviderade nationella kunskapsstöd, arbetssätt och "
        "metoder inom barnonkologi och hematologi som till exempel vårdprogrammet för "
        "långtidsuppföljning efter barncancer.\n"
        "- Initiera vårdkedjor och samverkan med andra verksamheter för lokal anpassning i "
        "respektive region.\n"
        "- Omvärldsbevakning lokalt, regionalt, nationellt och internationellt.\n"
        "- Identifiera oönskade variationer och bristande kvalitet inom sjukvårdsregionen och ge "
        "förslag på förbättringsåtgärder. Ta fram lämpliga kvalitetsmått till årsrapport.\n"
        "- Samordna eventuella statliga satsningar inom barnonkologi och hematologi.\n"
        "- Samverka med nationella kunskapsstyrningen, RCC samt stötta RPO med expertkunskap.",
    ),
    (
        "Tidplan och leveranser",
        "Arbetsgruppen är tänkt att vara en permanent konstellation.\n\n"
        "Slutleverans ges till årsrapporten för RPO Barn och ungdomars hälsa och delleverans "
        "sker en gång per år vid möte mellan RPO Barn och ungdomars hälsa samt de RAG som hör "
        "till programområdet.",
    ),
    (
        "Arbetssätt",
        "Arbetsgrupper arbetar processinriktat och utgår från vad som är bäst för invånarna. "
        "Grupperna utformar sina arbetssätt och aktiviteter för att kunna fullgöra sitt "
        "uppdrag.",
    ),
    (
        "Rapportering",
        "Vid arbetsgruppernas sammanträden ska minnesanteckningar föras och delges RPO Barn och "
        "ungdomars hälsa. Uppföljning av arbetsgruppens arbete sker av RPO Barn och ungdomars "
        "hälsa. RAG Barnonkologi och hematologi rapporterar regelbundet till RPO Barn och "
        "ungdomars hälsa som har att tillse att övriga berörda RPO informeras och involveras i "
        "kunskapsarbetet vid Sydöstra sjukvårdsregionen.",
    ),
    (
        "Sammansättning",
        "Varje region bör som princip ha en ledamot i arbetsgruppen och sammansättningen ska "
        "innehålla relevanta professioner/experter representerande hela vårdkedjan. Ordförande "
        "utses av arbetsgruppen. Samarbete med patient/närståendeföreningar ska övervägas. "
        "Respektive region svarar för sin ledamots kostnader för medverkan i RAG Barnonkologi "
        "och hematologi.",
    ),
    (
        "Sammankallandes uppdrag",
        "Sammankallande är anställd inom respektive region.\n\n"
        "Arbetsgruppens sammankallande:\n\n"
        "- driver gruppens arbete framåt och säkerställer att uppdraget fullföljs\n"
        "- etablerar relevanta kontakter\n"
        "- initierar, planerar och leder möten\n"
        "- skapar rutiner för och fördelar arbete i samråd med gruppen\n"
        "- håller kontakt med programområdets processtöd",
    ),
    (
        "Deltagares uppdrag",
        "Deltagarna är anställda inom respektive organisation.\n\n"
        "Arbetsgruppens deltagare:\n\n"
        "- representerar sin organisation\n"
        "- bidrar med sakkunskap\n"
        "- samarbetar aktivt\n"
        "- förankrar och kommunicerar i sin egen organisation\n\n"
        "Deltagare med uppdrag i nationella arbetsgrupper representerar hela "
        "sjukvårdsregionen.",
    ),
    (
        "Finansiering",
        "Respektive region finansierar sina representanter i arbetsgrupper. Kostnaderna bör "
        "fördelas rättvist mellan regionerna över tid.",
    ),
]

SEED_001_SECTIONS = [
    (
        "Bakgrund",
        "Södra Regionvårdsnämnden beslutade 2016-02-19 om Projekt regional arbetsfördelning "
        "inom Södra sjukvårdsregionen. På nämndsmötet 2016-05-25 fastställdes projektplanen.",
    ),
    (
        "Principer och långsiktiga mål",
        "- Hitta långsiktiga och ekonomiskt hållbara lösningar.\n"
        "- Värna hög vårdkvalitet med patienten i centrum.\n"
        "- Långsiktig säker kompetensförsörjning.\n"
        "- Skall bygga på frivillighet, tillit och samförstånd mellan huvudmännen.\n"
        "- Eventuella samarbeten måste ta hänsyn till helheten samt olika huvudmäns "
        "förutsättningar. Detta innebär att ”rätt” servicenivå och vårdnivå tillgodoses i alla "
        "delar av vården så att god jämlik och likvärdig vård kan erbjudas till alla och utan "
        "att andra delar av vården påverkas, t.ex. primärvård och akutsjukvård.\n"
        "- Arbetsfördelning kan innebära att bättre kunna samarbeta runt en ökad specialisering "
        "av valda vårdmoment, snarare än en ökad koncentration av hela vården av en patient.",
    ),
    (
        "Omfattning",
        "Det övergripande projektet rör somatisk vård i Södra sjukvårdsregionen. Psykiatri, "
        "primärvård och rehabilitering ingår inte i projektet.\n\n"
        "RCC Syd ansvarar för att driva cancerfrågeställningarna och har ett uppdrag att "
        "förverkliga målen i den nationella cancerstrategin. Enligt beslut 2016-05-25 i Södra "
        "Regionvårdsnämnden ska RCC Syds arbete med nivåstrukturering inom cancerområdet "
        "inordnas i Södra Regionvårdsnämndens Projekt regional arbetsfördelning.",
    ),
    (
        "Ledning av projektet",
        "Projektet leds av en politisk styrgrupp utsedd av Södra Regionvårdsnämnden samt en "
        "tjänstemannastyrgrupp med en representant per huvudman utsedda av "
        "landsting/regiondirektörer. Tjänstemannastyrgruppen har det övergripande ansvaret för "
        "projektets genomförande och rapporterar till den politiska styrgruppen.",
    ),
    (
        "Projektgrupp",
        "Projektgruppen är utsedd av tjänstemannastyrgruppen och består av representanter från "
        "respektive huvudman, RCC och tjänstemän från Södra Regionvårdsnämndens kansli. "
        "Projektgruppen ansvarar för att ta fram förslag och plan för projektets genomförande "
        "samt att kontinuerligt rapportera till tjänstemannastyrgruppen.",
    ),
    (
        "Referensgrupper",
        "Sjukhuschefer och förvaltningschefer samt fackliga representanter från Södra "
        "sjukvårdsregionen ingår i referensgrupper till projektet.",
    ),
    (
        "Tidplan",
        "Projektet beslutades att avslutas första kvartalet 2018 men förlängdes av den "
        "politiska styrgruppen 2017-09-21 till 2018-12-31.",
    ),
]


def _group(name: str, healthcare_region: str) -> Group | None:
    # Names repeat across healthcare regions (Södra and Sydöstra both have an RPO Barn och
    # ungdomars hälsa): always say which region's group is meant.
    return Group.objects.filter(name=name, healthcare_region__slug=healthcare_region).first()


def _create(sections, template_name: str, **fields) -> Commission:
    template = SectionTemplate.objects.filter(name=template_name).first()
    commission = services.commission_create(actor=None, template=None, reason=REASON, **fields)
    required = set()
    if template is not None:
        required = set(template.items.filter(required=True).values_list("heading", flat=True))
    services.commission_update(
        actor=None,
        commission=commission,
        reason=REASON,
        sections=[
            SectionInput(heading=heading, body=body, required=heading in required)
            for heading, body in sections
        ],
    )
    return commission


def load() -> int:
    created = services.ensure_section_templates()
    created += _seed_000()
    created += _seed_002()
    created += _seed_001()
    return created


def _seed_000() -> int:
    title = "Test av arbetssätt med team och länsamordnare"
    commissioner = _group("Centrumrådet Hjärtsjukvård", "sydostra")
    assignee = _group("Team Genetik Kalmar", "sydostra")
    if commissioner is None or assignee is None or Commission.objects.filter(title=title).exists():
        return 0
    commission = _create(
        SEED_000_SECTIONS,
        "Projektuppdrag",
        title=title,
        commissioner=commissioner,
        assignee=assignee,
        assignee_description=(
            "RMPG Medicinsk diagnostik via Klinisk genetik på US tillsammans med utsedda "
            "representanter för Landstinget i Kalmar län."
        ),
        kind=CommissionKind.PROJECT,
        start_date=D(2016, 10, 1),
        end_date=D(2017, 5, 31),
        signatory_name="Jan-Erik Karlsson",
        signatory_title="Ordf. Centrumrådet Hjärtsjukvård",
        signed_on=D(2016, 9, 30),
    )
    evaluation = services.deliverable_create(
        actor=None,
        commission=commission,
        reason=REASON,
        title="Utvärderingsmöte med deltagarna och avrapportering till Centrumrådet",
        due_date=D(2017, 5, 3),
        recipient=commissioner,
        is_final=True,
    )
    for status, day in [
        (CommissionStatus.DECIDED, D(2016, 9, 30)),
        (CommissionStatus.REPORTED, D(2017, 5, 3)),
    ]:
        services.commission_transition(
            actor=None, commission=commission, to_status=status, on_date=day, reason=REASON
        )
    services.deliverable_mark_delivered(
        actor=None,
        deliverable=evaluation,
        delivered_on=D(2017, 5, 3),
        document="Avrapportering vid Centrumrådets möte 3 maj 2017",
    )
    services.commission_transition(
        actor=None,
        commission=commission,
        to_status=CommissionStatus.COMPLETED,
        on_date=D(2017, 5, 31),
        reason=REASON,
    )
    return 2


def _seed_002() -> int:
    title = "Regional arbetsgrupp Barnonkologi och hematologi i Sydöstra sjukvårdsregionen"
    commissioner = _group("RPO Barn och ungdomars hälsa", "sydostra")
    assignee = _group("RAG Barnonkologi och hematologi", "sydostra")
    if commissioner is None or assignee is None or Commission.objects.filter(title=title).exists():
        return 0
    commission = _create(
        SEED_002_SECTIONS,
        "Permanent grupp (RAG)",
        title=title,
        commissioner=commissioner,
        assignee=assignee,
        kind=CommissionKind.PERMANENT,
        start_date=D(2020, 1, 1),
    )
    services.commission_transition(
        actor=None,
        commission=commission,
        to_status=CommissionStatus.DECIDED,
        on_date=D(2020, 1, 1),
        reason=REASON,
    )
    created = 1
    # The group's next meeting follows its routine up under the commission (kallelse, agenda).
    upcoming = AgendaItem.objects.filter(
        meeting__group=assignee,
        meeting__starts_at__gt=timezone.now(),
        title="Uppföljning av regional rutin",
        commission=None,
    ).first()
    if upcoming is not None:
        meeting_services.agenda_item_update(actor=None, item=upcoming, commission=commission)
    # Partial delivery once a year at the meeting of the RPO and its RAGs; past years delivered.
    partial = services.deliverable_create(
        actor=None,
        commission=commission,
        reason=REASON,
        title="Delleverans vid mötet mellan RPO Barn och ungdomars hälsa och programområdets RAG",
        due_date=D(2020, 11, 15),
        recipient=commissioner,
        recurrence=DeliverableRecurrence.YEARLY,
    )
    today = timezone.localdate()
    while partial is not None and partial.due_date < today:
        _done, partial = services.deliverable_mark_delivered(
            actor=None,
            deliverable=partial,
            delivered_on=partial.due_date,
            document=f"Minnesanteckningar från RPO-mötet {partial.due_date.year}",
        )
        created += 1
    services.deliverable_create(
        actor=None,
        commission=commission,
        reason=REASON,
        title="Slutleverans till årsrapporten för RPO Barn och ungdomars hälsa",
        due_date=D(today.year + 1, 2, 15),
        recipient=commissioner,
        recurrence=DeliverableRecurrence.YEARLY,
        is_final=True,
    )
    return created + 1


def _seed_001() -> int:
    title = "Projekt regional arbetsfördelning i Södra sjukvårdsregionen"
    commissioner = _group("Södra Regionvårdsnämnden", "sodra")
    assignee = _group("Projekt regional arbetsfördelning", "sodra")
    if commissioner is None or assignee is None or Commission.objects.filter(title=title).exists():
        return 0
    commission = _create(
        SEED_001_SECTIONS,
        "Projektuppdrag",
        title=title,
        commissioner=commissioner,
        assignee=assignee,
        kind=CommissionKind.PROJECT,
        start_date=D(2016, 2, 19),
        end_date=D(2018, 12, 31),
    )
    services.commission_transition(
        actor=None,
        commission=commission,
        to_status=CommissionStatus.DECIDED,
        on_date=D(2016, 2, 19),
        reason="Södra Regionvårdsnämnden beslutade 2016-02-19 om projektet",
    )
    decision = Decision.objects.filter(
        body__name="Södra Regionvårdsnämnden",
        decision_date=D(2018, 4, 23),
        title__startswith="Överföring av projekt regional arbetsfördelning",
    ).first()
    services.commission_transition(
        actor=None,
        commission=commission,
        to_status=CommissionStatus.TRANSFERRED,
        on_date=D(2018, 4, 23),
        decision=decision,
        reason="Överfört till det fortlöpande arbetet i Södra sjukvårdsregionen",
    )
    if decision is not None:
        decision_link_commissions(actor=None, decision=decision, commissions=[commission])
    return 1
