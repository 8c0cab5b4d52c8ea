import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_logged_out_pages_redirect_to_login(client):
    for url in ["/", "/grupper/", "/konto/losenord/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/?next=")


def test_login_page_is_swedish(client):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv"' in content
    assert "Användarnamn" in content
    assert "Hoppa till huvudinnehållet" in content


def test_unknown_page_is_swedish_404(admin_client):
    response = admin_client.get("/det-har-finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_dashboard_shows_name_and_navigation(admin_client):
    response = admin_client.get("/")
    content = response.content.decode()
    assert "Välkommen, Anna Administratör" in content
    assert 'aria-label="Huvudmeny"' in content
    for label in ["Grupper", "Uppdrag", "Möten", "Beslut", "Ekonomi"]:
        assert f">{label}</a>" in content


def test_password_change_uses_validators(admin_client):
    response = admin_client.post(
        reverse("password_change"),
        {"old_password": "Samverkan-2026!", "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Det här lösenordet är för kort" in content
    response = admin_client.post(
        reverse("password_change"),
        {
            "old_password": "Samverkan-2026!",
            "new_password1": "Regionsamverkan-2027",
            "new_password2": "Regionsamverkan-2027",
        },
    )
    assert response.status_code == 302


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_templates_have_no_inline_scripts_or_styles():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "pdf" not in path.parts
        and ("<script>" in path.read_text() or " style=" in path.read_text())
    ]
    assert offenders == []


def test_error_pages_are_swedish(rf, user):
    from django.core.exceptions import PermissionDenied

    from portal.views import errors

    request = rf.get("/")
    request.user = user
    assert "Ett fel uppstod" in errors.server_error(request).content.decode()
    response = errors.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Du saknar behörighet" in response.content.decode()


def test_swedish_even_for_english_browsers_until_english_is_chosen(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv"' in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/konto/logga-in/"})
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="sv")
    assert '<html lang="en"' in response.content.decode()
