"""Sign-in through OpenID Connect against a fake identity provider: a real HTTP server on
127.0.0.1 answering the token and userinfo endpoints, as the region's provider would."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.test import Client
from django.urls import reverse

from portal.access import ADMINISTRATORS_GROUP
from tests.groups.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

CLIENT_ID = "samverkansportalen"
CLIENT_SECRET = "a-shared-secret-for-the-fake-provider-only"


class FakeProvider:
    """Issues an ID token for whatever e-mail the test chooses, with the nonce the portal
    sent in its authorisation request; counts the calls."""

    def __init__(self):
        self.email = ""
        self.nonce = ""
        self.token_requests: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict, status: int = 200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                if form.get("client_secret") != CLIENT_SECRET or form.get("code") != "good":
                    return self._json({"error": "invalid_grant"}, status=400)
                now = int(time.time())
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "sub": "user-1",
                        "aud": CLIENT_ID,
                        "iat": now,
                        "exp": now + 300,
                        "nonce": provider.nonce,
                    },
                    CLIENT_SECRET,
                    algorithm="HS256",
                )
                return self._json(
                    {"access_token": "access-1", "id_token": id_token, "token_type": "Bearer"}
                )

            def do_GET(self):
                if self.headers.get("Authorization") != "Bearer access-1":
                    return self._json({"error": "invalid_token"}, status=401)
                return self._json({"sub": "user-1", "email": provider.email})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(settings):
    with FakeProvider() as fake:
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_RP_SIGN_ALGO = "HS256"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{fake.url}/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{fake.url}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{fake.url}/userinfo"
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "accounts.oidc.PortalOIDCBackend",
        ]
        yield fake


def sign_in(client: Client, provider: FakeProvider, email: str, *, code: str = "good"):
    """The browser's round trip: to the provider and back with a code."""
    start = client.get(reverse("accounts:oidc_start"))
    assert start.status_code == 302
    location = urlparse(start["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{provider.url}/authorize"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
    provider.nonce, provider.email = query["nonce"], email
    return client.get(
        reverse("accounts:oidc_callback"), {"code": code, "state": query["state"]}, follow=True
    )


def test_a_known_e_mail_signs_in(provider):
    user = UserFactory(username="maria", email="Maria.Svensson@Region.example")
    client = Client()
    response = sign_in(client, provider, "maria.svensson@region.example")
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.status_code == 200
    assert int(client.session["_auth_user_id"]) == user.pk
    assert provider.token_requests[0]["redirect_uri"].endswith("/konto/tvafaktor/oidc/callback/")


def test_the_person_s_e_mail_finds_the_account_too(provider):
    user = UserFactory(username="per", email="")
    PersonFactory(user=user, email="per.persson@region.example")
    client = Client()
    sign_in(client, provider, "per.persson@region.example")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_unknown_e_mail_creates_nothing_and_says_so(provider, django_user_model):
    UserFactory(username="maria", email="maria@region.example")
    before = django_user_model.objects.count()
    client = Client()
    response = sign_in(client, provider, "okand@region.example")
    assert django_user_model.objects.count() == before
    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "det finns inget konto i Samverkansportalen med din e-postadress" in (
        response.content.decode()
    )


def test_an_inactive_account_is_not_signed_in(provider):
    UserFactory(username="gone", email="gone@region.example", is_active=False)
    client = Client()
    response = sign_in(client, provider, "gone@region.example")
    assert "_auth_user_id" not in client.session
    assert "inget konto" in response.content.decode()


def test_a_refused_code_says_the_sign_in_failed(provider):
    UserFactory(username="maria", email="maria@region.example")
    client = Client()
    response = sign_in(client, provider, "maria@region.example", code="bad")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Inloggningen via regionens inloggningstjänst misslyckades" in (
        response.content.decode()
    )


def test_a_forged_state_is_refused_with_the_message(provider):
    client = Client()
    client.get(reverse("accounts:oidc_start"))
    response = client.get(
        reverse("accounts:oidc_callback"), {"code": "good", "state": "forged"}, follow=True
    )
    assert response.status_code == 200 and "misslyckades" in response.content.decode()


def test_an_administrator_still_gives_the_second_factor(provider):
    user = UserFactory(username="anna", email="anna@region.example")
    user.groups.add(AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)[0])
    client = Client()
    response = sign_in(client, provider, "anna@region.example")
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:enrol"))


def test_off_when_not_configured(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get(reverse("accounts:oidc_start")).status_code == 404
    assert "Logga in via regionen" not in client.get(reverse("login")).content.decode()


def test_the_login_page_offers_it_when_configured(provider, client):
    assert "Logga in via regionen" in client.get(reverse("login")).content.decode()
