"""Governance models, one module per subject so each stays small."""

from governance.models.decisions import Decision, DecisionClause, DecisionStatus

__all__ = ["Decision", "DecisionClause", "DecisionStatus"]
