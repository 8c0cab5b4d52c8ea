from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from groups.models import (
    Group,
    GroupKind,
    GroupStatus,
    HealthcareRegion,
    HostingKind,
    Membership,
    Person,
    Region,
)
from portal.forms import DateInput, PortalFormMixin


class _GroupChoiceMixin:
    """A group as a choice: its name with its healthcare region, since names repeat across
    regions ("RPO Barn och ungdomars hälsa (Södra)"). Joins the region in the same query."""

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        if queryset is not None:
            queryset = queryset.select_related("healthcare_region")
        super()._set_queryset(queryset)

    queryset = property(_get_queryset, _set_queryset)

    def label_from_instance(self, obj: Group) -> str:
        return obj.choice_label


class GroupChoiceField(_GroupChoiceMixin, forms.ModelChoiceField):
    pass


class GroupMultipleChoiceField(_GroupChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class GroupFilterForm(PortalFormMixin, forms.Form):
    hide_optional = True  # every filter is optional; saying so on each is noise
    q = forms.CharField(label=_("Sök namn"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Typ"), required=False, choices=[("", _("Alla typer")), *GroupKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *GroupStatus.choices]
    )
    healthcare_region = forms.ModelChoiceField(
        label=_("Sjukvårdsregion"),
        required=False,
        queryset=HealthcareRegion.objects.order_by("name"),
        empty_label=_("Alla"),
    )
    host_region = forms.ModelChoiceField(
        label=_("Värdregion"),
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label=_("Alla"),
    )


class GroupForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "healthcare_region",
            "is_national",
            "parent",
            "hosting_kind",
            "host_region",
            "status",
            "start_date",
            "end_date",
            "description",
            "contact_email",
            "notice_board",
            "minutes_kept_at",
        ]
        field_classes = {"parent": GroupChoiceField}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Group.objects.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].help_text = _(
            "En grupp i samma sjukvårdsregion, eller en nationell grupp."
        )
        self.fields["host_region"].queryset = Region.objects.order_by("name")
        self.fields["hosting_kind"].choices = [("", _("– Inget –")), *HostingKind.choices]


class PersonForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "employer", "email", "phone"]


class MembershipForm(PortalFormMixin, forms.ModelForm):
    """Add a member: an existing person, or a new one typed in the same form."""

    person = forms.ModelChoiceField(
        label=_("Befintlig person"),
        required=False,
        queryset=Person.objects.order_by("last_name", "first_name"),
        empty_label=_("– Ny person (fyll i nedan) –"),
    )
    new_first_name = forms.CharField(label=_("Förnamn"), required=False, max_length=100)
    new_last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=100)
    new_title = forms.CharField(label=_("Titel/yrke"), required=False, max_length=200)
    new_email = forms.EmailField(label=_("E-post"), required=False)

    class Meta:
        model = Membership
        fields = ["role", "region", "start_date", "end_date", "voting_right", "note"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    field_order = [
        "person",
        "new_first_name",
        "new_last_name",
        "new_title",
        "new_email",
        "role",
        "region",
        "start_date",
        "end_date",
        "voting_right",
        "note",
    ]

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        regions = Region.objects.order_by("name")
        if not group.is_national:  # a national group has members from the whole country
            regions = regions.filter(healthcare_region_id=group.healthcare_region_id)
        self.fields["region"].queryset = regions
        self.fields["region"].required = True

    def clean(self):
        data = super().clean()
        if not data.get("person"):
            missing = {
                name: _("Ange förnamn för en ny person, eller välj en befintlig person.")
                if name == "new_first_name"
                else _("Ange efternamn för en ny person.")
                for name in ("new_first_name", "new_last_name")
                if not data.get(name)
            }
            for name, message in missing.items():
                self.add_error(name, message)
            email = data.get("new_email")
            if email and Person.objects.filter(email__iexact=email).exists():
                self.add_error(
                    "new_email",
                    _("Det finns redan en person med den e-postadressen. Välj personen i listan."),
                )
        return data

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if not self.cleaned_data.get("person"):
            exclude.add("person")  # a new person is created by the view's service call
        return exclude

    def _post_clean(self):
        self.instance.group = self.group
        if self.cleaned_data.get("person"):
            self.instance.person = self.cleaned_data["person"]
        super()._post_clean()


class MembershipEndForm(PortalFormMixin, forms.Form):
    end_date = forms.DateField(label=_("Sista dag i uppdraget"), widget=DateInput())
    reason = forms.CharField(label=_("Anledning"), required=False, max_length=300)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end_date = self.cleaned_data["end_date"]
        if end_date < self.membership.start_date:
            raise forms.ValidationError(
                _("Slutdatum kan inte vara före startdatum (%(date)s).")
                % {"date": self.membership.start_date.isoformat()}
            )
        return end_date


class MemberImportForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med medlemmar (CSV eller XLSX)"),
        help_text=_("Kolumnerna beskrivs i anvisningen nedan. Högst 5 MB."),
    )


# --- administration -----------------------------------------------------------------------


class HealthcareRegionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = HealthcareRegion
        fields = ["name", "short_name", "slug"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["short_name"].required = True


class RegionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "code", "county_code", "healthcare_region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["healthcare_region"].queryset = HealthcareRegion.objects.order_by("name")
        self.fields["healthcare_region"].empty_label = _("– Välj sjukvårdsregion –")


POPULATION_SOURCE = _("SCB, folkmängd den 31 december")


class PopulationImportForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med folkmängd (CSV eller XLSX)"),
        help_text=_("SCB:s tabell per län och år, eller kolumnerna region, år och folkmängd."),
    )
    source = forms.CharField(
        label=_("Källa"),
        max_length=200,
        initial=POPULATION_SOURCE,
        help_text=_("Sparas med varje siffra, t.ex. SCB, folkmängd den 31 december."),
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class AdministratorGrantForm(PortalFormMixin, forms.Form):
    user = UserChoiceField(
        label=_("Användare"),
        queryset=get_user_model().objects.none(),
        empty_label=_("– Välj användare –"),
        help_text=_("Personer med inloggning som inte redan är administratörer."),
        error_messages={"required": _("Välj vem som ska bli administratör.")},
    )
    reason = forms.CharField(
        label=_("Anledning"),
        max_length=300,
        required=False,
        help_text=_("T.ex. Ny handläggare på kansliet. Sparas i historiken."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class AdministratorRevokeForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Anledning"),
        max_length=300,
        required=False,
        help_text=_("T.ex. Slutat på kansliet. Sparas i historiken."),
    )
