"""The audit log at /granskning/: every history row of every app and every login, lockout,
export and PDF, for administrators, filtered, paged and exported as CSV."""

import csv
import datetime
import io

import pytest
import time_machine
from django.test import Client

from audit.models import AuditEvent
from audit.sources import history_sources
from governance.services import decisions as decision_services
from groups import services as group_services
from tests.governance.factories import DecisionFactory, MeetingFactory
from tests.groups.factories import PASSWORD, GroupFactory, PersonFactory, UserFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db

LOG = "/granskning/"
EXPORT = "/granskning/export.csv"


def shown(response) -> list[tuple[str, str]]:
    """(action, object) of each row on the page."""
    return [(row.action, row.object_label) for row in response.context["page"].rows]


def rows_of(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_every_model_with_history_is_a_source():
    keys = {source.key for source in history_sources()}
    assert {"groups.group", "groups.person", "governance.decision", "finance.budget"} <= keys
    assert "governance.decisionclause" in keys
    # A many-to-many history table is shown through its owner (the decision), not on its own.
    assert not any("concerned" in key for key in keys)


def test_the_log_shows_changes_from_every_app_and_events(admin_client, admin_user):
    group = group_services.group_create(
        actor=admin_user,
        name="RAG Granskning",
        kind="rag",
        healthcare_region=GroupFactory().healthcare_region,
        start_date=datetime.date(2024, 1, 1),
    )
    decision_services.decision_record(
        actor=admin_user,
        body=group,
        title="Om spårbarhet",
        clauses=["att allt ska gå att följa"],
        decision_date=datetime.date(2025, 2, 3),
    )
    Client().post("/konto/logga-in/", {"username": "admin", "password": "fel"})
    response = admin_client.get(LOG)
    rows = shown(response)
    assert ("+", "RAG Granskning") in rows  # groups.Group
    assert ("+", "§ 1 Om spårbarhet") in rows  # governance.Decision, labelled with its §
    assert ("+", "att allt ska gå att följa") in rows  # its clause
    assert ("login_failed", "") in rows
    assert ("login", "") in rows  # the administrator's own login
    content = response.content.decode()
    assert "Beslut registrerat" in content and "Anna Administratör" in content
    assert "Misslyckad inloggning" in content and "192.0.2" not in content


def test_filters(admin_client, admin_user):
    other = UserFactory(username="bertil", first_name="Bertil", last_name="Beslut")
    body = GroupFactory(name="Nämnden")
    with time_machine.travel(datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC)):
        first = decision_services.decision_record(
            actor=admin_user, body=body, title="Januaribeslut", clauses=["att a"]
        )
    with time_machine.travel(datetime.datetime(2025, 2, 10, 12, tzinfo=datetime.UTC)):
        second = decision_services.decision_record(
            actor=other, body=body, title="Februaribeslut", clauses=["att b"]
        )
        decision_services.decision_update(
            actor=other, decision=second, title="Februari, ändrat", reason="Rättad rubrik"
        )

    def page(**query):
        return shown(admin_client.get(LOG, query))

    assert set(page(user=other.pk)) == {
        ("+", "§ 2 Februaribeslut"),
        ("~", "§ 2 Februari, ändrat"),
        ("+", "att b"),
    }
    assert page(object_type="governance.decision") == [
        ("~", "§ 2 Februari, ändrat"),
        ("+", "§ 2 Februaribeslut"),
        ("+", "§ 1 Januaribeslut"),
    ]
    assert page(object_type="governance.decision", object_id=first.pk) == [
        ("+", "§ 1 Januaribeslut")
    ]
    assert page(action="~") == [("~", "§ 2 Februari, ändrat")]
    january = page(date_from="2025-01-01", date_to="2025-01-31")
    assert set(january) == {("+", "§ 1 Januaribeslut"), ("+", "att a")}
    assert {action for action, _label in page(action="login")} == {"login"}
    refused = admin_client.get(LOG, {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert "Slutdatum kan inte vara före startdatum." in refused.content.decode()


def test_paging_goes_back_in_time_without_gaps(admin_client):
    with time_machine.travel(datetime.datetime(2025, 1, 1, 8, tzinfo=datetime.UTC)) as clock:
        for n in range(60):
            clock.shift(datetime.timedelta(seconds=1))
            PersonFactory(first_name="Person", last_name=f"Nr{n:02d}")
    first = admin_client.get(LOG, {"object_type": "groups.person"})
    names = [f"Person Nr{n:02d}" for n in range(60)]
    page_one = first.content.decode()
    assert names[59] in page_one and names[10] in page_one and names[9] not in page_one
    next_url = first.context["page"].next_cursor
    second = admin_client.get(LOG, {"object_type": "groups.person", "efter": next_url})
    page_two = second.content.decode()
    assert all(name in page_two for name in names[:10])
    assert names[10] not in page_two
    assert not second.context["page"].next_cursor
    assert "Senaste händelserna" in page_two


def test_only_administrators(user_client):
    assert user_client.get(LOG).status_code == 403
    assert user_client.get(EXPORT).status_code == 403
    assert Client().get(LOG).status_code == 302


def test_administrators_find_it_in_the_navigation(admin_client, user_client):
    assert 'href="/granskning/"' in admin_client.get("/").content.decode()
    assert 'href="/granskning/"' not in user_client.get("/").content.decode()


def test_csv_export_is_semicolon_separated_and_formula_safe(admin_client, admin_user):
    group = GroupFactory(name='=HYPERLINK("http://x")')
    group_services.group_update(actor=admin_user, group=group, description="ny", reason="@SUM")
    response = admin_client.get(EXPORT, {"object_type": "groups.group"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="granskningslogg-')
    rows = rows_of(response)
    assert rows[0][:4] == ["Tid", "Användare", "Användarnamn", "Händelse"]
    changed = rows[1]
    assert changed[1] == "Anna Administratör" and changed[3] == "Ändrad"
    assert changed[6] == '\'=HYPERLINK("http://x")'
    assert changed[7] == "'@SUM"
    assert rows[2][3] == "Skapad"
    # The export itself is in the log.
    assert AuditEvent.objects.filter(kind="export", user=admin_user).exists()


def grow(n):
    body = GroupFactory()
    meeting = MeetingFactory(group=body)
    for i in range(n):
        DecisionFactory(body=body, meeting=meeting, title=f"Beslut {i}")
        person = PersonFactory()
        group_services.person_update(actor=None, person=person, title=f"Titel {i}")
        AuditEvent.objects.create(kind="login", username=f"u{i}")


def test_the_page_runs_the_same_queries_at_any_size(admin_client):
    # Session, user, administrator group, the user filter's choices; the page's keys over
    # every history table (one UNION ALL), its history rows, the objects they name and those
    # objects' own (three queries whatever kinds of object are shown), and its events.
    grow(2)
    assert page_queries(admin_client, LOG) == 4 + 1 + 3 + 1
    grow(30)
    assert page_queries(admin_client, LOG) == 4 + 1 + 3 + 1
    filtered = page_queries(admin_client, LOG + "?object_type=governance.decision")
    assert filtered == 4 + 1 + 3  # no event names a decision: none to read
    grow(5)
    assert page_queries(admin_client, LOG + "?object_type=governance.decision") == filtered
    # Logins only: no history rows to read.
    assert page_queries(admin_client, LOG + "?action=login") == 4 + 1 + 1


def test_logins_logouts_and_failures_are_recorded():
    UserFactory(username="carl")
    client = Client()
    client.post(
        "/konto/logga-in/", {"username": "carl", "password": "fel"}, REMOTE_ADDR="192.0.2.4"
    )
    client.post("/konto/logga-in/", {"username": "carl", "password": PASSWORD})
    client.post("/konto/logga-ut/")
    kinds = list(AuditEvent.objects.order_by("id").values_list("kind", "username", "ip_address"))
    assert kinds == [
        ("login_failed", "carl", "192.0.2.4"),
        ("login", "carl", "127.0.0.1"),
        ("logout", "carl", "127.0.0.1"),
    ]
