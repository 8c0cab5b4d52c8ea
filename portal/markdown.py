"""Markdown for texts written in the portal (commission sections and the like).

A small subset: paragraphs, bullet and numbered lists, bold, italic and links. Rendered by
Python-Markdown and then cleaned by nh3 with an allow-list, so no raw HTML a user types (or
pastes) reaches a page or a PDF. Imports no app.
"""

from __future__ import annotations

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")


def _separate_lists(text: str) -> str:
    """Put a blank line before a list that directly follows a paragraph line.

    People write "Arbetsgruppens deltagare:\\n- representerar …" (seed 002); Markdown would
    otherwise read the list as part of the paragraph.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        # A continuation line of a list item is indented; keep it with its item.
        if (
            _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not previous.startswith((" ", "\t"))
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


# Block syntax outside the subset is read as ordinary text rather than silently dropped.
_UNUSED_BLOCKS = ("hashheader", "setextheader", "code", "quote", "hr")


def _markdown() -> markdown_lib.Markdown:
    # A new instance per call: Markdown objects keep state and are not thread-safe.
    md = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")
    for name in _UNUSED_BLOCKS:
        md.parser.blockprocessors.deregister(name, strict=False)
    return md


def render_markdown(text: str) -> SafeString:
    """Markdown subset → sanitised HTML, safe to put in a page or a PDF."""
    if not text:
        return mark_safe("")
    html = _markdown().convert(_separate_lists(text))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown body (for search and for comparing versions)."""
    return nh3.clean(str(render_markdown(text)), tags=set()).strip()
