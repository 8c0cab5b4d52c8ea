"""The public register, logged out: only published documents, every confidential part
withheld with its ground, every personnummer masked — on the pages and in the PDFs."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from governance.models import (
    Attachment,
    CommissionStatus,
    DecisionClause,
    DecisionStatus,
    Minutes,
    MinutesStatus,
)
from tests.governance.factories import (
    AgendaItemFactory,
    CommissionFactory,
    CommissionSectionFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.public.records import (
    GROUND,
    ITEM_GROUND,
    MASK,
    PERSONNUMMER,
    SECRET_ITEM,
    SECRET_TITLE,
    SHORT_FORM,
    WITHHELD,
    public_record,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def record(db):
    return public_record()


def _pages(record):
    return [
        url("register"),
        url("register") + "?kind=protokoll",
        url("register") + "?kind=uppdrag",
        url("decision", record["decision"].pk),
        url("minutes", record["minutes"].pk),
        url("commission", record["commission"].pk),
    ]


def _assert_nothing_leaks(text: str) -> None:
    for secret in (PERSONNUMMER, SHORT_FORM, "198112189876", SECRET_TITLE, SECRET_ITEM):
        assert secret not in text
    assert "Lisa mår bra" not in text
    assert "Journalkopia" not in text
    assert "@example.org" not in text  # people by name and role, never their e-mail


def test_every_public_page_answers_logged_out_and_withholds_and_masks(anonymous, record):
    for page in _pages(record):
        response = anonymous.get(page)
        assert response.status_code == 200, page
        _assert_nothing_leaks(response.content.decode())

    decision_page = anonymous.get(url("decision", record["decision"].pk)).content.decode()
    assert WITHHELD in decision_page
    assert "Bilaga 1 – Rapporten" in decision_page
    assert f"Skrivelse från {MASK} om provtagning." in decision_page
    minutes_page = anonymous.get(url("minutes", record["minutes"].pk)).content.decode()
    assert f"Sekretessbelagd enligt {ITEM_GROUND}" in minutes_page
    assert f"Frågan väcktes av {MASK}." in minutes_page
    assert "Astrid Ordförande" in minutes_page
    commission_page = anonymous.get(url("commission", record["commission"].pk)).content.decode()
    assert MASK in commission_page


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages) + metadata


def test_every_public_pdf_withholds_the_confidential_parts_and_masks(anonymous, record):
    extract = _pdf_text(anonymous.get(url("decision_pdf", record["decision"].pk)))
    minutes = _pdf_text(anonymous.get(url("minutes_pdf", record["minutes"].pk)))
    commission = _pdf_text(anonymous.get(url("commission_pdf", record["commission"].pk)))

    for text in (extract, minutes, commission):
        _assert_nothing_leaks(text)
        assert MASK in text
    assert WITHHELD in extract
    assert "Bilaga 1 – Rapporten" in extract
    assert f"Sekretessbelagd enligt {ITEM_GROUND}" in minutes


def test_the_portal_s_own_pdf_keeps_the_confidential_attachment_with_its_mark(admin_client, record):
    response = admin_client.get(reverse("governance:decision_pdf", args=[record["decision"].pk]))
    text = _pdf_text(response)
    assert SECRET_TITLE in text
    assert f"sekretess: {GROUND}" in text


def test_a_confidential_decision_shows_only_its_place_and_ground(anonymous, record):
    decision = DecisionFactory(
        body=record["decision"].body,
        year=2024,
        title="Ersättning till Kalle Karlsson",
        case_description="Kalle behöver vård.",
        is_confidential=True,
        confidentiality_ground="OSL 26 kap. 1 §",
    )

    page = anonymous.get(url("decision", decision.pk)).content.decode()
    listing = anonymous.get(url("register")).content.decode()
    extract = _pdf_text(anonymous.get(url("decision_pdf", decision.pk)))

    for text in (page, listing, extract):
        assert "Kalle" not in text
        assert "Sekretessbelagd enligt OSL 26 kap. 1 §" in text


def test_drafts_proposals_and_unapproved_minutes_are_not_public(anonymous, record):
    body = record["decision"].body
    proposal = DecisionFactory(
        body=body, year=2024, title="Ett förslag", status=DecisionStatus.PROPOSED
    )
    submitted_meeting = MeetingFactory(group=body)
    unapproved = Minutes.objects.create(
        meeting=submitted_meeting, kind="protocol", status=MinutesStatus.SUBMITTED
    )
    in_unapproved = DecisionFactory(
        body=body, year=2024, meeting=submitted_meeting, title="Ojusterat"
    )
    draft = CommissionFactory(commissioner=body, status=CommissionStatus.DRAFT, title="Utkastet")

    for page in (
        url("decision", proposal.pk),
        url("decision_pdf", proposal.pk),
        url("decision", in_unapproved.pk),
        url("minutes", unapproved.pk),
        url("minutes_pdf", unapproved.pk),
        url("commission", draft.pk),
        url("commission_pdf", draft.pk),
    ):
        assert anonymous.get(page).status_code == 404, page
    listings = "".join(
        anonymous.get(url("register") + f"?kind={kind}").content.decode()
        for kind in ("beslut", "protokoll", "uppdrag")
    )
    for title in ("Ett förslag", "Ojusterat", "Utkastet"):
        assert title not in listings


def test_conditional_get_answers_304_for_pages_and_pdfs(anonymous, record):
    for page in [*_pages(record), url("decision_pdf", record["decision"].pk)]:
        first = anonymous.get(page)
        etag = first["ETag"]
        assert "public" in first["Cache-Control"]
        again = anonymous.get(page, headers={"if-none-match": etag})
        assert again.status_code == 304, page
        assert again.content == b""
    changed = anonymous.get(
        url("decision", record["decision"].pk), headers={"if-none-match": '"stale"'}
    )
    assert changed.status_code == 200


def test_filters_narrow_the_list_and_bad_values_are_explained_not_fatal(anonymous, record):
    other = DecisionFactory(title="Annat organs beslut", year=2019)
    body = record["decision"].body

    by_body = anonymous.get(url("register"), {"body": body.pk}).content.decode()
    by_year = anonymous.get(url("register"), {"year": 2019}).content.decode()
    by_region = anonymous.get(
        url("register"), {"region": other.body.healthcare_region_id}
    ).content.decode()
    bad = anonymous.get(
        url("register"),
        {"kind": "hemligt", "body": "x", "region": "999999", "year": "tjugo", "page": "-1"},
    )

    assert "Rapport om laboratoriesamverkan" in by_body and other.title not in by_body
    assert other.title in by_year and "Rapport om" not in by_year
    assert other.title in by_region
    assert bad.status_code == 200
    page = bad.content.decode()
    for message in (
        "Välj beslut, protokoll eller uppdrag.",
        "Välj ett organ i listan.",
        "Välj en sjukvårdsregion i listan.",
        "Välj ett år i listan.",
    ):
        assert message in page
    assert "Rapport om laboratoriesamverkan" in page  # the bad filters are ignored


def test_search_finds_public_text_never_withheld_text_nor_personnummer(anonymous, record):
    DecisionFactory(
        body=record["decision"].body,
        year=2024,
        title="Hemligt ärende",
        case_description="provtagning hos Kalle",
        is_confidential=True,
        confidentiality_ground="OSL 25 kap. 1 §",
    )

    found = anonymous.get(url("register"), {"q": "provtagning"}).content.decode()
    refused = anonymous.get(url("register"), {"q": SHORT_FORM}).content.decode()
    minutes = anonymous.get(url("register"), {"kind": "protokoll", "q": "vårdärende"})

    assert "Rapport om laboratoriesamverkan" in found
    assert "Sekretessbelagd enligt OSL 25 kap. 1 §" not in found
    assert "Sök inte på personnummer" in refused
    assert "Rapport om laboratoriesamverkan" in refused  # the list stays, unfiltered
    assert "Inga handlingar matchar" in minutes.content.decode()


def _grow(record, n):
    body = record["decision"].body
    for i in range(n):
        meeting = MeetingFactory(group=body)
        Minutes.objects.create(meeting=meeting, kind="protocol", status=MinutesStatus.APPROVED)
        DecisionFactory(body=body, meeting=meeting, title=f"Beslut nr {i}", year=2024)
        CommissionFactory(commissioner=body, status=CommissionStatus.COMPLETED)


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ("", 2),
        ("?kind=protokoll", 2),
        ("?kind=uppdrag", 2),
        ("?kind=beslut&q=rapport&year=2025", 2),
        ("?sortera=organ", 2),
        ("?kind=protokoll&sortera=-region", 2),
        ("?kind=uppdrag&sortera=handling", 2),
        ("?kind=beslut&q=rapport&sortera=-datum", 2),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    anonymous, record, django_assert_num_queries, query, queries
):
    for extra in (0, 30):
        _grow(record, extra)
        # The first visit after a change reads the filters' choices (four queries) into the
        # cache; the count pinned is every visit after it.
        with django_assert_num_queries(queries + 4):
            assert anonymous.get(url("register") + query).status_code == 200
        with django_assert_num_queries(queries):
            assert anonymous.get(url("register") + query).status_code == 200


def _grow_documents(record, n):
    decision = record["decision"]
    meeting = decision.meeting
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, number=10 + i)
        more = DecisionFactory(body=decision.body, meeting=meeting, agenda_item=item, year=2024)
        DecisionClause.objects.create(decision=more, position=1, text="att godkänna")
        Attachment.objects.create(agenda_item=item, position=1, title=f"Bilaga {i}")
        Attachment.objects.create(decision=decision, position=10 + i, title=f"Bilaga {i}")
        DecisionClause.objects.create(decision=decision, position=10 + i, text=f"att {i}")
        CommissionSectionFactory(commission=record["commission"])


@pytest.mark.parametrize(
    ("name", "record_key", "queries"),
    [
        ("decision", "decision", 3),
        ("minutes", "minutes", 6),
        ("commission", "commission", 5),
        ("decision_pdf", "decision", 4),
        ("minutes_pdf", "minutes", 5),
        ("commission_pdf", "commission", 4),
    ],
)
def test_document_pages_run_a_fixed_number_of_queries(
    anonymous, record, django_assert_num_queries, name, record_key, queries
):
    pk = record[record_key].pk
    for extra in (0, 5):
        _grow_documents(record, extra)
        with django_assert_num_queries(queries):
            assert anonymous.get(url(name, pk)).status_code == 200


def test_login_page_and_public_pages_link_to_the_register(anonymous, record):
    target = f'href="{url("register")}"'
    assert target in anonymous.get(reverse("login")).content.decode()
    for page in _pages(record):
        assert target in anonymous.get(page).content.decode()


def test_sorting_a_kind_changes_the_order_and_keeps_the_filters(anonymous):
    for title in ("Bemanning", "Akutflöden", "Cancerplan"):
        CommissionFactory(title=title, status=CommissionStatus.DECIDED)
    query = {"kind": "uppdrag"}
    by_title = anonymous.get(url("register"), {**query, "sortera": "handling"}).content.decode()
    assert [by_title.find(t) for t in ("Akutflöden", "Bemanning", "Cancerplan")] == sorted(
        by_title.find(t) for t in ("Akutflöden", "Bemanning", "Cancerplan")
    )
    backwards = anonymous.get(url("register"), {**query, "sortera": "-handling"}).content
    page = backwards.decode()
    assert page.find("Cancerplan") < page.find("Bemanning") < page.find("Akutflöden")
    assert 'aria-sort="descending"' in page
    assert '<input type="hidden" name="sortera" value="-handling">' in page
    assert 'href="?kind=uppdrag&amp;sortera=organ"' in page
    assert 'data-label="Sjukvårdsregion"' in page and "stack-table" in page
