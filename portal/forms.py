"""Form building blocks shared by every app: Designsystemet classes and accessible errors."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm


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
    pass


class PortalPasswordChangeForm(PortalFormMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(PortalFormMixin, SetPasswordForm):
    pass
