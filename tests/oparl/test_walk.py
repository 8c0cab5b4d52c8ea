"""The whole API, walked as an OParl client would: from /oparl/v1/ through every list and
links.next, every object valid against the official OParl 1.1 schemas, every id serving its
object, every reference answering with an object, every file downloadable."""

import pytest
from django.test import Client

from tests.oparl.conftest import PERSONNUMMER, PHONE, SECRET_TITLE, more_published
from tests.oparl.oparl_client import Walk, path_of, validate

pytestmark = pytest.mark.django_db


def walk(limit: int | None = None) -> Walk:
    client = Client()
    return Walk(client).run("http://testserver/oparl/v1/")


def test_every_object_is_valid_and_served_at_its_id(record):
    more_published(record["body"], record["committee"], 3)
    result = walk()
    kinds = {obj["type"].rsplit("/", 1)[1] for obj in result.objects.values()}
    assert kinds == {
        "System",
        "Body",
        "LegislativeTerm",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "Location",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
    }
    client = Client()
    for object_id, obj in result.objects.items():
        response = client.get(path_of(object_id))
        assert response.status_code == 200, object_id
        assert response.json() == obj, object_id
    for url, type_name in result.references.items():
        served = client.get(path_of(url))
        assert served.status_code == 200, url
        if type_name:
            validate(served.json(), type_name)
            assert served.json()["type"].endswith(f"/{type_name}"), url
    for url in result.file_urls:
        assert client.get(path_of(url)).status_code == 200, url


def test_small_pages_are_followed_to_the_end_with_the_filters_kept(record):
    more_published(record["body"], record["committee"], 4)
    client = Client()
    body = record["body"].pk
    url = f"/oparl/v1/body/{body}/paper/?limit=2&created_since=2020-01-01T00:00:00%2B01:00"
    seen = []
    while url:
        page = client.get(path_of(url)).json()
        seen += [obj["id"] for obj in page["data"]]
        assert len(page["data"]) <= 2
        url = page["links"].get("next")
        if url:
            assert "limit=2" in url and "created_since=" in url
    everything = client.get(f"/oparl/v1/body/{body}/paper/").json()
    assert seen == [obj["id"] for obj in everything["data"]]
    assert len(seen) == everything["pagination"]["totalElements"] == 1 + 4 + 1 + 4


def test_nothing_confidential_or_personal_leaks(record):
    result = walk()
    dumped = repr(result.objects)
    assert PERSONNUMMER not in dumped
    assert "[personnummer dolt]" in dumped
    assert SECRET_TITLE not in dumped
    assert "Sekretessbelagd enligt OSL 21 kap. 1 §" in dumped  # the confidential item's place
    assert "Enskilt ärende" not in dumped
    assert "Hemligt förslag" not in dumped and "Ojusterat möte" not in dumped
    assert "Ej publicerad punkt" not in dumped
    assert "@" not in dumped and PHONE not in dumped  # no e-mail, no phone
    secret = record["files"][1]
    client = Client()
    assert client.get(f"/oparl/v1/file/{secret.pk}/access/").status_code == 404
    assert client.get(f"/oparl/v1/file/{secret.pk}/download/").status_code == 404
