"""Writes for commissions, their sections, deliverables and section templates.

Order of saves: the commission first, then its sections. A version of the text (history page)
is the commission's history row plus the section changes saved after it in the same call, so
every service that touches sections saves the commission before them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import (
    Commission,
    CommissionKind,
    CommissionSection,
    CommissionStatus,
    Decision,
    Deliverable,
    DeliverableRecurrence,
    DeliverableStatus,
    SectionTemplate,
    SectionTemplateItem,
)
from governance.services.decisions import decision_link_commissions
from groups.models import Group
from portal.history import save_with_history

COMMISSION_FIELDS = (
    "title",
    "commissioner",
    "assignee",
    "assignee_description",
    "kind",
    "registry_number",
    "start_date",
    "end_date",
    "signatory_name",
    "signatory_title",
    "signed_on",
)
# Once a commission has left draft, changing anything printed on its paper needs a reason.
TEXT_FIELDS = COMMISSION_FIELDS

# Which status may follow which. Anything else is refused with a Swedish message.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CommissionStatus.DRAFT: (CommissionStatus.DECIDED, CommissionStatus.CANCELLED),
    CommissionStatus.DECIDED: (
        CommissionStatus.REPORTED,
        CommissionStatus.TRANSFERRED,
        CommissionStatus.CANCELLED,
    ),
    CommissionStatus.REPORTED: (CommissionStatus.COMPLETED, CommissionStatus.TRANSFERRED),
    CommissionStatus.COMPLETED: (),
    CommissionStatus.TRANSFERRED: (),
    CommissionStatus.CANCELLED: (),
}
# These record the decision behind them (when decisions are kept in the portal).
DECISION_STATUSES = frozenset(
    {CommissionStatus.DECIDED, CommissionStatus.TRANSFERRED, CommissionStatus.CANCELLED}
)
TRANSITION_VERBS = {
    CommissionStatus.DECIDED: gettext_lazy("Besluta uppdraget"),
    CommissionStatus.REPORTED: gettext_lazy("Markera som avrapporterat"),
    CommissionStatus.COMPLETED: gettext_lazy("Avsluta uppdraget"),
    CommissionStatus.TRANSFERRED: gettext_lazy("Överför till fortlöpande arbete"),
    CommissionStatus.CANCELLED: gettext_lazy("Avbryt uppdraget"),
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def commission_edit_refusal(commission: Commission) -> str | None:
    """Why a commission's text, facts and deliverable plan may not change now, or None. A
    completed, transferred or cancelled commission is a closed record."""
    if not allowed_transitions(commission.status):
        return _("Uppdraget är %(status)s och kan inte längre ändras.") % {
            "status": commission.get_status_display().lower()
        }
    return None


def ensure_commission_editable(commission: Commission) -> None:
    if refusal := commission_edit_refusal(commission):
        raise ValidationError(refusal)


def delivery_refusal(deliverable: Deliverable) -> str | None:
    if deliverable.status == DeliverableStatus.DELIVERED:
        return _("Leveransen är redan markerad som levererad %(date)s.") % {
            "date": deliverable.delivered_on.isoformat()
        }
    return None


@dataclass
class SectionInput:
    """One section as the edit form delivers it, in the wanted order."""

    heading: str
    body: str = ""
    required: bool = False
    id: int | None = None


# --- section templates --------------------------------------------------------------------

SEED_TEMPLATES = [
    {
        "name": "Projektuppdrag",
        "kind": CommissionKind.PROJECT,
        "description": "Tidsbegränsat projekt, som uppdraget till Team Genetik Kalmar (2016).",
        "items": [
            ("Bakgrund", ""),
            ("Syfte och mål", ""),
            ("Uppdrag", ""),
            ("Tidplan", ""),
            ("Avrapportering och beslutspunkter", ""),
            ("Resurser", ""),
        ],
    },
    {
        "name": "Permanent grupp (RAG)",
        "kind": CommissionKind.PERMANENT,
        "description": "Uppdragsbeskrivning för en permanent arbetsgrupp under ett RPO.",
        "items": [
            ("Utgångspunkter", ""),
            ("Uppdrag", ""),
            ("Tidplan och leveranser", ""),
            (
                "Arbetssätt",
                "Arbetsgrupper arbetar processinriktat och utgår från vad som är bäst för "
                "invånarna. Grupperna utformar sina arbetssätt och aktiviteter för att kunna "
                "fullgöra sitt uppdrag.",
            ),
            ("Rapportering", ""),
            ("Sammansättning", ""),
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
                "- förankrar och kommunicerar i sin egen organisation",
            ),
            (
                "Finansiering",
                "Respektive region finansierar sina representanter i arbetsgrupper. "
                "Kostnaderna bör fördelas rättvist mellan regionerna över tid.",
            ),
        ],
    },
]


@transaction.atomic
def ensure_section_templates(*, actor=None) -> int:
    """Create the two templates of the seeds when there are no templates at all.

    Called by the demo data and by the create page, so a fresh installation has templates
    without a data migration. Once any template exists, administrators own them: a renamed or
    removed standard template does not come back.
    """
    created = 0
    if SectionTemplate.objects.exists():
        return created
    for spec in SEED_TEMPLATES:
        template = save_with_history(
            SectionTemplate(name=spec["name"], kind=spec["kind"], description=spec["description"]),
            actor=actor,
            reason=_("Standardmall"),
        )
        for position, (heading, body) in enumerate(spec["items"], start=1):
            save_with_history(
                SectionTemplateItem(
                    template=template, position=position, heading=heading, body=body
                ),
                actor=actor,
                reason=_("Standardmall"),
            )
        created += 1
    return created


@transaction.atomic
def section_template_update(
    *, actor, template: SectionTemplate, items: list[SectionInput], reason: str = "", **fields
) -> SectionTemplate:
    for name in ("name", "kind", "description"):
        if name in fields:
            setattr(template, name, fields[name])
    save_with_history(template, actor=actor, reason=reason or _("Mall ändrad"))
    existing = {item.pk: item for item in template.items.all()}
    _sync_rows(
        actor=actor,
        existing=existing,
        wanted=items,
        make=lambda: SectionTemplateItem(template=template),
        reason=reason or _("Mall ändrad"),
    )
    return template


# --- commissions --------------------------------------------------------------------------


def _validate_sections(sections: list[SectionInput], *, require_text: bool = True) -> None:
    """Every section needs a heading; obligatory ones need text once the commission is more
    than a draft (a draft is written bit by bit)."""
    errors = []
    for section in sections:
        if not section.heading.strip():
            errors.append(_("Varje avsnitt behöver en rubrik."))
        elif require_text and section.required and not section.body.strip():
            errors.append(
                _("Avsnittet ”%(heading)s” är obligatoriskt och får inte vara tomt.")
                % {"heading": section.heading}
            )
    if errors:
        raise ValidationError({"sections": errors})


@transaction.atomic
def commission_create(
    *, actor, template: SectionTemplate | None = None, reason: str = "", **fields
) -> Commission:
    """A new draft commission, with the template's sections (headings and any preset text)."""
    commission = Commission(
        **{name: fields[name] for name in COMMISSION_FIELDS if name in fields},
        status=CommissionStatus.DRAFT,
    )
    save_with_history(commission, actor=actor, reason=reason or _("Uppdrag skapat"))
    if template is not None:
        for item in template.items.order_by("position", "pk"):
            save_with_history(
                CommissionSection(
                    commission=commission,
                    position=item.position,
                    heading=item.heading,
                    body=item.body,
                    required=item.required,
                ),
                actor=actor,
                reason=reason or _("Uppdrag skapat"),
            )
        _renumber(commission.sections.all(), actor=actor, reason=reason or _("Uppdrag skapat"))
    return commission


