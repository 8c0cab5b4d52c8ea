"""Sign-in with the region's identity provider over OpenID Connect (mozilla-django-oidc,
docs/decisions/0024). Off unless the OIDC_* variables are set. An account is found by its
e-mail address (the user's, or the person's it belongs to) and never created: someone the
portal does not know gets a Swedish message on the login page."""

import logging

import jwt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from requests import RequestException

logger = logging.getLogger("portal.security")

NO_ACCOUNT_ATTRIBUTE = "oidc_no_account_for"


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(email__iexact=email) | Q(person__email__iexact=email))
            .filter(is_active=True)
            .distinct()
        )

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            # OIDC_CREATE_USER is off: say on the login page why nobody was signed in.
            setattr(self.request, NO_ACCOUNT_ATTRIBUTE, True)
        return user

    def update_user(self, user, claims):
        return user  # the portal's own records are kept by its administrators


class PortalOIDCCallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_URL)

    def get(self, request):
        # The provider down, a refused code, a token that does not verify, an unknown state:
        # the login page with a message, never a server error.
        try:
            return super().get(request)
        except (RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError) as error:
            logger.warning("OpenID Connect sign-in failed: %s", error)
            return self.login_failure()

    def login_failure(self):
        if getattr(self.request, NO_ACCOUNT_ATTRIBUTE, False):
            messages.error(
                self.request,
                _(
                    "Du loggades in hos regionen, men det finns inget konto i "
                    "Samverkansportalen med din e-postadress. Be en administratör att lägga "
                    "upp dig med den e-postadress regionen har för dig."
                ),
            )
        else:
            messages.error(
                self.request,
                _(
                    "Inloggningen via regionens inloggningstjänst misslyckades. Försök igen "
                    "eller logga in med användarnamn och lösenord."
                ),
            )
        return super().login_failure()


def _only_when_enabled(view):
    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(wrapped)


oidc_start = _only_when_enabled(OIDCAuthenticationRequestView.as_view())
oidc_callback = _only_when_enabled(PortalOIDCCallbackView.as_view())
