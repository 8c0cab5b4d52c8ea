"""What a client gets for bad input, deleted objects, other origins and other methods."""

import pytest
from django.test import Client

from governance.models import DecisionStatus
from governance.services import meetings
from tests.governance.factories import AgendaItemFactory, MeetingFactory
from tests.groups.factories import PersonFactory
from tests.oparl.oparl_client import path_of, validate

pytestmark = pytest.mark.django_db
ERROR = "https://schema.oparl.org/1.1/Error"


def error_of(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["type"] == ERROR
    return body["message"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("created_since=igår", "created_since måste vara en tidpunkt"),
        ("modified_until=2026-13-45T00:00:00Z", "modified_until måste vara en tidpunkt"),
        ("limit=-5", "limit måste vara ett heltal större än noll"),
        ("limit=tio", "limit måste vara ett heltal större än noll"),
        ("page=0", "page måste vara ett heltal större än noll"),
    ],
)
def test_a_bad_filter_value_answers_400_with_a_message(record, query, message):
    response = Client().get(f"/oparl/v1/body/{record['body'].pk}/paper/?{query}")
    assert message in error_of(response, 400)


def test_a_huge_limit_is_capped_and_a_page_past_the_end_answers_404(record):
    client = Client()
    url = f"/oparl/v1/body/{record['body'].pk}/membership/"
    assert client.get(url, {"limit": "10000000000"}).json()["pagination"]["elementsPerPage"] == 500
    error_of(client.get(url, {"page": "99"}), 404)


def test_the_date_filters_narrow_the_list(record):
    client = Client()
    url = f"/oparl/v1/body/{record['body'].pk}/organization/"
    everything = client.get(url).json()["pagination"]["totalElements"]
    assert everything == 4  # two groups, two regions
    assert client.get(url, {"created_until": "2000-01-01T00:00:00+01:00"}).json()["data"] == []
    # A "+" sent unencoded arrives as a space; it still counts.
    later = client.get(f"{url}?modified_since=2000-01-01T00:00:00+01:00").json()
    assert later["pagination"]["totalElements"] == everything


@pytest.mark.parametrize(
    "path",
    [
        "/oparl/v1/person/999999/",
        "/oparl/v1/paper/beslut/999999/",
        "/oparl/v1/body/999999/",
        "/oparl/v1/body/999999/meeting/",
        "/oparl/v1/file/999999/download/",
        "/oparl/v1/finns-inte/",
    ],
)
def test_unknown_ids_and_paths_answer_404_in_json(record, path):
    assert error_of(Client().get(path), 404) == "Objektet finns inte."


def test_withdrawn_and_deleted_objects_answer_deleted(record):
    client = Client()
    decision = record["decision"]
    url = f"/oparl/v1/paper/beslut/{decision.pk}/"
    assert "deleted" not in client.get(url).json()
    type(decision).objects.filter(pk=decision.pk).update(status=DecisionStatus.WITHDRAWN)
    withdrawn = client.get(url).json()
    assert withdrawn["deleted"] is True and "name" not in withdrawn
    validate(withdrawn, "Paper")

    meeting = MeetingFactory(group=record["rag"])
    item = AgendaItemFactory(meeting=meeting)
    item_pk = item.pk
    meetings.agenda_item_delete(actor=None, item=item)
    removed = client.get(f"/oparl/v1/agendaitem/{item_pk}/")
    assert removed.status_code == 200
    assert removed.json()["deleted"] is True
    validate(removed.json(), "AgendaItem")

    loner = PersonFactory(first_name="Utan", last_name="Uppdrag")
    assert client.get(f"/oparl/v1/person/{loner.pk}/").json() == {
        "id": f"http://testserver/oparl/v1/person/{loner.pk}/",
        "type": "https://schema.oparl.org/1.1/Person",
        "created": withdrawn_time(loner.created_at),
        "modified": withdrawn_time(loner.modified_at),
        "deleted": True,
    }


def withdrawn_time(moment):
    from oparl.objects import moment as oparl_moment

    return oparl_moment(moment)


def test_deleted_objects_are_listed_only_with_modified_since(record):
    client = Client()
    url = f"/oparl/v1/body/{record['body'].pk}/paper/"
    proposal = f"http://testserver/oparl/v1/paper/beslut/{record['proposal'].pk}/"
    plain = [obj["id"] for obj in client.get(url).json()["data"]]
    assert proposal not in plain
    synced = client.get(url, {"modified_since": "2000-01-01T00:00:00Z"}).json()["data"]
    marker = next(obj for obj in synced if obj["id"] == proposal)
    assert marker["deleted"] is True and "name" not in marker


def test_other_origins_may_read_and_nothing_may_write(record):
    client = Client()
    preflight = client.options("/oparl/v1/", HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    response = client.post("/oparl/v1/body/")
    assert "bara att läsa" in error_of(response, 405)
    assert (
        client.get("/oparl/v1/", HTTP_ORIGIN="https://example.org")["Access-Control-Allow-Origin"]
        == "*"
    )


def test_the_api_needs_no_login_and_files_are_served_inline_or_as_download(record):
    client = Client()
    public_file = record["files"][0]
    inline = client.get(f"/oparl/v1/file/{public_file.pk}/access/")
    assert inline.status_code == 200
    assert "attachment" not in inline.get("Content-Disposition", "")
    download = client.get(f"/oparl/v1/file/{public_file.pk}/download/")
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="rapport.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_region_represented_from_elsewhere_has_its_body(record):
    """A national group's member may represent a region of a healthcare region without groups:
    that region is an Organization whose body exists."""
    from tests.groups.factories import HealthcareRegionFactory, MembershipFactory, RegionFactory

    elsewhere = RegionFactory(healthcare_region=HealthcareRegionFactory(name="Utan grupper"))
    MembershipFactory(group=record["rag"], region=elsewhere)
    client = Client()
    region = client.get(f"/oparl/v1/region/{elsewhere.pk}/").json()
    body = client.get(path_of(region["body"]))
    assert body.status_code == 200
    validate(body.json(), "Body")


def test_a_post_is_answered_in_json_even_with_csrf_checks(record):
    client = Client(enforce_csrf_checks=True)
    assert "bara att läsa" in error_of(client.post("/oparl/v1/"), 405)


def test_a_post_to_a_file_is_answered_in_json_not_with_the_file(record):
    client = Client(enforce_csrf_checks=True)
    public_file = record["files"][0]
    for url in (
        f"/oparl/v1/file/{public_file.pk}/access/",
        f"/oparl/v1/file/{public_file.pk}/download/",
    ):
        response = client.post(url)
        assert "bara att läsa" in error_of(response, 405)
        assert "Content-Disposition" not in response


def test_the_terms_of_office_take_the_date_filters(record):
    client = Client()
    url = f"/oparl/v1/body/{record['body'].pk}/legislativeterm/"
    terms = client.get(url).json()["data"]
    assert [t["name"] for t in terms][:2] == [
        "Mandatperioden 2019–2022",
        "Mandatperioden 2023–2026",
    ]
    later = client.get(url, {"created_since": "2023-01-01T00:00:00+01:00"}).json()["data"]
    assert [t["startDate"] for t in later] == [t["startDate"] for t in terms][1:]
    assert "created_since" in error_of(client.get(url, {"created_since": "x"}), 400)
