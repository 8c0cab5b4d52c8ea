"""Extension point: apps built on groups add sections to the group page without groups
importing them (dependencies point one way). Each provider takes (group, user) and returns a
dict with 'title', 'template' and its context, computed with a fixed number of queries."""

from collections.abc import Callable

_providers: list[Callable] = []


def register_group_page_section(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def group_page_sections() -> list[Callable]:
    return list(_providers)
