"""Small helpers to read settings from the environment (12-factor)."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


LOCKOUT_FIELDS = {"username", "ip_address"}


def lockout_parameters(values: list[str]) -> list[str | list[str]]:
    """django-axes lockout parameters from `username,ip_address` (either locks) or
    `username+ip_address` (only the pair locks)."""
    parameters: list[str | list[str]] = []
    for value in values:
        parts = [part.strip() for part in value.split("+") if part.strip()]
        if not parts or not set(parts) <= LOCKOUT_FIELDS:
            raise ImproperlyConfigured(
                f"LOGIN_LOCKOUT_PARAMETERS: {value!r} is not username, ip_address or "
                "username+ip_address."
            )
        parameters.append(parts[0] if len(parts) == 1 else parts)
    return parameters
