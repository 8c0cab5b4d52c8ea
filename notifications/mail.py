"""Building one message: Swedish subject, a text part and an HTML part from templates."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Recipient:
    """Whom a message goes to: a person of the portal (with or without a login), a guest or
    an external recipient, by name and address."""

    name: str
    email: str
    person: object | None = None
    user: object | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def render_message(template: str, *, subject: str, context: dict) -> Rendered:
    """`template` names a pair under templates/notifications/email/: NAME.txt and NAME.html
    (the HTML extends the e-mail layout). Both get the subject and the context."""
    context = {**context, "subject": subject, "portal_url": absolute_url("/")}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    return Rendered(subject=" ".join(subject.split()), text=text.strip() + "\n", html=html)
