"""Absolute URLs of OParl objects: an object's `id` is the URL that serves it."""

from __future__ import annotations

from django.urls import reverse


class Urls:
    """Builds absolute URLs from a base ("https://portal.example.se") and URL names."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def __call__(self, name: str, *args) -> str:
        return self.base + reverse(f"oparl:{name}", args=args)

    def page(self, name: str, *args) -> str:
        """A page or document outside the API (e.g. the public register's)."""
        return self.base + reverse(name, args=args)

    def absolute(self, path: str) -> str:
        return self.base + path