def _renumber(rows, *, actor, reason: str) -> None:
    for position, row in enumerate(sorted(rows, key=lambda r: (r.position, r.pk)), start=1):
        if row.position != position:
            row.position = position
            save_with_history(row, actor=actor, reason=reason)


def _sync_rows(*, actor, existing: dict, wanted: list[SectionInput], make, reason: str) -> bool:
    """Make the rows (sections or template items) match `wanted`, in order. True if changed."""
    changed = False
    keep = {row.id for row in wanted if row.id is not None}
    for pk, row in existing.items():
        if pk not in keep:
            row._history_user = actor if actor is not None and actor.is_authenticated else None
            row._change_reason = reason
            row.delete()
            changed = True
    for position, data in enumerate(wanted, start=1):
        row = existing.get(data.id) if data.id is not None else None
        if row is None:
            row = make()
        values = {
            "position": position,
            "heading": data.heading.strip(),
            "body": data.body.strip(),
            "required": data.required,
        }
        if row.pk and all(getattr(row, k) == v for k, v in values.items()):
            continue
        for key, value in values.items():
            setattr(row, key, value)
        save_with_history(row, actor=actor, reason=reason)
        changed = True
    return changed


def _text_changed(commission: Commission, fields: dict, sections: list[SectionInput]) -> bool:
    if any(name in fields and getattr(commission, name) != fields[name] for name in TEXT_FIELDS):
        return True
    current = [
        (s.pk, s.heading, s.body.strip(), s.required)
        for s in sorted(commission.sections.all(), key=lambda s: (s.position, s.pk))
    ]
    wanted = [(s.id, s.heading.strip(), s.body.strip(), s.required) for s in sections]
    return current != wanted


