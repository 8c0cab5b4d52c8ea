"""Where the public reads the announced minutes: the one hook between the notice board and the
public register (app `public`, at /offentligt/)."""

from __future__ import annotations

from django.urls import reverse


def public_minutes_url(minutes) -> str:
    """The public register's page of the approved minutes. Costs no query: every minutes on
    the board are approved formal minutes, which the register publishes."""
    return reverse("public:minutes", args=[minutes.pk])
