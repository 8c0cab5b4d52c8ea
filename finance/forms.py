from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from finance.models import Budget, BudgetLine, BudgetRevision, LineKind
from finance.numbers import NumberError, format_amount, parse_amount
from finance.services import LineInput
from governance.models import Decision
from portal.forms import PortalFormMixin


class AmountField(forms.Field):
    """A tkr amount typed the Swedish way: 8441, 8 441, −6 617, 1,5. Empty is zero."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 30})

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return format_amount(value, separator=" ")

    def to_python(self, value):
        text = (value or "").strip()
        if len(text) > 30:
            raise forms.ValidationError(_("Skriv ett belopp i tkr, t.ex. 8441, 8 441 eller 1,5."))
        try:
            return parse_amount(text)
        except NumberError as error:
            if str(error) == "too many decimals":
                raise forms.ValidationError(_("Högst två decimaler.")) from error
            raise forms.ValidationError(
                _("Skriv ett belopp i tkr, t.ex. 8441, 8 441 eller 1,5.")
            ) from error


class BudgetImportForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med budgeten (CSV eller XLSX)"),
        help_text=_("Formatet beskrivs nedan. Högst 5 MB."),
    )
    owner = forms.ModelChoiceField(
        label=_("Ägare (beslutande organ)"), queryset=None, empty_label=_("– Välj organ –")
    )
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=300,
        help_text=_("T.ex. Ekonomisk sammanställning kansli och nämnd 2020–2022."),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class BudgetLineForm(PortalFormMixin, forms.ModelForm):
    """A line and its amount per year. Costs are amounts spent; the sign does not matter."""

    class Meta:
        model = BudgetLine
        fields = ["label", "kind", "category", "decision", "reference"]

    def __init__(self, *args, budget: Budget, revision: BudgetRevision, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs["initial"] = {
                self.amount_name(amount.year): amount.amount for amount in instance.amounts.all()
            } | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.revision = revision
        self.fields["decision"].queryset = Decision.objects.filter(
            body_id=budget.owner_id
        ).order_by("-year", "-number")
        self.fields["decision"].empty_label = _("– Inget beslut –")

    @staticmethod
    def amount_name(year: int) -> str:
        return f"amount_{year}"

    @property
    def amount_fields(self):
        return [self[self.amount_name(year)] for year in self.budget.years]

    @property
    def line_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        data = super().clean()
        label, kind = data.get("label"), data.get("kind")
        if label and kind:
            duplicates = BudgetLine.objects.filter(
                revision=self.revision, kind=kind, label__iexact=label.strip()
            )
            if self.instance.pk:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "label", _("Det finns redan en rad med den benämningen och typen i revisionen.")
                )
        return data

    def _post_clean(self):
        self.instance.revision = self.revision
        super()._post_clean()

    def line_input(self) -> LineInput:
        data = self.cleaned_data
        amounts = {}
        for year in self.budget.years:
            value = data[self.amount_name(year)]
            # A cost is an amount spent: −540 and 540 on a cost line mean the same.
            amounts[year] = abs(value) if data["kind"] == LineKind.COST else value
        return LineInput(
            label=data["label"].strip(),
            kind=data["kind"],
            category=data["category"],
            decision=data["decision"],
            reference=data["reference"],
            amounts=amounts,
        )


class RevisionCreateForm(PortalFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Vad gäller revisionen?"),
        max_length=500,
        required=False,
        help_text=_("T.ex. Reviderad efter nämndens beslut om processledare."),
    )


class RevisionCompareForm(PortalFormMixin, forms.Form):
    old = forms.TypedChoiceField(label=_("Jämför revision"), coerce=int)
    new = forms.TypedChoiceField(label=_("med revision"), coerce=int)

    def __init__(self, *args, revisions: list[BudgetRevision], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.number, str(r)) for r in revisions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") is not None and data.get("old") == data.get("new"):
            self.add_error("new", _("Välj två olika revisioner."))
        return data


def budget_line_form_class(budget: Budget) -> type[BudgetLineForm]:
    """The line form with one amount field per year of this budget."""
    fields = {
        BudgetLineForm.amount_name(year): AmountField(label=_("%(year)s (tkr)") % {"year": year})
        for year in budget.years
    }
    return type("BudgetLineYearsForm", (BudgetLineForm,), fields)
