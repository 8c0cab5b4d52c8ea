"""Text search in the decision register.

A simple version (case-insensitive containment); the "search" work replaces it with Swedish
full-text search under the same name and signature."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from governance.models import Decision, DecisionClause


def filter_decisions_by_text(queryset: QuerySet[Decision], text: str) -> QuerySet[Decision]:
    """The decisions whose title, case text, clauses or diarienummer contain the text."""
    text = " ".join((text or "").split())
    if not text:
        return queryset
    clause_match = DecisionClause.objects.filter(decision=OuterRef("pk"), text__icontains=text)
    return queryset.filter(
        Q(title__icontains=text)
        | Q(case_description__icontains=text)
        | Q(registry_number__icontains=text)
        | Exists(clause_match)
    )
