"""Every page of the demo as each demo login sees it, reached by following links from the
dashboard: no server errors, PDFs and spreadsheets that are what they say, a ceiling on any
page's queries, nothing written by a GET, and the important pages reached. Then every form's
target, sent nothing and sent garbage, never answers a server error."""

import logging
import re
from contextlib import contextmanager

import pytest
from django.urls import reverse

from finance.models import Budget
from governance.models import Commission, Decision, Meeting, MinutesStatus
from tests.crawl.conftest import DEMO_LOGINS, demo_client
from tests.crawl.crawler import Form, Page, fuzz

pytestmark = pytest.mark.django_db

NAMND = "Södra Regionvårdsnämnden"
RAG = "RAG Barnonkologi och hematologi"
# The most SQL queries any crawled page runs, as measured on the demo. The detail pages
# (meeting, decision, group) read their parts together (portal.queries.read_together) and
# stay near 10; the heaviest page is now the administrator's dashboard.
HTML_QUERY_CEILING = 18
EXPORT_QUERY_CEILING = 15
# The audit log asks every history table in one UNION ALL and reads its page's rows and what
# their labels name in three more queries, whatever the number of audited models.
AUDIT_PREFIX = "/granskning/"
AUDIT_QUERY_CEILING = 9


def ceiling(page) -> int:
    if page.url.startswith(AUDIT_PREFIX):
        return AUDIT_QUERY_CEILING
    return HTML_QUERY_CEILING if page.is_html else EXPORT_QUERY_CEILING


SPREADSHEET_STARTS = {
    "application/pdf": b"%PDF-",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": b"PK\x03\x04",
}


def _listing(pages: list[Page]) -> str:
    return "\n".join(
        f"  {page.status} {page.url} (linked from {page.referrer or 'the start'}) {page.error}"
        for page in pages
    )


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_no_page_answers_a_server_error(crawls, username):
    failed = crawls[username].failures(lambda page: page.status >= 500)
    assert not failed, f"{username}: {len(failed)} server errors:\n{_listing(failed)}"


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_no_link_leads_to_a_missing_page(crawls, username):
    missing = crawls[username].failures(lambda page: page.status == 404)
    assert not missing, f"{username}: {len(missing)} broken links:\n{_listing(missing)}"


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_pdfs_and_spreadsheets_are_what_they_say(crawls, username):
    def media_type(page):
        return page.content_type.split(";")[0]

    files = crawls[username].failures(lambda page: media_type(page) in SPREADSHEET_STARTS)
    assert {media_type(page) for page in files} == set(SPREADSHEET_STARTS), username
    broken = [
        page
        for page in files
        if page.status != 200
        or not page.body_start.startswith(SPREADSHEET_STARTS[media_type(page)])
    ]
    assert not broken, _listing(broken)


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_no_page_runs_more_queries_than_the_ceiling(crawls, username):
    def too_many(page):
        return page.queries > ceiling(page)

    heavy = crawls[username].failures(too_many)
    assert not heavy, "\n".join(f"  {page.queries} queries: {page.url}" for page in heavy)


def test_the_query_ceiling_is_what_the_heaviest_page_runs(crawls):
    """The ceilings are pinned, not loose: lower them when the heaviest page gets lighter."""
    pages = [page for result in crawls.values() for page in result.pages.values()]
    audit = [page for page in pages if page.url.startswith(AUDIT_PREFIX)]
    others = [page for page in pages if not page.url.startswith(AUDIT_PREFIX)]
    assert max(page.queries for page in others if page.is_html) == HTML_QUERY_CEILING
    assert max(page.queries for page in others if not page.is_html) == EXPORT_QUERY_CEILING
    assert max(page.queries for page in audit) == AUDIT_QUERY_CEILING


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_no_get_writes_to_the_database(crawls, username):
    writing = crawls[username].failures(lambda page: page.writes)
    assert not writing, "\n".join(f"  {page.url}: {page.writes[0]}" for page in writing)


