"""Injection strings stay inert wherever they are shown: escaped in the pages' HTML, and
plain text in the PDFs (the extracted text holds the string as typed)."""

import io
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from governance.models import DecisionClause
from tests.fuzz.strategies import INJECTIONS
from tests.governance.factories import CommissionFactory, CommissionSectionFactory, DecisionFactory

pytestmark = pytest.mark.django_db
MARKUP = INJECTIONS[:3]  # the strings a browser would run if they were not escaped


def squeeze(text: str) -> str:
    """PDF text extraction breaks lines where the layout wrapped them."""
    return re.sub(r"\s+", "", text)


def pdf_text(content: bytes) -> str:
    return squeeze(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


@pytest.fixture
def decision(db):
    decision = DecisionFactory(
        title=INJECTIONS[0], case_description="\n\n".join(INJECTIONS), proposal=INJECTIONS[1]
    )
    DecisionClause.objects.create(decision=decision, position=1, text=f"att {INJECTIONS[2]}")
    return decision


@pytest.fixture
def commission(db):
    commission = CommissionFactory(title=INJECTIONS[1])
    CommissionSectionFactory(
        commission=commission, position=1, heading=INJECTIONS[0], body="\n\n".join(INJECTIONS)
    )
    return commission


def test_injections_are_escaped_on_the_pages(admin_client, decision, commission):
    for url in (decision.get_absolute_url(), commission.get_absolute_url()):
        html = admin_client.get(url).content.decode()
        for injection in MARKUP:
            assert injection not in html, f"{url} shows {injection!r} as markup"
        assert escape(INJECTIONS[0]) in html


def test_injections_are_text_in_the_pdfs(admin_client, decision, commission):
    documents = {
        "protokollsutdrag": (reverse("governance:decision_pdf", args=[decision.pk]), INJECTIONS),
        # The section body is Markdown, cleaned by an allow-list: tags in it are dropped (never
        # run); the rest of it, and the plain-text title and heading, stay as typed.
        "uppdrag": (
            reverse("governance:commission_pdf", args=[commission.pk]),
            [INJECTIONS[1], INJECTIONS[0], *INJECTIONS[3:6]],
        ),
    }
    for name, (url, expected) in documents.items():
        response = admin_client.get(url)
        assert response["Content-Type"] == "application/pdf", name
        text = pdf_text(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        for injection in expected:
            assert squeeze(injection) in text, f"{name}: {injection!r} is not in the text"
