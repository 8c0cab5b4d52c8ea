"""HOOK for the notifications app's dispatches (kallelse and reminders sent for meetings).

The dispatch models are built on another branch. When they arrive, generate their rows here
from the meetings already written, with history rows through `ctx.writer`, and add their
counts to tests/scale. Until then this writes nothing and says why.
"""

from __future__ import annotations

from django.apps import apps

from scale.context import Context


def generate_dispatches(ctx: Context) -> str:
    """What was done about dispatches, for the command's summary."""
    if not apps.is_installed("notifications"):
        return "inga utskick: appen notifications finns inte ännu"
    return "inga utskick: generatorn för notifications är inte skriven ännu (scale/dispatches.py)"
