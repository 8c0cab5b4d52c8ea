"""Helpers shared by the tests."""

import io
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """Fetch a page (it must answer 200) and return how many SQL queries it ran."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_page_queries(client, url: str, expected: int) -> None:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    queries = "\n".join(q["sql"] for q in context.captured_queries)
    assert len(context.captured_queries) == expected, (
        f"{url} ran {len(context.captured_queries)} queries, expected {expected}:\n{queries}"
    )


class _FormFields(HTMLParser):
    """The values a browser would send for the first POST form with the given action
    ("" for a form that posts to its own page)."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.done = False
        self.data: list[tuple[str, str]] = []
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("method", "").lower() == "post":
            self.inside = attrs.get("action", "") == self.action
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the one newline right after <textarea>.
            self.data.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def form_data(html: str, action: str = "") -> dict[str, list[str]]:
    """What submitting a page's POST form unchanged would send, as data for client.post."""
    parser = _FormFields(action)
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    return data


def pdf_bytes(*, pages: int = 1, password: str = "", padding: int = 0) -> bytes:
    """A real PDF (what the upload checks accept), `pages` blank A4 pages; `padding` random
    bytes (as hex in the metadata) make it large and unique."""
    import os

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if padding:
        writer.add_metadata({"/Padding": os.urandom(padding // 2).hex()})
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def recorded_on(day: str):
    """Travel to noon (Stockholm) of an ISO day, so history rows written inside carry it."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    noon = datetime.datetime.fromisoformat(day).replace(
        hour=12, tzinfo=ZoneInfo("Europe/Stockholm")
    )
    return time_machine.travel(noon)
