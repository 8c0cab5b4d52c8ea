"""The accessibility statement (public, DIGG's sections), the language form, and the help."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

DIGG_SECTIONS = [
    "lagen (2018:1937) om tillgänglighet till digital offentlig service",
    "Hur tillgänglig är portalen?",
    "delvis förenlig med lagen",
    "Innehåll som inte är tillgängligt",
    "Vad kan du göra om du inte kan använda delar av portalen?",
    "Rapportera brister i portalens tillgänglighet",
    "Tillsyn",
    "Myndigheten för digital förvaltning (DIGG)",
    "https://www.digg.se/tdosanmalan",
    "Hur vi testat portalen",
    'Senaste bedömningen gjordes den <span class="nowrap">1 december 2026</span>',
]


def test_statement_is_public_and_has_digg_sections(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@region.example"
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in DIGG_SECTIONS:
        assert text in html, text
    assert 'href="mailto:tillganglighet@region.example"' in html
    assert "tillgängligt format" in html


@pytest.mark.parametrize("url_name", ["login", "accessibility"])
def test_every_page_footer_links_the_statement(client, admin_client, url_name):
    link = f'href="{reverse("accessibility")}">Tillgänglighetsredogörelse</a>'
    assert link in client.get(reverse(url_name)).content.decode()
    assert link in admin_client.get(reverse("dashboard")).content.decode()


def test_language_changes_only_with_the_button():
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    form = base[base.index("<form action=\"{% url 'set_language' %}\"") :]
    form = form[: form.index("</form>")]
    assert 'type="submit"' in form and "Byt språk" in form
    assert "onchange" not in form
    script = (Path(settings.BASE_DIR) / "static" / "js" / "portal.js").read_text()
    assert "language" not in script.replace("// The language changes only", "")
    assert '"change"' not in script


def test_help_is_reachable_from_the_header_for_logged_in_users(client, admin_client):
    assert f'href="{reverse("help")}">Hjälp</a>' in admin_client.get("/").content.decode()
    assert client.get(reverse("help")).status_code == 302  # readable logged in


@pytest.mark.parametrize(
    ("role", "text"),
    [
        ("administrator", "Administration → Administratörer"),
        ("sammankallande", "Planera möte"),
        ("sekreterare", "Registrera beslut"),
        ("ledamot", "Jag justerar protokollet"),
    ],
)
def test_a_guide_per_role(user_client, role, text):
    index = user_client.get(reverse("help")).content.decode()
    assert f'href="{reverse("help_page", args=[role])}"' in index
    page = user_client.get(reverse("help_page", args=[role]))
    assert page.status_code == 200
    assert text in page.content.decode()


def test_an_unknown_guide_is_404(user_client):
    assert user_client.get(reverse("help_page", args=["okand"])).status_code == 404
