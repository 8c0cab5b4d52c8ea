"""File names for every download the portal makes (PDFs, CSV and XLSX exports)."""

from __future__ import annotations

from django.utils.http import content_disposition_header
from django.utils.text import slugify

MAX_STEM = 80


def download_filename(*parts, extension: str, max_length: int = MAX_STEM) -> str:
    """`uppdrag-12-regional-arbetsfordelning.pdf`: the parts as one ASCII slug (å → a), cut
    at a word boundary so that no word is cut off ("arbetsfördelning", never "arbetsför")."""
    stem = slugify(" ".join(str(part) for part in parts if part not in (None, "")))
    if len(stem) > max_length:
        cut = stem[: max_length + 1]
        stem = cut.rsplit("-", 1)[0] if "-" in cut else stem[:max_length]
    return f"{stem.strip('-') or 'dokument'}.{extension}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition header of a download (RFC 6266, with filename* if needed)."""
    return content_disposition_header(not inline, filename)
