"""The people and objects of the permission matrix, on the demo: one login per role, and one
object of each kind in one group (the committee, "the object's group"), so every role's
expectation is about the same objects. What the demo lacks there is added."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from calendars import services as calendar_services
from finance.models import Budget, BudgetLine
from governance.models import (
    AgendaItem,
    Attachment,
    Commission,
    Decision,
    DecisionRecipient,
    Deliverable,
    Guest,
    Meeting,
    MinutesStatus,
    Motion,
    RecipientKind,
    Recusal,
    Reservation,
    SectionTemplate,
)
from groups import services as group_services
from groups.models import Group, Membership, MembershipRole, Person
from notifications.models import MessageKind, OutboxMessage
from oparl import objects as oparl_objects
from oparl import selectors as oparl_selectors
from oparl.kinds import KINDS
from public import selectors as public_selectors

NAMND = "Södra Regionvårdsnämnden"

ANONYMOUS = "anonym"
OUTSIDER = "utomstående"
MEMBER = "ledamot"
CONVENER = "sammankallande"
OTHER_CONVENER = "sammankallande_annan"
ADJUSTER = "justerare"
SECRETARY = "sekreterare"
ADMINISTRATOR = "administratör"
ROLES = (
    ANONYMOUS,
    OUTSIDER,
    MEMBER,
    CONVENER,
    OTHER_CONVENER,
    ADJUSTER,
    SECRETARY,
    ADMINISTRATOR,
)
# Who each role is: what docs/security.md says of them.
ROLE_DESCRIPTIONS = {
    ANONYMOUS: "Inte inloggad",
    OUTSIDER: "Inloggad, sitter inte i någon grupp",
    MEMBER: "Ledamot i objektets grupp (nämnden), utan ledande roll",
    CONVENER: "Sammankallande i objektets grupp",
    OTHER_CONVENER: "Sammankallande i en annan grupp (RAG)",
    ADJUSTER: "Ledamot i nämnden och utsedd justerare av protokollet som väntar på justering",
    SECRETARY: "Sekreterare i nämnden och dess kansli",
    ADMINISTRATOR: "Portaladministratör (gruppen Administratörer), inte superanvändare",
}
# The demo's logins for the roles it has; the others are made here.
DEMO_USERNAMES = {
    OTHER_CONVENER: "sammankallande",
    ADJUSTER: "justerare",
    SECRETARY: "sekreterare",
    ADMINISTRATOR: "admin",
}


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)  # role -> user (none for anonymous)
    ids: dict[str, object] = field(default_factory=dict)  # object kind -> pk, slug or value


def _seat(group: Group, role: str, username: str):
    user = get_user_model().objects.create_user(username=username, password=None)
    person = Person.objects.create(first_name="Matris", last_name=username, user=user)
    group_services.membership_start(
        actor=None, person=person, group=group, role=role, start_date=datetime.date(2020, 1, 1)
    )
    return user


def _stored_attachment(item: AgendaItem) -> Attachment:
    """A file on one of the meeting's agenda items (the demo's attachments are references to
    papers kept elsewhere, which no one can download)."""
    content = b"Bilaga till matrisen\n"
    attachment = Attachment(
        agenda_item=item,
        title="Matrisbilaga",
        original_name="bilaga.txt",
        mime_type="text/plain",
        size=len(content),
        sha512=hashlib.sha512(content).hexdigest(),
        position=99,
    )
    attachment.file.save("bilaga.txt", ContentFile(content), save=False)
    attachment.save()
    return attachment


def build_world() -> World:
    User = get_user_model()
    namnd = Group.objects.get(name=NAMND)
    world = World()
    world.users[OUTSIDER] = User.objects.create_user(username="matris-utomstaende", password=None)
    world.users[MEMBER] = _seat(namnd, MembershipRole.MEMBER, "matris-ledamot")
    world.users[CONVENER] = _seat(namnd, MembershipRole.CONVENER, "matris-sammankallande")
    for role, username in DEMO_USERNAMES.items():
        world.users[role] = User.objects.get(username=username)

    meeting = Meeting.objects.get(group=namnd, minutes__status=MinutesStatus.SUBMITTED)
    decision = Decision.objects.filter(meeting=meeting).order_by("pk").first()
    item = AgendaItem.objects.filter(meeting=meeting).order_by("pk").first()
    guest = Guest.objects.filter(meeting=meeting).first() or Guest.objects.create(
        meeting=meeting, name="Matris Gäst", affiliation="Observatör"
    )
    commission = Commission.objects.filter(commissioner=namnd).order_by("pk").first()
    deliverable = Deliverable.objects.filter(commission=commission).first()
    if deliverable is None:
        deliverable = Deliverable.objects.create(
            commission=commission, title="Matrisleverans", due_date=datetime.date(2027, 6, 1)
        )
    budget = Budget.objects.get(owner=namnd)
    line = BudgetLine.objects.filter(revision__budget=budget).order_by("pk").first()
    membership = (
        Membership.objects.filter(group=namnd, person__user__isnull=True).order_by("pk").first()
    )

    def in_namnd(model, **lookups):
        return (
            model.objects.filter(decision__body=namnd, **lookups).order_by("pk").first()
            or model.objects.filter(decision__body=namnd).order_by("pk").first()
        )

    world.ids = {
        "group": namnd.pk,
        "healthcare_region": namnd.healthcare_region_id,
        "healthcare_region_slug": namnd.healthcare_region.slug,
        "region": membership.region_id or namnd.host_region_id,
        "person": membership.person_id,
        "membership": membership.pk,
        "administrator": world.users[ADMINISTRATOR].pk,
        "meeting": meeting.pk,
        "agenda_item": item.pk,
        "guest": guest.pk,
        "decision": decision.pk,
        "motion": in_namnd(Motion).pk,
        "recusal": in_namnd(Recusal).pk,
        "reservation": in_namnd(Reservation).pk,
        "attachment": _stored_attachment(item).pk,
        "commission": commission.pk,
        "deliverable": deliverable.pk,
        "section_template": SectionTemplate.objects.order_by("pk").first().pk,
        "budget": budget.pk,
        "budget_line": line.pk,
    }
    world.ids |= _public_ids(namnd, meeting, decision, world.users[MEMBER])
    return world


def _public_ids(namnd: Group, meeting: Meeting, decision: Decision, member) -> dict:
    """Ids for the pages outside the committee's own: the public register, the OParl API (one
    published row of each kind), the calendar feeds (the member's secret address), and the
    outbox and dispatch (a message, a recipient under "Utdrag till")."""
    approved = (
        AgendaItem.objects.filter(
            meeting__group=namnd,
            meeting__minutes__status=MinutesStatus.APPROVED,
            is_confidential=False,
        )
        .order_by("pk")
        .first()
    )
    _stored_attachment(approved)  # a public file for the OParl file endpoints
    oparl = {
        f"oparl_{key}": kind.published(None).order_by("pk").first().pk
        for key, kind in KINDS.items()
    }
    message = OutboxMessage.objects.order_by("pk").first() or OutboxMessage.objects.create(
        kind=MessageKind.NOTICE,
        to_name="Matris Mottagare",
        to_email="matris@example.org",
        subject="Kallelse",
        body_text="Kallelse till mötet",
    )
    recipient = DecisionRecipient.objects.create(
        decision=decision, kind=RecipientKind.EXTERNAL, name="Matris", email="matris@example.org"
    )
    return oparl | {
        "member_user": member.pk,
        "calendar_token": calendar_services.calendar_token_create(actor=member).token,
        "public_decision": public_selectors.published_decisions().order_by("pk").first().pk,
        "public_minutes": public_selectors.published_minutes().order_by("pk").first().pk,
        "public_commission": public_selectors.published_commissions().order_by("pk").first().pk,
        "oparl_body": oparl_selectors.bodies().first().pk,
        "oparl_term_start": oparl_objects.terms(timezone.localdate())[-1][0],
        "oparl_location": oparl_selectors.meetings().exclude(place="").order_by("pk").first().pk,
        "outbox_message": message.pk,
        "decision_recipient": recipient.pk,
        "meeting_group": meeting.group_id,
    }
