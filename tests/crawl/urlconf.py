"""Every URL pattern of the project, read from the URL configuration, so a new view cannot be
left out of the permission matrix."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route for the few unnamed patterns (Django admin's)
    route: str
    namespace: str
    name: str | None
    arguments: tuple[str, ...]  # the names of the pattern's URL arguments, in order
    positional: int = 0  # unnamed regex groups (a few of Django admin's add-ons use them)

    def __str__(self) -> str:
        return self.key


def _arguments(pattern) -> tuple[str, ...]:
    return tuple(pattern.pattern.regex.groupindex)


def _positional(pattern) -> int:
    regex = pattern.pattern.regex
    return regex.groups - len(regex.groupindex)


def url_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...], arguments: tuple[str, ...]):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                space = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry.url_patterns, route, space, arguments + _arguments(entry))
            elif isinstance(entry, URLPattern):
                namespace = ":".join(namespaces)
                key = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(
                    Pattern(
                        key=key if entry.name else route,
                        route=route,
                        namespace=namespace,
                        name=entry.name,
                        arguments=arguments + _arguments(entry),
                        positional=_positional(entry),
                    )
                )

    walk(get_resolver().url_patterns, "", (), ())
    return found
