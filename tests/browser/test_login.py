import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    MOBILE,
    assert_accessible,
    assert_fits_width,
    login,
    screenshot,
)

pytestmark = pytest.mark.browser


def test_login_dashboard_logout(page, admin_user):
    page.goto(f"{page.base_url}/")
    # Logged out: every page sends you to the login page, which remembers where you were going.
    expect(page).to_have_url(f"{page.base_url}/konto/logga-in/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    assert_accessible(page)
    screenshot(page, "login-1280", DESKTOP)
    screenshot(page, "login-390", MOBILE)
    page.set_viewport_size(DESKTOP)

    page.get_by_label("Användarnamn").fill(admin_user.username)
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    assert_accessible(page)

    login(page, admin_user.username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen, Anna Administratör")
    navigation = page.get_by_role("navigation", name="Huvudmeny")
    expect(navigation.get_by_role("link", name="Grupper")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "dashboard-1280", DESKTOP)
    screenshot(page, "dashboard-390", MOBILE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(f"{page.base_url}/konto/logga-in/")
    page.goto(f"{page.base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")


def test_skip_link_is_first_and_moves_focus(admin_page):
    admin_page.goto(f"{admin_page.base_url}/")
    admin_page.keyboard.press("Tab")
    skip = admin_page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    skip.press("Enter")
    expect(admin_page.locator("main")).to_be_focused()


def test_unknown_page_shows_swedish_404(admin_page):
    response = admin_page.goto(f"{admin_page.base_url}/finns-inte/")
    assert response.status == 404
    expect(admin_page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    screenshot(admin_page, "404-1280", DESKTOP)


def test_login_page_in_english(page, admin_user):
    page.goto(f"{page.base_url}/konto/logga-in/")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt språk").click()  # no change of context on select
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_accessibility_check_catches_violations(page):
    """Guards the guard: the axe check used across the browser tests does fail on a bad page."""
    page.goto(f"{page.base_url}/konto/logga-in/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=x>')")
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
