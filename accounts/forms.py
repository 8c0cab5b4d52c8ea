from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin


class TokenForm(PortalFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kod"),
        max_length=20,
        help_text=_("Den sexsiffriga koden i din autentiseringsapp, eller en av dina reservkoder."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        error_messages={"required": _("Skriv in koden.")},
    )


class EnrolForm(PortalFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kod från appen"),
        max_length=20,
        help_text=_("Skriv in den sexsiffriga kod som appen visar för Samverkansportalen."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Skriv in koden från appen.")},
    )
