"""Fetch motions and conflicts of interest for a change: the right to change their decision."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from governance.access.meetings import decision_for_update
from governance.models import Motion, Recusal


def motion_for_update(motion_id: int, *, user) -> Motion:
    motion = get_object_or_404(
        Motion.objects.select_related("decision", "attendance__person"), pk=motion_id
    )
    motion.decision = decision_for_update(motion.decision_id, user=user)
    return motion


def recusal_for_update(recusal_id: int, *, user) -> Recusal:
    recusal = get_object_or_404(
        Recusal.objects.select_related("decision", "attendance__person"), pk=recusal_id
    )
    recusal.decision = decision_for_update(recusal.decision_id, user=user)
    return recusal
