"""What is published: the one definition of the public record, shared by the public register
(this app) and the open data (app `oparl`). Nothing reaches the public side except through
these functions.

- Decisions: decided (not proposals, tabled, referred back, rejected or withdrawn items), and
  approved — recorded on their own, approved at once in the meeting (omedelbar justering), or
  in minutes that are approved (justerade). A decision in unapproved minutes is "ojusterat"
  and not yet an official document.
- Minutes: approved (justerade) minutes of either kind, with their meeting.
- Commissions: every commission past its draft: decided (ongoing), reported, completed,
  transferred to ongoing operations, or cancelled (the decision that ended it is public too).
- Secrecy: an attachment, agenda item or decision marked confidential is kept in the record's
  shape but its content is withheld and replaced by "Sekretessbelagd enligt <ground>".
- Personal data: every free text shown publicly goes through `public_text`, which masks
  Swedish personal identity and coordination numbers. People are shown by name, role and the
  region they represent, never with e-mail or phone.

Signatures here are stable: the oparl app calls them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from governance.models import (
    Attachment,
    Commission,
    CommissionStatus,
    Decision,
    DecisionClause,
    Minutes,
    MinutesStatus,
)
from governance.selectors.decisions import decision_secrecy_mark
from governance.services import rules
from portal.personal_numbers import mask_personal_numbers

PUBLISHED_COMMISSION_STATUSES = (
    CommissionStatus.DECIDED,
    CommissionStatus.REPORTED,
    CommissionStatus.COMPLETED,
    CommissionStatus.TRANSFERRED,
    CommissionStatus.CANCELLED,
)


def public_text(text: str | None) -> str:
    """A free text as it may be shown publicly: personnummer and samordningsnummer masked."""
    return mask_personal_numbers(text or "")


def withheld_label(ground: str) -> str:
    """What stands where withheld content would have been."""
    return _("Sekretessbelagd enligt %(ground)s") % {"ground": ground}


def withheld_text(obj) -> str:
    """ "Sekretessbelagd enligt …" for a confidential object (attachment, agenda item,
    decision), "" for one that is public."""
    return withheld_label(obj.confidentiality_ground) if obj.is_confidential else ""


def published_decision_filter(prefix: str = "") -> Q:
    """The condition for a published decision, usable from related models
    (e.g. `Attachment.objects.filter(published_decision_filter("decision__"))`): decided and
    approved, the same rule that lets an extract be dispatched (governance.services.rules)."""
    return rules.approved_decision_q(prefix)


def published_decisions() -> QuerySet[Decision]:
    """Decided, approved decisions of their bodies, with what a list needs: body, its
    healthcare region, meeting, clauses and attachments (three queries when evaluated).
    Confidential decisions are included: their existence and § are public, their content is
    withheld by `public_decision_text`."""
    return (
        Decision.objects.filter(published_decision_filter())
        .select_related("body", "body__healthcare_region", "meeting", "agenda_item")
        .prefetch_related(
            Prefetch("clauses", queryset=DecisionClause.objects.order_by("position")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk")),
        )
        .order_by("-year", "body__name", "-number", "-pk")
    )


def published_minutes() -> QuerySet[Minutes]:
    """Approved minutes with their meeting, group and healthcare region (one query)."""
    return (
        Minutes.objects.filter(status=MinutesStatus.APPROVED)
        .select_related("meeting", "meeting__group", "meeting__group__healthcare_region")
        .order_by("-meeting__starts_at", "-pk")
    )


def published_commissions() -> QuerySet[Commission]:
    """Commissions past their draft, with commissioner, assignee and region (one query)."""
    return (
        Commission.objects.filter(status__in=PUBLISHED_COMMISSION_STATUSES)
        .select_related("commissioner", "commissioner__healthcare_region", "assignee", "decision")
        .order_by("-start_date", "title", "pk")
    )


@dataclass(frozen=True)
class PublicAttachment:
    """An attachment as the public sees it: its title, or in its place the withheld mark."""

    pk: int
    position: int
    title: str  # masked; "" when withheld
    withheld: str  # "Sekretessbelagd enligt …", or ""
    has_file: bool
    mime_type: str
    size: int | None
    sha512: str

    @property
    def display(self) -> str:
        return self.withheld or self.title


def public_attachment(attachment: Attachment) -> PublicAttachment:
    withheld = withheld_text(attachment)
    return PublicAttachment(
        pk=attachment.pk,
        position=attachment.position,
        title="" if withheld else public_text(attachment.title),
        withheld=withheld,
        has_file=attachment.has_file and not withheld,
        mime_type="" if withheld else attachment.mime_type,
        size=None if withheld else attachment.size,
        sha512="" if withheld else attachment.sha512,
    )


def public_attachments(attachments: Iterable[Attachment]) -> list[PublicAttachment]:
    """Attachments for a public page, in order: the confidential ones replaced by their mark."""
    return [public_attachment(a) for a in attachments]


def downloadable_attachments() -> QuerySet[Attachment]:
    """Attachment files the public may download: not confidential, with a file, of a published
    decision, or of a public agenda item in approved minutes."""
    return (
        Attachment.objects.filter(is_confidential=False)
        .exclude(file="")
        .filter(
            published_decision_filter("decision__")
            | Q(
                agenda_item__is_confidential=False,
                agenda_item__meeting__minutes__status=MinutesStatus.APPROVED,
            )
        )
    )


@dataclass(frozen=True)
class PublicDecisionText:
    """The content of a decision as published: masked, or withheld as a whole."""

    withheld: str  # "Sekretessbelagd enligt …", or ""
    title: str
    case_description: str
    proposal: str
    clauses: list[str]


def decision_withheld_text(decision: Decision) -> str:
    """The mark of a confidential decision, or of a decision under a confidential agenda item
    (the item's secrecy covers what was decided in it); "" when public."""
    return decision_secrecy_mark(decision)


def public_decision_text(decision: Decision) -> PublicDecisionText:
    """Title, case text, proposal and clauses of a decision (clauses and agenda item
    prefetched), masked; a confidential decision keeps only its mark."""
    withheld = decision_withheld_text(decision)
    if withheld:
        return PublicDecisionText(
            withheld=withheld, title=withheld, case_description="", proposal="", clauses=[]
        )
    return PublicDecisionText(
        withheld="",
        title=public_text(decision.title),
        case_description=public_text(decision.case_description),
        proposal=public_text(decision.proposal),
        clauses=[public_text(c.text) for c in decision.clauses.all()],
    )
