"""Hypothesis fills every field of the portal's main forms with long strings, control
characters and NUL, wrong types, out-of-range dates and numbers and hostile markup. The
answer is always the form with errors (nothing written) or success (a redirect), never a
server error, and markup sent is never echoed unescaped."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from governance.services.meetings import meeting_create
from groups.models import GroupKind
from tests.crawl.crawler import parse
from tests.finance.factories import seed_budget
from tests.fuzz.strategies import FUZZ, INJECTIONS, field_values
from tests.governance.factories import TZ, CommissionFactory, DecisionFactory
from tests.groups.factories import GroupFactory, PersonFactory, RegionFactory

pytestmark = pytest.mark.django_db
WRITE_SQL = ("INSERT", "UPDATE", "DELETE")
ALLOWED_WRITES = ('"django_session"', '"audit_auditevent"')


@pytest.fixture
def objects(db):
    committee = GroupFactory(name="Fuzznämnden", kind=GroupKind.COMMITTEE)
    RegionFactory(healthcare_region=committee.healthcare_region)
    meeting = meeting_create(
        actor=None,
        group=committee,
        title="Sammanträde",
        starts_at=datetime.datetime(2025, 5, 6, 13, tzinfo=TZ),
        ends_at=datetime.datetime(2025, 5, 6, 15, tzinfo=TZ),
        place="Regionhuset",
    )
    return {
        "group": committee,
        "person": PersonFactory(),
        "meeting": meeting,
        "decision": DecisionFactory(body=committee),
        "commission": CommissionFactory(commissioner=committee),
        "budget": seed_budget(owner=committee),
    }


FORMS = [
    ("groups:create", None),
    ("groups:edit", "group"),
    ("groups:membership_add", "group"),
    ("groups:person_create", None),
    ("groups:person_edit", "person"),
    ("administration:healthcare_region_create", None),
    ("administration:region_create", None),
    ("governance:commission_create", None),
    ("governance:deliverable_add", "commission"),
    ("governance:meeting_create", "group"),
    ("governance:meeting_edit", "meeting"),
    ("governance:meeting_agenda", "meeting"),
    ("governance:decision_create", None),
    ("governance:decision_edit", "decision"),
    ("governance:decision_follow_up", "decision"),
    ("finance:budget_line_create", "budget"),
    ("finance:revision_opening_balance", "budget"),
]


def the_post_form(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    _, forms = parse(response.content.decode())
    posts = [form for form in forms if form.method == "post" and form.action in ("", url)]
    assert posts, f"{url} has no form posting to itself"
    return max(posts, key=lambda form: len(form.fields))


def bodies(form):
    fields = [item for item in form.fields if item.kind not in ("submit", "button", "file")]
    return st.fixed_dictionaries(
        {item.name: field_values(item.kind, item.options, item.value) for item in fields}
    )


@pytest.mark.parametrize(("name", "kind"), FORMS, ids=[name for name, _ in FORMS])
def test_hostile_input_gets_a_form_error_or_success(admin_client, objects, name, kind):
    url = reverse(name, args=[objects[kind].pk] if kind else [])
    form = the_post_form(admin_client, url)
    client = admin_client  # a server error raises here, with its traceback

    @FUZZ
    @given(body=bodies(form))
    def post(body):
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = client.post(url, body)
            transaction.set_rollback(True)
        assert response.status_code in (200, 302), f"{url}: {response.status_code} to {body!r}"
        html = response.content.decode(errors="replace")
        for injection in INJECTIONS[:3]:
            assert injection not in html, f"{url} echoed {injection!r} unescaped"
        if response.status_code == 200:
            writes = [
                q["sql"][:120]
                for q in queries.captured_queries
                if q["sql"].lstrip().upper().startswith(WRITE_SQL)
                and not any(table in q["sql"] for table in ALLOWED_WRITES)
            ]
            assert not writes, f"{url} refused {body!r} but wrote {writes[0]}"

    post()
