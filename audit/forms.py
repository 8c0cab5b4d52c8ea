from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit import selectors
from portal.forms import DateInput, PortalFormMixin


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class AuditFilterForm(PortalFormMixin, forms.Form):
    user = UserChoiceField(
        label=_("Användare"),
        required=False,
        queryset=get_user_model().objects.order_by("last_name", "first_name", "username"),
        empty_label=_("Alla"),
    )
    action = forms.ChoiceField(label=_("Händelse"), required=False)
    object_type = forms.ChoiceField(label=_("Objekttyp"), required=False)
    object_id = forms.IntegerField(label=_("Objekt-id"), required=False, min_value=1)
    date_from = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Alla")), *selectors.ACTIONS.items()]
        self.fields["object_type"].choices = [("", _("Alla")), *selectors.object_type_choices()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Slutdatum kan inte vara före startdatum."))
        return data

    def filters(self) -> selectors.Filters:
        """What to show: the valid filters, or everything while the form has errors."""
        if not self.is_valid():
            return selectors.Filters()
        data = self.cleaned_data
        return selectors.Filters(
            user=data.get("user"),
            object_type=data.get("object_type", ""),
            object_id=data.get("object_id"),
            action=data.get("action", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
