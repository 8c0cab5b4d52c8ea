from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import (
    Commission,
    CommissionStatus,
    Decision,
    Deliverable,
    SectionTemplate,
)
from governance.models.commissions import SECTION_BODY_MAX_LENGTH
from governance.services.commissions import SectionInput
from groups.forms import GroupChoiceField
from groups.models import Group
from portal.forms import DateInput, PortalFormMixin
from portal.widgets import LongSelect

TOO_LONG = _(
    "Texten är för lång: högst %(limit_value)d tecken är tillåtet, den har %(show_value)d."
)


def _groups():
    return Group.objects.select_related("healthcare_region").order_by("name")


class CommissionFilterForm(PortalFormMixin, forms.Form):
    """The commission list's filters; commissioner and assignee are group ids, their choices
    (id, label) from selectors.commission_filter_choices."""

    q = forms.CharField(label=_("Sök titel eller diarienummer"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *CommissionStatus.choices]
    )
    commissioner = forms.TypedChoiceField(
        label=_("Uppdragsgivare"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    assignee = forms.TypedChoiceField(
        label=_("Grupp/enhet"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    overdue = forms.BooleanField(label=_("Bara med försenade leveranser"), required=False)

    def __init__(self, data=None, *, commissioners, assignees):
        super().__init__(data)
        self.fields["commissioner"].choices = [("", _("Alla")), *commissioners]
        self.fields["assignee"].choices = [("", _("Alla")), *assignees]


class CommissionForm(PortalFormMixin, forms.ModelForm):
    commissioner = GroupChoiceField(label=_("Uppdragsgivare"), queryset=_groups())
    assignee = GroupChoiceField(
        label=_("Grupp/enhet"),
        queryset=_groups(),
        help_text=_("Gruppen som utför uppdraget."),
    )

    class Meta:
        model = Commission
        fields = [
            "title",
            "commissioner",
            "assignee",
            "assignee_description",
            "kind",
            "registry_number",
            "start_date",
            "end_date",
            "signatory_name",
            "signatory_title",
            "signed_on",
        ]
        labels = {"title": _("Titel (projektnamn)")}
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "signed_on": DateInput(),
            "assignee_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commissioner"].queryset = _groups()
        self.fields["assignee"].queryset = _groups()


class CommissionCreateForm(CommissionForm):
    template = forms.ModelChoiceField(
        label=_("Börja från mall"),
        queryset=SectionTemplate.objects.order_by("name"),
        required=False,
        empty_label=_("Ingen mall (inga avsnitt)"),
        widget=forms.RadioSelect,
        help_text=_(
            "Mallen ger uppdraget dess rubriker. Du kan lägga till, ta bort och flytta "
            "avsnitt efteråt."
        ),
    )

    class Meta(CommissionForm.Meta):
        fields = ["template", *CommissionForm.Meta.fields]


class CommissionEditForm(CommissionForm):
    reason = forms.CharField(
        label=_("Anledning till ändringen"),
        required=False,
        max_length=300,
        help_text=_("Krävs när ett beslutat uppdrags text ändras. Sparas i historiken."),
    )


class SectionForm(PortalFormMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    position = forms.IntegerField(label=_("Ordning"), min_value=1, max_value=999)
    heading = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        error_messages={"required": _("Avsnittet behöver en rubrik.")},
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=SECTION_BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": TOO_LONG,
            "required": _("Avsnittet är obligatoriskt och får inte vara tomt. Skriv en text."),
        },
    )
    required = forms.BooleanField(label=_("Obligatoriskt (får inte vara tomt)"), required=False)

    def __init__(self, *args, check_required: bool = True, draft: bool = False, **kwargs):
        """check_required: an obligatory section's text must be written now (a commission
        that is no longer a draft). A draft is written bit by bit (draft=True: its obligatory
        sections say so, and are checked when it is decided). A template's text is only a
        starting point: neither applies."""
        # Set first: PortalFormMixin validates a bound form while initialising.
        self.check_required = check_required
        super().__init__(*args, **kwargs)
        obligatory = bool(self["required"].value())
        # Show a required section's text as required (no "valfritt"), and validate it so: the
        # field's own "required" check is the one message (clean() must not repeat it).
        self.fields["body"].required = check_required and obligatory
        if draft and obligatory:
            self.hide_optional = True
            self.fields["body"].help_text = _(
                "Obligatoriskt: måste vara ifyllt innan uppdraget beslutas. Utkastet kan "
                "sparas utan text."
            )

    def clean(self):
        data = super().clean()
        body = data.get("body")
        if self.fields["body"].required and body is not None and not body.strip():
            # Only spaces: the required check passed on "   " (strip=False keeps indentation).
            self.add_error("body", self.fields["body"].error_messages["required"])
        return data


class BaseSectionFormSet(forms.BaseFormSet):
    empty_message = _("Uppdraget behöver minst ett avsnitt.")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort avsnittet")
            form.fields["DELETE"].widget.attrs["class"] = "ds-input"
        # PortalFormMixin validated the bound form before the formset added DELETE (and before
        # SectionForm knew whether the text is required); validate again and mark the errors.
        form._errors = None
        if form.is_bound:
            for name in form.errors:
                if name in form.fields:
                    bound = form[name]
                    form.fields[name].widget.attrs["aria-invalid"] = "true"
                    form.fields[name].widget.attrs["aria-describedby"] = f"{bound.auto_id}_error"

    def clean(self):
        if any(self.errors):
            return
        if all(self._should_delete_form(form) for form in self.forms):
            raise forms.ValidationError(self.empty_message)

    def ordered_sections(self) -> list[SectionInput]:
        """The kept sections in the order of their position fields (ties keep page order)."""
        rows = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            data = form.cleaned_data
            rows.append(
                (
                    data["position"],
                    index,
                    SectionInput(
                        id=data.get("id"),
                        heading=data["heading"],
                        body=data.get("body") or "",
                        required=data.get("required", False),
                    ),
                )
            )
        return [row[2] for row in sorted(rows, key=lambda r: (r[0], r[1]))]


SectionFormSet = forms.formset_factory(
    SectionForm, formset=BaseSectionFormSet, extra=0, can_delete=True, max_num=100
)


class BaseTemplateItemFormSet(BaseSectionFormSet):
    empty_message = _("Mallen behöver minst ett avsnitt.")


TemplateItemFormSet = forms.formset_factory(
    SectionForm, formset=BaseTemplateItemFormSet, extra=0, can_delete=True, max_num=100
)


def raw_rows(formset) -> list[dict]:
    """What the user typed in each section, unvalidated, for re-showing after move/add."""
    rows = []
    for index, form in enumerate(formset.forms):
        row = {
            name: form[name].value() for name in ("id", "position", "heading", "body", "required")
        }
        row["DELETE"] = bool(form["DELETE"].value())
        try:
            row["position"] = int(row["position"])
        except (TypeError, ValueError):
            row["position"] = index + 1
        row["_index"] = index
        rows.append(row)
    rows.sort(key=lambda r: (r["position"], r["_index"]))
    return rows


def move_row(rows: list[dict], index: int, direction: str) -> int:
    """Move a row up or down; return its new index. Positions are renumbered 1..n."""
    target = index - 1 if direction == "up" else index + 1
    if 0 <= index < len(rows) and 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    else:
        target = index
    for position, row in enumerate(rows, start=1):
        row["position"] = position
        row.pop("_index", None)
    return target


class StatusChangeForm(PortalFormMixin, forms.Form):
    on_date = forms.DateField(label=_("Datum"), widget=DateInput())
    decision = forms.ModelChoiceField(
        label=_("Beslut"),
        required=False,
        queryset=Decision.objects.none(),
        empty_label=_("– Inget beslut i portalen –"),
        help_text=_("Beslutet bakom statusändringen, om det finns i portalen."),
    )
    reason = forms.CharField(label=_("Kommentar"), required=False, max_length=300)

    def __init__(self, *args, commission: Commission, with_decision: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_decision:
            self.fields["decision"].queryset = (
                Decision.objects.filter(body=commission.commissioner)
                .select_related("body")
                .order_by("-decision_date", "-number")
            )
        else:
            del self.fields["decision"]


class DeliverableForm(PortalFormMixin, forms.ModelForm):
    recipient = GroupChoiceField(label=_("Mottagare"), queryset=_groups(), required=False)

    class Meta:
        model = Deliverable
        fields = ["title", "due_date", "recipient", "recurrence", "is_final", "note"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = _groups()


class DeliveryForm(PortalFormMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Levererad"), widget=DateInput())
    document = forms.CharField(
        label=_("Dokument"),
        required=False,
        max_length=500,
        help_text=_("Länk (https://…) eller hänvisning, t.ex. ”Årsrapport 2024, avsnitt 3”."),
    )
    decision = forms.ModelChoiceField(
        label=_("Beslut"),
        required=False,
        queryset=Decision.objects.none(),
        empty_label=_("– Inget beslut –"),
    )
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=500)

    def __init__(self, *args, deliverable: Deliverable, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = [deliverable.commission.commissioner_id]
        if deliverable.recipient_id:
            bodies.append(deliverable.recipient_id)
        self.fields["decision"].queryset = (
            Decision.objects.filter(body_id__in=bodies)
            .select_related("body")
            .order_by("-decision_date", "-number")
        )

    def clean_document(self):
        document = self.cleaned_data["document"].strip()
        if document.lower().startswith(("javascript:", "data:")):
            raise forms.ValidationError(_("Ange en https-länk eller en textuell hänvisning."))
        return document


class SectionTemplateForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = SectionTemplate
        fields = ["name", "kind", "description"]
