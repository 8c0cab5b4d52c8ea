"""The public register's filters: every bad value gets a Swedish message and is ignored."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import HealthcareRegion
from portal.forms import PortalFormMixin
from portal.widgets import LongSelect

KIND_DECISIONS = "beslut"
KIND_MINUTES = "protokoll"
KIND_COMMISSIONS = "uppdrag"
KINDS = [
    (KIND_DECISIONS, _("Beslut")),
    (KIND_MINUTES, _("Protokoll")),
    (KIND_COMMISSIONS, _("Uppdrag")),
]
# A run of five or more digits could be part of a personnummer: the public search cannot be
# used to find out whether someone's number is in a withheld or masked text.
LONG_DIGIT_RUN = re.compile(r"\d{5,}")


class RegisterFilterForm(PortalFormMixin, forms.Form):
    hide_optional = True  # every filter is optional; "(valfritt)" on each would be noise

    kind = forms.ChoiceField(
        label=_("Typ av handling"),
        choices=KINDS,
        required=False,
        error_messages={"invalid_choice": _("Välj beslut, protokoll eller uppdrag.")},
    )
    q = forms.CharField(
        label=_("Sök"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Skriv högst 100 tecken.")},
    )
    # The id of a body (the choices are (id, label) pairs, read from a cache).
    body = forms.TypedChoiceField(
        label=_("Organ"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
        error_messages={"invalid_choice": _("Välj ett organ i listan.")},
    )
    region = forms.ModelChoiceField(
        label=_("Sjukvårdsregion"),
        queryset=HealthcareRegion.objects.none(),
        required=False,
        empty_label=_("Alla"),
        error_messages={"invalid_choice": _("Välj en sjukvårdsregion i listan.")},
    )
    year = forms.TypedChoiceField(
        label=_("År"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Välj ett år i listan.")},
    )

    def __init__(self, data=None, *, bodies, regions, years):
        super().__init__(data)
        self.fields["body"].choices = [("", _("Alla")), *bodies]
        self.fields["region"].queryset = regions
        self.fields["year"].choices = [("", _("Alla"))] + [(y, str(y)) for y in years]

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if LONG_DIGIT_RUN.search(text.replace("-", "").replace("+", "")):
            raise forms.ValidationError(
                _("Sök inte på personnummer eller långa sifferföljder; de visas inte här.")
            )
        return text

    def filters(self) -> dict:
        """The valid filters; a field with an error counts as not given."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        data["kind"] = data.get("kind") or KIND_DECISIONS
        data["q"] = data.get("q") or ""
        return data
