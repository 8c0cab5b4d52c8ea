"""Each demo login's dashboard shows the work waiting for their roles, linked to where it is
done, in a pinned number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.crawl.conftest import demo_client

pytestmark = pytest.mark.django_db


def _dashboard(username: str) -> tuple[str, int]:
    client = demo_client(username)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)), len(queries.captured_queries)


def _panel(text: str, title: str) -> str:
    """The text of one panel: from its heading to the next heading of the same size."""
    start = text.index(title)
    return text[start : start + 400]


def test_administrator_sees_the_gaps_across_the_country(demo_site):
    text, queries = _dashboard("admin")
    assert "Som administratör" in text
    assert "Dina möten och justeringar" not in text  # the demo administrator sits in no group
    assert "Du är inte medlem" not in text
    gaps = _panel(text, "Grupper där en region saknar ledamot")
    assert "Regionsjukvårdsledningen Sydöstra sjukvårdsregionen · 0 av 3 regioner" in gaps
    assert "kansli" not in gaps  # staff, not delegates
    assert "Visar de 5 första. Visa alla" in text
    late = _panel(text, "Protokoll som inte justerats inom 14 dagar")
    assert "Södra Regionvårdsnämnden Möte 2020-02-14 Efter 14 dagar" in late
    budgets = _panel(text, "Budgetar vars kontroll inte stämmer")
    assert "Ekonomisk sammanställning kansli och nämnd 2020–2022" in budgets
    assert "2 år stämmer inte (2021, 2022)" in budgets
    assert "Inga leveranser är försenade." in text
    assert "E-post som inte kunde skickas" in text
    assert "63 aktiva grupper" in text
    assert queries == 18  # + the failed e-mail count (notifications)


def test_convener_sees_the_meeting_to_prepare(demo_site):
    text, queries = _dashboard("sammankallande")
    assert "Som sammankallande" in text and "Som administratör" not in text
    prepare = _panel(text, "Möten att förbereda")
    assert "RAG Barnonkologi och hematologi 2027-02-10 13:00 · Videomöte" in prepare
    assert "dagordning med 3 punkter" in prepare
    assert "Alla hållna möten har protokoll som lämnats för justering." in text
    assert "Dina kommande möten RAG Barnonkologi och hematologi 2027-02-10" in text
    assert "Översikt 63" not in text  # the organisation's figures are the administrator's
    assert queries == 10


def test_secretary_sees_minutes_awaiting_justering_and_the_budgets(demo_site):
    text, queries = _dashboard("sekreterare")
    assert "Som sekreterare" in text and "Som sammankallande" not in text
    awaiting = _panel(text, "Protokoll som väntar på justering")
    assert "Södra Regionvårdsnämnden Möte 2020-02-14 Efter 14 dagar" in awaiting
    budgets = _panel(text, "Budgetar Ekonomisk")
    assert "Södra Regionvårdsnämnden · 2020–2022 · Fastställd" in budgets
    # The demo's current notice of the nämnd, and its dispatched decision not asked for again.
    assert "Anslag på anslagstavlan Södra Regionvårdsnämnden Möte" in text
    assert "Beslut att expediera" in text
    assert queries == 14  # + decisions to dispatch, running notices


def test_adjuster_and_member_see_their_meetings_and_what_to_approve(demo_site):
    text, queries = _dashboard("justerare")
    assert "Justera: Södra Regionvårdsnämnden, möte 2020-02-14 Efter 14 dagar" in text
    assert "Som sekreterare" not in text and "Som sammankallande" not in text
    assert queries == 7
    text, queries = _dashboard("ledamot")
    assert "Du har inga protokoll att justera." in text
    assert "Dina kommande möten RAG Barnonkologi och hematologi 2027-02-10" in text
    assert queries == 7
