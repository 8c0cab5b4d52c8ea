import datetime

import pytest
from django.test import Client
from playwright.sync_api import expect

from governance.services import decisions
from groups import services as group_services
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.groups.factories import HealthcareRegionFactory

pytestmark = pytest.mark.browser


def test_audit_log_page(admin_page, admin_user):
    group = group_services.group_create(
        actor=admin_user,
        name="RAG Spårbarhet",
        kind="rag",
        healthcare_region=HealthcareRegionFactory(name="Södra sjukvårdsregionen"),
        start_date=datetime.date(2024, 1, 1),
    )
    decisions.decision_record(
        actor=admin_user,
        body=group,
        title="Om granskningsloggen",
        clauses=["att alla ändringar ska gå att följa"],
        decision_date=datetime.date(2025, 4, 1),
    )
    page = admin_page
    page.goto(f"{page.base_url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Granskning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Granskningslogg")
    table = page.get_by_role("table")
    expect(table).to_contain_text("§ 1 Om granskningsloggen")
    expect(table).to_contain_text("RAG Spårbarhet")
    expect(table).to_contain_text("Inloggning")
    assert_accessible(page)
    screenshot(page, "audit-log-1280", DESKTOP)
    screenshot(page, "audit-log-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Objekttyp").select_option(label="Beslut")
    page.get_by_role("button", name="Filtrera").click()
    expect(table).to_contain_text("§ 1 Om granskningsloggen")
    expect(table).not_to_contain_text("RAG Spårbarhet")
    assert_accessible(page)

    page.get_by_role("link", name="Inloggningsspärrar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggningsspärrar")
    expect(page.get_by_text("Ingen är spärrad just nu.")).to_be_visible()

    guesser = Client()
    for _ in range(5):
        guesser.post(
            "/konto/logga-in/",
            {"username": "gissad", "password": "fel"},
            REMOTE_ADDR="192.0.2.50",
        )
    page.reload()
    expect(page.get_by_role("table")).to_contain_text("gissad")
    assert_accessible(page)
    screenshot(page, "lockouts-1280", DESKTOP)
    screenshot(page, "lockouts-390", MOBILE)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Lås upp gissad").click()
    expect(page.get_by_role("status")).to_contain_text("Spärren för gissad är hävd.")