@transaction.atomic
def commission_update(
    *,
    actor,
    commission: Commission,
    sections: list[SectionInput] | None = None,
    reason: str = "",
    **fields,
) -> Commission:
    """Change a commission's facts and text. Once decided, a text change needs a reason."""
    Commission.objects.select_for_update().filter(pk=commission.pk).first()
    ensure_commission_editable(commission)
    if sections is None:
        sections = [
            SectionInput(id=s.pk, heading=s.heading, body=s.body, required=s.required)
            for s in commission.sections.all()
        ]
    _validate_sections(sections, require_text=not commission.is_draft)
    reason = reason.strip()
    if not commission.is_draft and not reason and _text_changed(commission, fields, sections):
        raise ValidationError(
            {
                "reason": _(
                    "Uppdraget är %(status)s. Ange varför texten ändras; anledningen sparas i "
                    "historiken."
                )
                % {"status": commission.get_status_display().lower()}
            }
        )
    # Changed sections alone still make a version: its commission row marks it (and its reason).
    parts_changed = _text_changed(commission, {}, sections)
    for name in COMMISSION_FIELDS:
        if name in fields:
            setattr(commission, name, fields[name])
    save_with_history(
        commission, actor=actor, reason=reason or _("Uppdrag ändrat"), parts_changed=parts_changed
    )
    _sync_rows(
        actor=actor,
        existing={s.pk: s for s in commission.sections.all()},
        wanted=sections,
        make=lambda: CommissionSection(commission=commission),
        reason=reason or _("Uppdrag ändrat"),
    )
    return commission


