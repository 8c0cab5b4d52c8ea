"""The administrator's pages and the public accessibility statement, in a real browser:
WCAG rules (axe), screenshots at 1280 and 390 px, nothing wider than the phone."""

import pytest
from playwright.sync_api import expect

from groups import demo
from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    screenshot,
)
from tests.groups.factories import UserFactory

pytestmark = pytest.mark.browser

SCB_BAD = (
    '"Folkmängd efter region och år"\r\n\r\n'
    '"region","2024","2025"\r\n'
    '"00 Riket",10587710,10600000\r\n'
    '"08 Kalmar län",247175,tvåhundra\r\n'
    '"99 Okänt län",1,2\r\n'
)
SCB_GOOD = (
    '"Folkmängd efter region och år"\r\n\r\n'
    '"region","2024","2025"\r\n'
    '"00 Riket",10587710,10600000\r\n'
    '"05 Östergötlands län",469000,470100\r\n'
    '"06 Jönköpings län",368000,369000\r\n'
    '"08 Kalmar län",247175,247900\r\n'
)


def check_page(page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, f"{name}-1280", DESKTOP)
    screenshot(page, f"{name}-390", MOBILE)
    assert_fits_width(page)
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)


def upload(page, content: str) -> None:
    page.get_by_label("Fil med folkmängd (CSV eller XLSX)").set_input_files(
        {"name": "BE0101N1.csv", "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    page.get_by_role("button", name="Importera").click()


def test_administrator_keeps_regions_populations_and_administrators(admin_page):
    demo.load()
    UserFactory(username="bo", first_name="Bo", last_name="Berg")
    page = admin_page
    page.goto(page.base_url + "/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    nav.get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    expect(nav.get_by_role("link", name="Administration")).to_have_attribute("aria-current", "page")
    check_page(page, "administration-index")

    page.get_by_role("main").get_by_role(
        "link", name="Sjukvårdsregioner och regioner"
    ).first.click()
    for name in ("Norra", "Mellansverige", "Stockholm-Gotland", "Sydöstra", "Västra", "Södra"):
        expect(page.get_by_role("heading", name=f"({name})")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Region Halland")).to_be_visible()
    check_page(page, "administration-regions")

    page.get_by_role("link", name="Ändra Region Kalmar län").click()
    expect(page.get_by_label("Länskod")).to_have_value("08")
    page.get_by_label("Länskod").fill("8")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Länskoden är två siffror")
    check_page(page, "administration-region-error")
    page.get_by_label("Länskod").fill("08")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Region Kalmar län är sparad.")

    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Folkmängd"
    ).click()
    page.get_by_role("link", name="Importera från SCB").click()
    upload(page, SCB_BAD)
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Inget importerades.")
    expect(errors).to_contain_text("Folkmängden ”tvåhundra” är inget positivt heltal.")
    expect(errors).to_contain_text("Regionen ”99 Okänt län” finns inte i portalen")
    check_page(page, "administration-population-errors")
    # While the server reads the file, the page says so and the button cannot send it twice.
    # (A listener after the portal's own holds the form back, so the state can be read.)
    page.evaluate(
        """() => document.querySelector("form[data-busy]")
            .addEventListener("submit", (event) => event.preventDefault())"""
    )
    page.get_by_label("Fil med folkmängd (CSV eller XLSX)").set_input_files(
        {"name": "BE0101N1.csv", "mimeType": "text/csv", "buffer": SCB_GOOD.encode("utf-8")}
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.locator(".busy-status")).to_have_text("Läser in och kontrollerar filen …")
    expect(page.locator(".busy-status")).to_have_attribute("role", "status")
    expect(page.get_by_role("button", name="Importera")).to_be_disabled()
    page.reload()
    upload(page, SCB_GOOD)
    expect(page.get_by_role("status")).to_contain_text("Importen är klar")
    table = page.locator("#population-table")
    expect(table.get_by_role("row").filter(has_text="Region Kalmar län")).to_contain_text(
        "247\u00a0900"
    )
    check_page(page, "administration-populations")

    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Administratörer"
    ).click()
    page.get_by_label("Användare").select_option(label="Bo Berg (bo)")
    page.get_by_label("Anledning").fill("Ny handläggare på kansliet")
    page.get_by_role("button", name="Gör till administratör").click()
    expect(page.get_by_role("status")).to_contain_text("Bo Berg är nu administratör.")
    expect(page.locator("#administrator-changes")).to_contain_text("Ny handläggare på kansliet")
    check_page(page, "administration-administrators")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ta bort behörigheten Bo Berg").click()
    expect(page.get_by_role("status")).to_contain_text("Bo Berg är inte längre administratör.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ta bort behörigheten Anna Administratör").click()
    expect(page.get_by_role("status")).to_contain_text("är den enda administratören")

    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Avsnittsmallar för uppdrag"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avsnittsmallar")


def test_accessibility_statement_is_public_and_readable_on_a_phone(page):
    page.goto(page.base_url + "/konto/logga-in/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tillgänglighet för Samverkansportalen"
    )
    expect(page.get_by_role("heading", name="Tillsyn")).to_be_visible()
    check_page(page, "accessibility-statement")


def test_help_for_each_role_and_the_language_button(admin_page):
    page = admin_page
    page.get_by_role("banner").get_by_role("link", name="Hjälp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjälp")
    check_page(page, "help-index")
    page.get_by_role("link", name="Sammankallande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjälp för sammankallande")
    check_page(page, "help-convener")
    # Choosing a language changes nothing until the button is pressed (WCAG 3.2.2).
    url = page.url
    page.get_by_label("Språk").select_option("en")
    page.wait_for_timeout(300)
    assert page.url == url
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="Byt språk").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
