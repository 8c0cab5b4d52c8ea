"""The permission matrix: every URL pattern of the URL configuration, opened by GET and sent an
empty POST by every role, answers what tests/crawl/permissions.py expects, and a refused POST
writes nothing. A pattern with no entry in the table fails."""

import copy
import logging
import sys

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import portal.pdf
from tests.crawl import permissions
from tests.crawl.matrix_world import ANONYMOUS, ROLES, build_world
from tests.crawl.urlconf import url_patterns
from tests.two_factor import verify_session

pytestmark = pytest.mark.django_db

PATTERNS = url_patterns()
WRITE_SQL = ("INSERT", "UPDATE", "DELETE")
# What any request may write: the session, and the audit log's event (a login, a logout).
SESSION_AND_EVENTS = ('"django_session"', '"audit_auditevent"')


@pytest.fixture(scope="module")
def world(demo_site, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    made = {ANONYMOUS: Client(raise_request_exception=False)}
    with django_db_blocker.unblock():
        for role in ROLES[1:]:
            made[role] = Client(raise_request_exception=False)
            made[role].force_login(world.users[role])
            # Module scope comes before tests/conftest.py's function-scoped patch of
            # force_login: verify the second factor here, as a person would have.
            verify_session(made[role], world.users[role])
    return made


@pytest.fixture(scope="module")
def no_pdf_layout():
    """Access is the question here, not layout: WeasyPrint is not run (tests/governance and
    the crawl render the documents)."""
    original = portal.pdf.html_to_pdf
    holders = [m for m in list(sys.modules.values()) if getattr(m, "html_to_pdf", None) is original]
    for module in holders:
        module.html_to_pdf = lambda html, info, *, base_url=None: b"%PDF-1.7 matrix"
    yield
    for module in holders:
        module.html_to_pdf = original


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith((reverse(settings.LOGIN_URL), reverse("admin:login"))):
            return permissions.LOGIN
        return permissions.REDIRECT
    return str(status)


def request(client: Client, method: str, url: str) -> tuple[str, list[str]]:
    """The outcome and the rows written, inside a savepoint always rolled back (the client's
    cookies too: a POST to a logout page must not log the role out for the next one)."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    writes = [
        q["sql"][:160]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITE_SQL)
        and not any(table in q["sql"] for table in SESSION_AND_EVENTS)
    ]
    return outcome(response), writes


@pytest.fixture(scope="module")
def quiet_request_log():
    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.CRITICAL)
    yield
    log.setLevel(level)


def test_every_url_pattern_has_an_entry_in_the_table():
    missing = [pattern.key for pattern in PATTERNS if permissions.entry_for(pattern) is None]
    assert not missing, "No expectation in tests/crawl/permissions.py for:\n  " + "\n  ".join(
        missing
    )


def test_the_table_names_no_pattern_that_is_gone():
    keys = {pattern.key for pattern in PATTERNS}
    assert set(permissions.TABLE) <= keys, sorted(set(permissions.TABLE) - keys)


@pytest.mark.parametrize("pattern", PATTERNS, ids=str)
def test_every_role_gets_what_the_table_says(
    pattern, world, clients, no_pdf_layout, quiet_request_log
):
    entry = permissions.entry_for(pattern)
    assert entry is not None, f"{pattern.key} ({pattern.route}) has no entry in the table"
    url = permissions.url_for(pattern, entry, world.ids)
    wrong = []
    for method in ("get", "post"):
        expected = entry.expectations(method)
        for role in ROLES:
            got, writes = request(clients[role], method, url)
            if got != expected[role]:
                wrong.append(f"{method.upper()} {role}: expected {expected[role]}, got {got}")
            elif got in permissions.REFUSED and writes:
                wrong.append(f"{method.upper()} {role}: refused ({got}) but wrote {writes[0]}")
    assert not wrong, f"{pattern.key} {url}:\n  " + "\n  ".join(wrong)
