"""Security headers and session limits on every response.

A strict Content-Security-Policy: the portal loads nothing from elsewhere and runs no inline
script or style, so an injected tag can do nothing. A Permissions-Policy that switches off the
browser features the portal never uses. Sessions end when idle or too old (portal.sessions).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal import events, sessions
from portal.pdf_limits import PdfRefused

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


# Every powerful feature off for the portal and anything it might embed. WebAuthn
# (publickey-credentials-*) stays allowed for a later second factor.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SessionTimeoutMiddleware:
    """Ends a session idle for SESSION_IDLE_TIMEOUT or older than SESSION_ABSOLUTE_TIMEOUT.

    The user is logged out before the view runs, so LoginRequiredMiddleware sends them to the
    login page (keeping where they were going), which says why.
    """

    MESSAGES = {
        sessions.IDLE: lambda: _(
            "Du har varit inaktiv en längre stund och har loggats ut. Logga in igen."
        ),
        sessions.ABSOLUTE: lambda: _(
            "Din inloggning har varat längsta tillåtna tid och har avslutats. Logga in igen."
        ),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = sessions.session_expiry(request.session, int(time.time()))
            if expired:
                events.record_event(
                    events.SESSION_EXPIRED,
                    request=request,
                    user=user,
                    detail=_("Inaktiv för länge")
                    if expired == sessions.IDLE
                    else _("Längsta tid för en inloggning"),
                )
                request.session_expired = True
                logout(request)
                messages.info(request, self.MESSAGES[expired]())
        return self.get_response(request)


class SwedishByDefaultLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the user chose another language (the language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language; a public-sector tool
    in Sweden speaks Swedish to everyone, and offers English as a choice.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PdfRefusedMiddleware:
    """A PDF over its time or memory bound (portal.pdf_limits) answers a Swedish page saying
    so, with status 503, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PdfRefused):
            return None
        referer = request.headers.get("referer", "")
        back_url = (
            referer
            if url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            else reverse("dashboard")
        )
        response = render(
            request,
            "pdf_refused.html",
            {"message": exception.message, "back_url": back_url},
            status=503,
        )
        if exception.retry_after:
            response["Retry-After"] = str(exception.retry_after)
        return response
