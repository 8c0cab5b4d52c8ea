"""The second factor's pages: verification after the password, enrolment, recovery codes,
the user's overview and an administrator's reset. Thin: access → form → service → page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import default_key

from accounts import selectors, services
from accounts.forms import EnrolForm, TokenForm
from accounts.middleware import second_factor_exempt
from accounts.session import is_verified, needs_verification
from groups.access import user_for_administration
from groups.selectors import person_of_user
from portal import gdpr
from portal.forms import posted

ENROLMENT_KEY = "two_factor_enrolment_key"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.isprintable() and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("dashboard")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@second_factor_exempt
def verify(request):
    if not needs_verification(request):
        return HttpResponseRedirect(_next_url(request))
    if not selectors.has_device(request.user):
        return redirect(_with_next("accounts:enrol", _next_url(request)))
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "token",
            _(
                "Koden stämmer inte eller har redan använts. Efter ett fel får du vänta "
                "en stund innan nästa försök."
            ),
        )
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@second_factor_exempt
def enrol(request):
    # Setting up a new app needs the old one first, when there is one: otherwise a password
    # alone could replace the factor.
    if not is_verified(request) and selectors.has_device(request.user):
        return redirect(_with_next("accounts:verify", reverse("accounts:enrol")))
    key_hex = request.session.get(ENROLMENT_KEY)
    if not key_hex:
        key_hex = request.session[ENROLMENT_KEY] = default_key()
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enrol(
                actor=request.user,
                request=request,
                key_hex=key_hex,
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            for message in error.message_dict.get("token", error.messages):
                form.add_error("token", message)
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "enrolled": True, "next": _next_url(request)},
            )
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "enrolment": selectors.enrolment(request.user, key_hex),
            "next": _next_url(request),
        },
    )


@require_safe
def overview(request):
    return render(
        request,
        "accounts/overview.html",
        {
            "status": selectors.two_factor_status(request.user),
            "has_person": person_of_user(request.user) is not None,
        },
    )


@require_safe
def my_data(request):
    """The user's own data, as the administrators' export gives it (GDPR art. 15 and 20)."""
    person = person_of_user(request.user)
    if person is None:
        raise Http404
    return gdpr.personal_data_download(request, person)


@require_POST
def recovery_codes(request):
    try:
        codes = services.recovery_codes_regenerate(actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:overview")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "enrolled": False, "next": reverse("accounts:overview")},
    )


@require_POST
def reset(request, user_id: int):
    user = user_for_administration(user_id, user=request.user)
    services.two_factor_reset(actor=request.user, user=user, request=request)
    messages.success(
        request,
        _(
            "Tvåfaktorsinloggningen för %(username)s är återställd. Vid nästa inloggning "
            "får hen aktivera en ny app om hen måste använda två faktorer."
        )
        % {"username": user.get_username()},
    )
    return HttpResponseRedirect(_next_url(request))
