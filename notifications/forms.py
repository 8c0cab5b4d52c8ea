"""Input of the notifications pages, with Swedish messages at the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms.meetings import SetupFormMixin
from governance.models import RecipientKind
from groups.forms import GroupChoiceField
from groups.models import Group, Person, Region
from notifications.models import MANDATORY_KINDS, MessageKind, MessageStatus
from portal.forms import PortalFormMixin

INVALID_EMAIL = _("Ange en giltig e-postadress, t.ex. namn@region.se.")


class RecipientForm(SetupFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Typ av mottagare"),
        choices=RecipientKind.choices,
        error_messages={"required": _("Välj typ av mottagare.")},
    )
    group = GroupChoiceField(label=_("Grupp"), queryset=Group.objects.none(), required=False)
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    name = forms.CharField(
        label=_("Namn (extern mottagare)"),
        max_length=200,
        required=False,
        help_text=_("T.ex. Chef Område teknik, diagnostik och service."),
    )
    email = forms.EmailField(
        label=_("E-postadress (region eller extern mottagare)"),
        required=False,
        error_messages={"invalid": INVALID_EMAIL},
    )

    def __init__(self, *args, groups, people, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["person"].queryset = people
        self.fields["region"].queryset = regions
        self.finish_setup()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needs = {
            RecipientKind.GROUP: [("group", _("Välj en grupp."))],
            RecipientKind.PERSON: [("person", _("Välj en person."))],
            RecipientKind.REGION: [
                ("region", _("Välj en region.")),
                ("email", _("Ange regionens e-postadress (t.ex. registratorn).")),
            ],
            RecipientKind.EXTERNAL: [
                ("name", _("Ange mottagarens namn.")),
                ("email", _("Ange mottagarens e-postadress.")),
            ],
        }
        for field, message in needs.get(kind, []):
            if not data.get(field) and field not in self.errors:
                self.add_error(field, message)
        return data


class PreferencesForm(PortalFormMixin, forms.Form):
    """One checkbox per kind of mail; kallelse and dispatch are shown, ticked and locked."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[row.kind] = forms.BooleanField(
                label=row.label,
                required=False,
                initial=row.enabled,
                disabled=row.mandatory,
                help_text=_("Skickas alltid: en del av gruppens arbete.") if row.mandatory else "",
            )

        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def enabled_kinds(self) -> set[str]:
        return {
            kind
            for kind in MessageKind.values
            if kind not in MANDATORY_KINDS and self.cleaned_data.get(kind)
        }


class OutboxFilterForm(PortalFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla")), *MessageStatus.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Typ"), choices=[("", _("Alla")), *MessageKind.choices], required=False
    )
    q = forms.CharField(label=_("Sök mottagare eller ämne"), max_length=100, required=False)
