"""The demo, loaded once for this package by the commands `make run` uses, and one crawl per
demo login. Everything happens inside one transaction rolled back at the end, so the other
tests see an empty database; each test here runs in a savepoint of it."""

import io
import logging
import sys

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.template import Template
from django.test import Client
from django.test.utils import _TestState, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

import portal.pdf
from tests.conftest import DEMO_PASSWORD
from tests.crawl.crawler import crawl
from tests.two_factor import login_through_form

DEMO_LOGINS = ["admin", "sammankallande", "sekreterare", "justerare", "ledamot"]
# Pages of one kind (the same page of another object, e.g. /grupper/N/andra/) each login
# opens at most, and lists with the same filters set to other values. Breadth first, so a
# login's own groups and meetings (linked from the dashboard) come first; the demo has fewer
# meetings, decisions, commissions and budgets than this, so all of those are crawled.
PER_KIND = 12
PER_FILTER = 2
# Every login opens every group's page it reaches (the organisation is open to all); the
# administrator also every person's page.
EVERY_OBJECT = {
    "admin": frozenset({"/grupper/N/", "/grupper/personer/N/"}),
    **{login: frozenset({"/grupper/N/"}) for login in DEMO_LOGINS if login != "admin"},
}


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo as `make demo` loads it; yields what ensure_demo_admin printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        ContentType.objects.clear_cache()
        call_command("sync_group_permissions", stdout=io.StringIO())
        call_command("load_demo", verbosity=0)
        output = io.StringIO()
        call_command("ensure_demo_admin", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


def demo_client(username: str) -> Client:
    """Logged in with the password the demo prints; server errors come back as 500 pages."""
    client = Client(raise_request_exception=False)
    # Through the login form, as a person signs in (the lockout backend needs the request),
    # then the code from the demo's authenticator app.
    response = login_through_form(client, username, DEMO_PASSWORD)
    assert response.status_code == 302, f"{username} could not log in"
    assert client.session.get(DEVICE_ID_SESSION_KEY), f"{username} gave no second factor"
    return client


@pytest.fixture(scope="module")
def plain_templates():
    """Templates render without the test client's instrumentation, which copies the context
    of every template rendered (each form widget is one) and doubles a form page's time. The
    crawl never looks at response.context."""
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    yield
    Template._render = instrumented


@pytest.fixture(scope="module")
def pdf_once():
    """Each distinct document is laid out by WeasyPrint once per crawl. The five logins fetch
    the same PDFs; the views, access checks and templates still run for every one of them, and
    WeasyPrint's output depends only on the HTML."""
    original = portal.pdf.html_to_pdf
    made: dict[tuple[str, str | None], bytes] = {}

    def html_to_pdf(html, info, *, base_url=None):
        if (html, base_url) not in made:
            made[html, base_url] = original(html, info, base_url=base_url)
        return made[html, base_url]

    # Modules that imported the function by name get the wrapper too.
    holders = [m for m in list(sys.modules.values()) if getattr(m, "html_to_pdf", None) is original]
    for module in holders:
        module.html_to_pdf = html_to_pdf
    yield
    for module in holders:
        module.html_to_pdf = original


@pytest.fixture(scope="module")
def crawls(demo_site, pdf_once, plain_templates, django_db_blocker):
    """Every demo login's crawl from the dashboard. A failed request is a 500 page here, with
    its exception kept on the page record; Django's request log would only repeat it."""
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.CRITICAL)
    try:
        # The session notes its last activity once a minute, a save of three queries on
        # whichever request falls then: the ceilings measure the pages, not the clock.
        with django_db_blocker.unblock(), override_settings(SESSION_ACTIVITY_RESOLUTION=10**9):
            return {
                username: crawl(
                    demo_client(username),
                    per_kind=PER_KIND,
                    per_filter=PER_FILTER,
                    every=EVERY_OBJECT.get(username, frozenset()),
                )
                for username in DEMO_LOGINS
            }
    finally:
        request_log.setLevel(level)
