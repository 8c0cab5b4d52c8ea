"""Form building blocks shared by every app: Designsystemet classes and accessible errors."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

# One message for an unknown user, a wrong password, an inactive account and a lockout, so
# the login page tells nobody which accounts exist or which are locked (ASVS V6.3).
LOGIN_REFUSED = _(
    "Fel användarnamn eller lösenord, eller för många misslyckade försök. Försök igen om en stund."
)


class PortalFormMixin:
    """Gives every widget the design system's class and links errors to their field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                continue
            widget.attrs["class"] = (widget.attrs.get("class", "") + " ds-input").strip()

    def full_clean(self):
        super().full_clean()
        # Mark invalid fields for assistive technology once validation has run.
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            attrs["aria-describedby"] = " ".join(described)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class LoginForm(PortalFormMixin, AuthenticationForm):
    error_messages = {"invalid_login": LOGIN_REFUSED, "inactive": LOGIN_REFUSED}


class AdminLoginForm(AdminAuthenticationForm):
    """Django admin's login form, with the portal's one refusal message."""

    error_messages = {"invalid_login": LOGIN_REFUSED, "inactive": LOGIN_REFUSED}


class PortalPasswordChangeForm(PortalFormMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(PortalFormMixin, SetPasswordForm):
    pass


def posted(request):
    """The data a form binds to: the POST, even an empty one (so that an empty post shows
    every required field's error), or None for a GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None
