"""A breadth-first crawler for the Django test client: follows the internal links a user can
see, records each page's status, content type, SQL queries and any write, and collects the
forms on the pages so their targets can be sent empty and garbage input."""

from __future__ import annotations

import copy
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

# Never followed: leaving the session, static files, and Django's own admin (not linked).
SKIPPED_PREFIXES = ("/konto/logga-ut/", "/static/", "/media/", "/admin/")
WRITE_SQL = ("INSERT", "UPDATE", "DELETE")
# What a GET may write: the session's activity stamp, and the audit log's record that a
# document or export was issued (issue 14: PDFs and exports are accountable events).
ALLOWED_WRITES = ('"django_session"', 'INSERT INTO "audit_auditevent"')


@dataclass
class FormField:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: list[FormField] = field(default_factory=list)
    page: str = ""


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    queries: int
    seconds: float
    referrer: str
    body_start: bytes = b""
    error: str = ""
    writes: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: FormField | None = None
        self._option: dict | None = None
        self._textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = Form(
                method=attributes.get("method", "get").lower(),
                action=attributes.get("action", ""),
            )
            self.forms.append(self._form)
        elif self._form is None or "name" not in attributes:
            if tag == "option" and self._select is not None:
                self._start_option(attributes)
        elif tag in ("input", "button"):
            kind = attributes.get("type", "text" if tag == "input" else "submit").lower()
            self._form.fields.append(
                FormField(
                    name=attributes["name"],
                    kind=kind,
                    value=attributes.get("value", ""),
                    checked="checked" in attributes,
                )
            )
        elif tag == "select":
            multiple = "multiple" in attributes
            self._select = FormField(
                name=attributes["name"], kind="select-multiple" if multiple else "select"
            )
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = FormField(name=attributes["name"], kind="textarea")
            self._form.fields.append(self._textarea)

    def _start_option(self, attributes):
        self._end_option()  # </option> may be left out
        self._option = {
            "value": attributes.get("value"),
            "text": "",
            "selected": "selected" in attributes,
        }

    def _end_option(self):
        option, self._option = self._option, None
        if option is None or self._select is None:
            return
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self._select.options.append(value)
        if option["selected"]:
            self._select.selected.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._end_option()
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option":
            self._end_option()


