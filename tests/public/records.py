"""A record for the public register's tests: a committee's approved minutes with a public
decision (a personnummer in its text, a public and a confidential attachment), a confidential
agenda item, and a decided commission with a personnummer in a section."""

import datetime

from django.urls import reverse

from governance.models import Attachment, DecisionClause, Minutes, MinutesItemNote, MinutesStatus
from tests.governance.factories import (
    TZ,
    AgendaItemFactory,
    CommissionFactory,
    CommissionSectionFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.groups.factories import GroupFactory, PersonFactory

PERSONNUMMER = "19811218-9876"
SHORT_FORM = "811218-9876"
MASK = "[personnummer dolt]"
SECRET_TITLE = "Bilaga – patientärende Kalle"
GROUND = "OSL 25 kap. 1 §"
WITHHELD = f"Sekretessbelagd enligt {GROUND}"
SECRET_ITEM = "Enskilt vårdärende Lisa"
ITEM_GROUND = "OSL 21 kap. 1 §"


def url(name, *args):
    return reverse(f"public:{name}", args=args)


def public_record():
    """A committee's approved minutes with a public decision (a personnummer in its text, a
    public and a confidential attachment), a confidential item, and a decided commission."""
    body = GroupFactory(name="Regionala nämnden")
    meeting = MeetingFactory(
        group=body, starts_at=datetime.datetime(2025, 3, 4, 9, tzinfo=TZ), status="held"
    )
    minutes = Minutes.objects.create(
        meeting=meeting,
        kind="protocol",
        status=MinutesStatus.APPROVED,
        approved_at=datetime.datetime(2025, 3, 10, 12, tzinfo=TZ),
        chair=PersonFactory(first_name="Astrid", last_name="Ordförande"),
        secretary=PersonFactory(first_name="Elin", last_name="Sekreterare"),
        general_notes=f"Ordföranden öppnade mötet. Anmälan från {SHORT_FORM}.",
    )
    item = AgendaItemFactory(meeting=meeting, number=1, title="Laboratoriesamverkan")
    MinutesItemNote.objects.create(
        minutes=minutes, agenda_item=item, text=f"Frågan väcktes av {PERSONNUMMER}."
    )
    decision = DecisionFactory(
        body=body,
        meeting=meeting,
        agenda_item=item,
        number=4,
        title="Rapport om laboratoriesamverkan",
        registry_number="RS/1009/2017",
        case_description=f"Skrivelse från {PERSONNUMMER} om provtagning.",
        decision_date=datetime.date(2025, 3, 4),
    )
    DecisionClause.objects.create(
        decision=decision, position=1, text=f"att godkänna rapporten ({SHORT_FORM})"
    )
    Attachment.objects.create(decision=decision, position=1, title="Bilaga 1 – Rapporten")
    Attachment.objects.create(
        decision=decision,
        position=2,
        title=SECRET_TITLE,
        is_confidential=True,
        confidentiality_ground=GROUND,
    )
    secret_item = AgendaItemFactory(
        meeting=meeting,
        number=2,
        title=SECRET_ITEM,
        is_confidential=True,
        confidentiality_ground=ITEM_GROUND,
    )
    MinutesItemNote.objects.create(minutes=minutes, agenda_item=secret_item, text="Lisa mår bra.")
    Attachment.objects.create(agenda_item=secret_item, position=1, title="Journalkopia Lisa")
    commission = CommissionFactory(
        commissioner=body, title="Regional arbetsfördelning", registry_number="RS/12/2024"
    )
    CommissionSectionFactory(
        commission=commission, heading="Bakgrund", body=f"Kontakt: {PERSONNUMMER}."
    )
    return {"decision": decision, "minutes": minutes, "commission": commission}
