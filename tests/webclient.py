"""A small HTTP client for tests against real servers: cookies, CSRF token, forms, uploads.

Django's test client calls the application in-process; the tests of several app servers need
real HTTP, to a chosen port, with one browser's cookies sent to whichever server is asked.
"""

from __future__ import annotations

import http.client
import re
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    @property
    def served_by(self) -> str:
        """The app server haproxy sent the request to (its X-Served-By header)."""
        return self.headers.get("X-Served-By", "")

    def csrf_token(self) -> str:
        found = CSRF_FIELD.search(self.text)
        assert found, f"no CSRF token in the page (HTTP {self.status})"
        return found.group(1)

    def hidden(self, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        assert found, f"no field {name} in the page"
        return found.group(1)


@dataclass
class Browser:
    """One user's cookies, sent to any of the servers (each request on a new connection, so
    a load balancer places every request by itself)."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, url: str, *, body: bytes = b"", content_type: str = ""
    ) -> Response:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        headers = {"Host": parts.netloc}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(
                method,
                parts.path + (f"?{parts.query}" if parts.query else ""),
                body=body or None,
                headers=headers,
            )
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url: str) -> Response:
        return self.request("GET", url)

    def post(self, url: str, data: dict, *, files: dict | None = None) -> Response:
        """A form POST; files = {field: (filename, bytes)} makes it multipart."""
        if not files:
            body = urlencode(data, doseq=True).encode()
            return self.request(
                "POST", url, body=body, content_type="application/x-www-form-urlencoded"
            )
        boundary = uuid.uuid4().hex
        chunks = []
        for name, value in data.items():
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            chunks.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        chunks.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST",
            url,
            body=b"".join(chunks),
            content_type=f"multipart/form-data; boundary={boundary}",
        )

    def log_in(self, base_url: str, username: str, password: str, *, code=None) -> Response:
        """Through the login form, as a person would: its page gives the CSRF token. `code()`
        gives the authenticator app's code when the second factor is asked for."""
        page = self.get(f"{base_url}/konto/logga-in/")
        assert page.status == 200, page.status
        response = self.post(
            f"{base_url}/konto/logga-in/",
            {
                "csrfmiddlewaretoken": page.csrf_token(),
                "username": username,
                "password": password,
            },
        )
        assert response.status == 302, f"login refused (HTTP {response.status})"
        verify_url = f"{base_url}/konto/tvafaktor/verifiera/"
        if code is not None:
            page = self.get(verify_url)
            if page.status == 200:
                response = self.post(
                    verify_url, {"csrfmiddlewaretoken": page.csrf_token(), "token": code()}
                )
                assert response.status == 302, f"code refused (HTTP {response.status})"
        return response
