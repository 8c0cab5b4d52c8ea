"""Sends a logged-in user who needs the second factor and has not given it to the
verification (or, without an authenticator app yet, the enrolment). Public pages, logout and
the factor's own pages are open; static files never get here (WhiteNoise answers first)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from accounts.session import needs_verification


def second_factor_exempt(view):
    """Marks a view that a user without the factor may open (logout, the factor's pages)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not needs_verification(request):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages (login_not_required)
        if getattr(view_func, "second_factor_exempt", False):
            return None
        target = reverse("accounts:verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
