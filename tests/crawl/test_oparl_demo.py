"""The OParl API and the open-data archive on the demo data: the whole API walks and validates
logged out, and every demo login gets the same public answers."""

import io
import zipfile

import pytest
from django.test import Client

from tests.crawl.conftest import DEMO_LOGINS, demo_client
from tests.oparl.oparl_client import Walk, path_of

pytestmark = pytest.mark.django_db


def test_the_demo_walks_as_oparl_logged_out(demo_site):
    walk = Walk(Client()).run("http://testserver/oparl/v1/")
    kinds = {obj["type"].rsplit("/", 1)[1] for obj in walk.objects.values()}
    assert {"Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem"} <= kinds
    assert {"Paper", "Consultation", "LegislativeTerm"} <= kinds
    client = Client()
    for object_id, obj in walk.objects.items():
        assert client.get(path_of(object_id)).json() == obj, object_id
    for url in walk.references:
        assert client.get(path_of(url)).status_code == 200, url


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_every_demo_login_gets_the_public_api_and_archive(demo_site, username):
    client = demo_client(username)
    anonymous = Client()
    for url in ("/oparl/v1/", "/oparl/v1/body/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.json() == anonymous.get(url).json()
    archive = client.get("/oppna-data/")
    assert archive.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert "README.md" in names and "paper.csv" in names