def parse(html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.links, parser.forms


def internal_path(href: str, base: str) -> str | None:
    """The path and query of an internal link, or None for external, fragment-only, mailto or
    skipped links."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "") or parts.netloc not in ("testserver", ""):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def default_query(form: Form) -> str:
    """What a browser sends for a GET form left as it is (submit buttons not pressed)."""
    pairs = []
    for item in form.fields:
        if item.kind in ("submit", "button", "image", "reset", "file"):
            continue
        if item.kind in ("checkbox", "radio"):
            if item.checked:
                pairs.append((item.name, item.value or "on"))
        elif item.kind.startswith("select"):
            chosen = item.selected or item.options[:1]
            if item.kind == "select-multiple":
                chosen = item.selected
            pairs.extend((item.name, value) for value in chosen)
        else:
            pairs.append((item.name, item.value))
    return urlencode(pairs)


@dataclass
class Crawl:
    pages: dict[str, Page] = field(default_factory=dict)
    post_forms: dict[str, Form] = field(default_factory=dict)
    get_forms: dict[str, Form] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: int = 0  # links not followed: more of a kind than the crawl takes

    def failures(self, predicate) -> list[Page]:
        return [page for page in self.pages.values() if predicate(page)]


def url_kind(url: str) -> str:
    """The page a URL shows, whatever the objects and filter values: `/grupper/N/?kind`."""
    path, _, query = url.partition("?")
    keys = sorted({pair.partition("=")[0] for pair in query.split("&") if pair})
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


def crawl(
    client,
    start: str = "/",
    *,
    per_kind: int | None = None,
    per_filter: int | None = None,
    every: frozenset[str] = frozenset(),
) -> Crawl:
    """Every page reachable from `start` by GET, breadth first, each URL once. At most
    `per_kind` URLs of one kind (the same page of another object, see `url_kind`) unless the
    kind is in `every`, and at most `per_filter` of one kind with a query string (the same
    list filtered by another value)."""
    result = Crawl()
    queue = deque([(start, "")])
    seen = {start}
    kinds: Counter[str] = Counter()
    began = time.perf_counter()
    while queue:
        url, referrer = queue.popleft()
        page, links, forms = fetch(client, url, referrer)
        result.pages[url] = page
        for form in forms:
            target = internal_path(form.action or url, url)
            if target is None:
                continue
            form.page = url
            if form.method == "post":
                result.post_forms.setdefault(target, form)
            else:
                result.get_forms.setdefault(target.split("?")[0], form)
                query = default_query(form)
                links.append(target.split("?")[0] + (f"?{query}" if query else ""))
        for href in links:
            target = internal_path(href, url)
            if target is None or target in seen:
                continue
            seen.add(target)
            kind = url_kind(target)
            limit = per_filter if "?" in kind else None if kind in every else per_kind
            if limit is not None and kinds[kind] >= limit:
                result.skipped += 1
                continue
            kinds[kind] += 1
            queue.append((target, url))
    result.seconds = time.perf_counter() - began
    return result


def fetch(client, url: str, referrer: str) -> tuple[Page, list[str], list[Form]]:
    connection.queries_log.clear()  # a full log (9,000 entries) would hide the new queries
    began = time.perf_counter()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    seconds = time.perf_counter() - began
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    page = Page(
        url=url,
        status=response.status_code,
        content_type=content_type,
        queries=len(context.captured_queries),
        seconds=seconds,
        referrer=referrer,
        body_start=body[:8],
        error=_error(response),
        writes=[
            q["sql"]
            for q in context.captured_queries
            if q["sql"].lstrip().upper().startswith(WRITE_SQL)
            and not any(allowed in q["sql"] for allowed in ALLOWED_WRITES)
        ],
    )
    links: list[str] = []
    forms: list[Form] = []
    if response.status_code in (301, 302, 303, 307, 308):
        links.append(response["Location"])
    elif page.is_html and response.status_code == 200:
        links, forms = parse(body.decode(response.charset or "utf-8"))
    return page, links, forms


def _error(response) -> str:
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    return f"{exc_info[0].__name__}: {exc_info[1]}"


# Garbage for a field of each kind: long text with NUL and control characters, words where
# numbers and dates belong, and values no choice list has.
LONG = "Å" * 20_000
CONTROL = "nul\x00bell\x07esc\x1b\r\n\ttab"


def garbage_values(item: FormField) -> list[str]:
    if item.kind == "number":
        return ["inte ett tal", "1e999", "-99999999999999999999999"]
    if item.kind in ("date", "datetime-local", "time", "month"):
        return ["2024-13-45", "igår"]
    if item.kind in ("checkbox", "radio"):
        return ["kanske"]
    if item.kind.startswith("select"):
        return ["okänt-val", "99999999999999999999", "-1"]
    if item.kind == "hidden":
        return [CONTROL, "9999-99-99T99:99:99"]
    if item.kind == "file":
        return []
    return [LONG + CONTROL]


def garbage_body(form: Form, variant: int) -> dict[str, list[str]]:
    """Variant n takes the n-th garbage value of each field (cycling), so two or three posts
    cover every kind of bad value of every field."""
    body: dict[str, list[str]] = {}
    for item in form.fields:
        values = garbage_values(item)
        if values:
            body.setdefault(item.name, []).append(values[variant % len(values)])
    return body


@dataclass
class FuzzResult:
    url: str
    body: str
    status: int
    error: str = ""
    page: str = ""


def post_rolled_back(client, url: str, data: dict) -> tuple[int, str]:
    """POST inside a savepoint that is always rolled back; the client's cookies (session,
    language) are restored too, so the crawl's data and login stay as they were."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.post(url, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response.status_code, _error(response)


def fuzz(client, forms: dict[str, Form], *, method: str, variants: int = 3) -> list[FuzzResult]:
    """Each form's target, sent nothing and then garbage in every field (POSTs rolled back)."""
    results = []
    for url, form in sorted(forms.items()):
        bodies = [("empty", {})] + [
            (f"garbage {n + 1}", garbage_body(form, n)) for n in range(variants)
        ]
        for label, data in bodies:
            if method == "post":
                status, error = post_rolled_back(client, url, data)
            else:
                response = client.get(url, data)
                status, error = response.status_code, _error(response)
            results.append(FuzzResult(url, label, status, error, form.page))
    return results
