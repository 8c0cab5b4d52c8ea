from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalFormMixin
from search.selectors import KIND_CHOICES


class SearchForm(PortalFormMixin, forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Sök i portalen"), required=False, max_length=100)
    typ = forms.ChoiceField(
        label=_("Visa"), required=False, choices=[("", _("Allt")), *KIND_CHOICES]
    )
