"""Extension point: apps built on governance add sections to the meeting and decision pages
without governance importing them (dependencies point one way), like groups.registry. Each
provider takes (object, user, actions) — the page's flags from governance.access.actions —
and returns a dict with 'template' and its context, computed
with a fixed number of queries, or None to add nothing."""

from collections.abc import Callable

_meeting_providers: list[Callable] = []
_decision_providers: list[Callable] = []


def register_meeting_page_section(provider: Callable) -> Callable:
    if provider not in _meeting_providers:
        _meeting_providers.append(provider)
    return provider


def register_decision_page_section(provider: Callable) -> Callable:
    if provider not in _decision_providers:
        _decision_providers.append(provider)
    return provider


def meeting_page_sections(meeting, user, actions) -> list[dict]:
    return [s for s in (provider(meeting, user, actions) for provider in _meeting_providers) if s]


def decision_page_sections(decision, user, actions) -> list[dict]:
    return [s for s in (provider(decision, user, actions) for provider in _decision_providers) if s]
