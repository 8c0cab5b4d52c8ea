"""The help pages' screenshots: each one a page refers to is in static/help/ (written by the
browser journeys with HELP_SCREENSHOTS=write), shown as a figure with a Swedish text
alternative and caption; none lies there unused."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from portal.views.pages import HELP_PAGES

ROOT = Path(__file__).resolve().parents[2]
HELP_IMAGES = ROOT / "static" / "help"
FIGURE = re.compile(
    r'<figure class="help-figure">\s*<img src="([^"]+)" alt="([^"]*)"[^>]*>\s*'
    r"<figcaption>([^<]+)</figcaption>"
)


def _figures(html: str) -> list[tuple[str, str, str]]:
    return FIGURE.findall(html)


@pytest.mark.parametrize("role", list(HELP_PAGES))
def test_each_help_page_shows_screenshots_that_exist(user_client, role):
    html = user_client.get(reverse("help_page", args=[role])).content.decode()
    figures = _figures(html)
    assert 2 <= len(figures) <= 4, role
    for src, alt, caption in figures:
        name = re.search(r"/help/([\w-]+)\.[0-9a-f]*\.?png$|/help/([\w-]+\.png)$", src)
        assert name, src
        stem = name.group(1) or name.group(2).removesuffix(".png")
        path = HELP_IMAGES / f"{stem}.png"
        assert path.is_file(), f"{path} is missing: run the journeys with HELP_SCREENSHOTS=write"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 150_000, f"{path.name} is not optimised"
        assert len(alt) > 30 and len(caption) > 20  # says what the picture shows, in words
        assert re.search(r"[åäöÅÄÖ]| och | på | med ", alt + caption), (alt, caption)


def test_every_help_image_is_used_by_a_help_page():
    templates = "".join(p.read_text() for p in (ROOT / "templates/portal/help").glob("*.html"))
    used = set(re.findall(r'image="help/([\w-]+\.png)"', templates))
    assert used == {p.name for p in HELP_IMAGES.glob("*.png")}
