"""Administrators see who is locked out of logging in and can let them in again."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import login_protection
from portal.access import require_administrator


class UnlockForm(forms.Form):
    username = forms.CharField(required=False, max_length=255)
    ip_address = forms.GenericIPAddressField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("username") and not data.get("ip_address"):
            raise forms.ValidationError(gettext_lazy("Ange vilken spärr som ska hävas."))
        return data


def lockout_list(request):
    require_administrator(request.user)
    if request.method == "POST":
        form = UnlockForm(request.POST)
        if form.is_valid():
            login_protection.lockout_release(
                actor=request.user,
                request=request,
                username=form.cleaned_data["username"] or None,
                ip_address=form.cleaned_data["ip_address"] or None,
            )
            target = ", ".join(
                value
                for value in (form.cleaned_data["username"], form.cleaned_data["ip_address"])
                if value
            )
            messages.success(request, _("Spärren för %(target)s är hävd.") % {"target": target})
        else:
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("lockout_list")
    return render(
        request,
        "portal/lockouts.html",
        {"lockouts": login_protection.current_lockouts(), "policy": login_protection.policy()},
    )