def _important_pages() -> dict[str, set[str]]:
    """Pages each login must reach, so the crawl cannot silently shrink."""
    seed_001 = Decision.objects.get(title__startswith="Överföring av projekt regional")
    seed_004 = Decision.objects.get(title__startswith="Processledarstöd")
    rag_meeting = Meeting.objects.filter(
        group__name=RAG, minutes__status=MinutesStatus.APPROVED
    ).earliest("starts_at")
    budget = Budget.objects.get(owner__name=NAMND)
    commission = Commission.objects.get(title__startswith="Regional arbetsgrupp Barnonkologi")
    everyone = {
        "/",
        reverse("governance:meeting_list"),
        reverse("governance:decision_list"),
        seed_001.get_absolute_url(),
        reverse("governance:decision_pdf", args=[seed_001.pk]),
        reverse("governance:decision_export", args=["csv"]),
        reverse("governance:decision_export", args=["xlsx"]),
        commission.get_absolute_url(),
        reverse("governance:commission_pdf", args=[commission.pk]),
        reverse("finance:budget_list"),
        budget.get_absolute_url(),
        reverse("groups:list"),
    }
    committee_meetings = {  # approved minutes (seed 001) and minutes awaiting approval
        seed_001.meeting.get_absolute_url(),
        reverse("governance:meeting_minutes_pdf", args=[seed_001.meeting_id]),
        seed_004.meeting.get_absolute_url(),
    }
    rag_meetings = {
        rag_meeting.get_absolute_url(),
        reverse("governance:meeting_minutes_pdf", args=[rag_meeting.pk]),
    }
    return {
        "admin": everyone | committee_meetings | rag_meetings | {reverse("groups:create")},
        "sammankallande": everyone
        | rag_meetings
        | {reverse("governance:meeting_create", args=[rag_meeting.group_id])},
        "sekreterare": everyone | committee_meetings | {reverse("governance:decision_create")},
        "justerare": everyone
        | committee_meetings
        | {reverse("governance:meeting_minutes_approve", args=[seed_004.meeting_id])},
        "ledamot": everyone | rag_meetings,
    }


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_the_crawl_reaches_the_important_pages(crawls, username):
    reached = {url for url, page in crawls[username].pages.items() if page.status == 200}
    missing = _important_pages()[username] - reached
    assert not missing, f"{username} did not reach: {sorted(missing)}"


def _one_form_per_kind(forms: dict[str, Form]) -> dict[str, Form]:
    """The same form on many objects (a group's edit form on 74 groups) is tried once."""
    chosen = {}
    for url, form in sorted(forms.items()):
        kind = (re.sub(r"\d+", "N", url), tuple(sorted({item.name for item in form.fields})))
        chosen.setdefault(kind, (url, form))
    return dict(chosen.values())


@contextmanager
def _quiet_request_log():
    """The failures are collected and reported together; Django's log would repeat them."""
    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def _fuzzed(username, forms, method) -> str:
    with _quiet_request_log():
        results = fuzz(demo_client(username), _one_form_per_kind(forms), method=method)
    assert results, f"{username} found no {method} forms"
    failed = [result for result in results if result.status >= 500]
    return "\n".join(
        f"  {method.upper()} {r.url} ({r.body}; form on {r.page}): {r.error}" for r in failed
    )


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_empty_or_garbage_posts_never_answer_a_server_error(crawls, plain_templates, username):
    """Each POST is rolled back, so every login's forms are tried on the untouched demo."""
    failed = _fuzzed(username, crawls[username].post_forms, "post")
    assert not failed, f"{username}:\n{failed}"


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_garbage_in_search_and_filter_forms_never_answers_a_server_error(
    crawls, plain_templates, username
):
    failed = _fuzzed(username, crawls[username].get_forms, "get")
    assert not failed, f"{username}:\n{failed}"