@transaction.atomic
def commission_transition(
    *,
    actor,
    commission: Commission,
    to_status: str,
    on_date: datetime.date | None = None,
    decision: Decision | None = None,
    reason: str = "",
) -> Commission:
    """Move a commission along its lifecycle; only the transitions in TRANSITIONS are allowed."""
    Commission.objects.select_for_update().filter(pk=commission.pk).first()
    commission.refresh_from_db()
    if to_status not in allowed_transitions(commission.status):
        raise ValidationError(
            _("Ett uppdrag med status ”%(from)s” kan inte bli ”%(to)s”.")
            % {
                "from": commission.get_status_display(),
                "to": CommissionStatus(to_status).label
                if to_status in CommissionStatus.values
                else to_status,
            }
        )
    if decision is not None and to_status not in DECISION_STATUSES:
        raise ValidationError(
            {
                "decision": _(
                    "Ett beslut kan bara kopplas när uppdraget beslutas, överförs eller avbryts."
                )
            }
        )
    if to_status == CommissionStatus.DECIDED:
        _validate_sections(
            [
                SectionInput(id=s.pk, heading=s.heading, body=s.body, required=s.required)
                for s in commission.sections.all()
            ]
        )
        if not commission.sections.exists():
            raise ValidationError(_("Uppdraget har ingen text. Skriv minst ett avsnitt först."))
    commission.status = to_status
    commission.status_date = on_date or timezone.localdate()
    if to_status in DECISION_STATUSES:
        commission.decision = decision
    default_reason = _("Status: %(status)s") % {"status": CommissionStatus(to_status).label}
    save_with_history(commission, actor=actor, reason=reason.strip() or default_reason)
    if decision is not None:
        # The decision keeps naming the commission after a later status points elsewhere.
        concerned = [*decision.concerned_commissions.all(), commission]
        decision_link_commissions(actor=actor, decision=decision, commissions=concerned)
    return commission


# --- deliverables -------------------------------------------------------------------------


@transaction.atomic
def deliverable_create(
    *,
    actor,
    commission: Commission,
    title: str,
    due_date: datetime.date,
    recipient: Group | None = None,
    recurrence: str = DeliverableRecurrence.NONE,
    is_final: bool = False,
    note: str = "",
    reason: str = "",
) -> Deliverable:
    ensure_commission_editable(commission)
    deliverable = Deliverable(
        commission=commission,
        title=title,
        due_date=due_date,
        recipient=recipient,
        recurrence=recurrence,
        is_final=is_final,
        note=note,
    )
    return save_with_history(deliverable, actor=actor, reason=reason or _("Leverans planerad"))


@transaction.atomic
def deliverable_update(
    *,
    actor,
    deliverable: Deliverable,
    title: str,
    due_date: datetime.date,
    recipient: Group | None = None,
    recurrence: str = DeliverableRecurrence.NONE,
    is_final: bool = False,
    note: str = "",
    reason: str = "",
) -> Deliverable:
    ensure_commission_editable(deliverable.commission)
    deliverable.title = title
    deliverable.due_date = due_date
    deliverable.recipient = recipient
    deliverable.recurrence = recurrence
    deliverable.is_final = is_final
    deliverable.note = note
    return save_with_history(deliverable, actor=actor, reason=reason or _("Leverans ändrad"))


@transaction.atomic
def deliverable_mark_delivered(
    *,
    actor,
    deliverable: Deliverable,
    delivered_on: datetime.date,
    decision: Decision | None = None,
    document: str = "",
    note: str = "",
) -> tuple[Deliverable, Deliverable | None]:
    """Record a delivery. A yearly deliverable gets its next occurrence, one year later."""
    Deliverable.objects.select_for_update().filter(pk=deliverable.pk).first()
    deliverable.refresh_from_db()
    if refusal := delivery_refusal(deliverable):
        raise ValidationError(refusal)
    if delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": _("Leveransdatum kan inte ligga i framtiden.")})
    deliverable.status = DeliverableStatus.DELIVERED
    deliverable.delivered_on = delivered_on
    deliverable.decision = decision
    deliverable.document = document.strip()
    if note:
        deliverable.note = note.strip()
    save_with_history(deliverable, actor=actor, reason=_("Levererad"))
    next_one = None
    commission = deliverable.commission
    if deliverable.recurrence == DeliverableRecurrence.YEARLY and commission.status in (
        CommissionStatus.DRAFT,
        CommissionStatus.DECIDED,
    ):
        next_due = _add_year(deliverable.due_date)
        if commission.end_date is None or next_due <= commission.end_date:
            next_one = deliverable_create(
                actor=actor,
                commission=commission,
                reason=_("Nästa årliga leverans"),
                title=deliverable.title,
                due_date=next_due,
                recipient=deliverable.recipient,
                recurrence=deliverable.recurrence,
                is_final=deliverable.is_final,
            )
    return deliverable, next_one


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
