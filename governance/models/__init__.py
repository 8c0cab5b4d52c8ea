"""Governance models, one module per subject so each stays small."""

from governance.models.commissions import (
    Commission,
    CommissionKind,
    CommissionSection,
    CommissionStatus,
    Deliverable,
    DeliverableRecurrence,
    DeliverableStatus,
    SectionTemplate,
    SectionTemplateItem,
)
from governance.models.decisions import Decision, DecisionClause, DecisionStatus

__all__ = [
    "Commission",
    "CommissionKind",
    "CommissionSection",
    "CommissionStatus",
    "Decision",
    "DecisionClause",
    "DecisionStatus",
    "Deliverable",
    "DeliverableRecurrence",
    "DeliverableStatus",
    "SectionTemplate",
    "SectionTemplateItem",
]
