"""Readable inline differences between two versions of a text, as <ins>/<del> HTML.

Word-level: a changed word is marked, not the whole paragraph. Every piece of text is escaped;
only the <ins>/<del> markup is ours. Imports no app.
"""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def inline_diff(old: str, new: str) -> SafeString:
    """HTML with deleted words in <del> and inserted words in <ins>."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return mark_safe("".join(parts))


def has_changes(old: str, new: str) -> bool:
    return (old or "") != (new or "")
