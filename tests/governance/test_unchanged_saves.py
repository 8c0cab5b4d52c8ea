"""A form sent back unchanged writes no history row ("Beslut ändrat" with nothing changed)
and keeps its version; a real change, or a change to the object's parts, still does."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.services import decisions, meetings, minutes
from governance.services.common import version_of
from groups import services as group_services
from portal.history import save_with_history
from tests.governance.conftest import member, write_header
from tests.groups.factories import GroupFactory
from tests.helpers import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(meeting):
    return decisions.decision_record(
        actor=None,
        body=meeting.group,
        meeting=meeting,
        title="Om uppföljning",
        clauses=["att följa upp", "att rapportera"],
    )


def post_unchanged(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page.content.decode()))


def test_unchanged_decision_form_writes_no_history(admin_client, decision):
    url = reverse("governance:decision_edit", args=[decision.pk])
    before = decision.history.count()
    clause_rows = decision.clauses.first().history.count()
    version = version_of(decision)
    response = post_unchanged(admin_client, url)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.history.count() == before
    assert decision.clauses.first().history.count() == clause_rows
    assert version_of(decision) == version
    assert "Beslut ändrat" not in [h.history_change_reason for h in decision.history.all()]


def test_a_changed_decision_still_writes_its_row(admin_client, decision):
    url = reverse("governance:decision_edit", args=[decision.pk])
    data = form_data(admin_client.get(url).content.decode())
    data["title"] = ["Om uppföljning och rapportering"]
    assert admin_client.post(url, data).status_code == 302
    latest = decision.history.first()
    assert latest.history_change_reason == "Beslut ändrat"
    assert latest.title == "Om uppföljning och rapportering"


def test_unchanged_group_form_writes_no_history(admin_client):
    group = group_services.group_create(
        actor=None,
        name="RAG Historik",
        kind="rag",
        healthcare_region=GroupFactory().healthcare_region,
        start_date=datetime.date(2024, 1, 1),
        description="Arbetar med historik.",
    )
    url = reverse("groups:edit", args=[group.pk])
    assert post_unchanged(admin_client, url).status_code == 302
    assert group.history.count() == 1
    data = form_data(admin_client.get(url).content.decode())
    data["description"] = ["Arbetar med spårbarhet."]
    assert admin_client.post(url, data).status_code == 302
    assert group.history.count() == 2


def test_changing_only_the_clauses_makes_an_open_form_stale(decision):
    opened = version_of(decision)
    decisions.decision_update(
        actor=None, decision=decision, clauses=["att följa upp", "att rapportera i maj"]
    )
    decision.refresh_from_db()
    assert version_of(decision) != opened
    with pytest.raises(ValidationError) as error:
        decisions.decision_update(
            actor=None, decision=decision, clauses=["att strunta i det"], expected_version=opened
        )
    assert error.value.code == "stale"


def test_changing_only_the_adjusters_moves_the_minutes_version(meeting, rag):
    record = minutes.minutes_start(actor=None, meeting=meeting)
    opened = version_of(record)
    write_header(meeting, adjusters=[member(rag)])
    record.refresh_from_db()
    assert version_of(record) != opened
    # The same adjusters again: nothing changes, no row, same version.
    rows, version = record.history.count(), version_of(record)
    write_header(meeting, adjusters=[a.person for a in record.adjuster_links.all()])
    record.refresh_from_db()
    assert (record.history.count(), version_of(record)) == (rows, version)


def test_an_unchanged_object_is_not_saved_but_a_new_one_is(meeting):
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    assert item.history.count() == 1
    save_with_history(item, actor=None, reason="Ingen ändring")
    assert item.history.count() == 1
    item.title = "Rapport från arbetsgruppen"
    save_with_history(item, actor=None, reason="Ny rubrik")
    assert item.history.first().history_change_reason == "Ny rubrik"
