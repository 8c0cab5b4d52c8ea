from __future__ import annotations

import datetime

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from finance.models import Budget, BudgetLine, BudgetRevision, LineKind
from finance.numbers import NumberError, format_amount, parse_amount
from finance.services import (
    LineInput,
    adoptable_decisions,
    line_commissions,
    supersede_candidates,
)
from governance.models import Decision, DecisionStatus
from groups.forms import GroupChoiceField
from portal.forms import DateInput, PortalFormMixin


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
        if not text and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
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
    owner = GroupChoiceField(
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

    # Browsers never refill a file field: after a refusal the page says so at the field.
    # Owner and title stay as typed (the form is bound).
    CHOOSE_AGAIN = _("Välj filen igen efter att du rättat den.")

    def ask_for_file_again(self) -> None:
        """The file was read and refused (its errors are listed above the form)."""
        text = f"{self.CHOOSE_AGAIN} {self.fields['file'].help_text}"
        # The bound field copied the help text when validation created it.
        self.fields["file"].help_text = self["file"].help_text = text

    def refuse_file(self) -> None:
        """Another field was wrong, so the chosen file was not read."""
        self.add_error("file", self.CHOOSE_AGAIN)


class BudgetLineForm(PortalFormMixin, forms.ModelForm):
    """A line and its amount per year. Costs are shown and typed negative, as on the budget
    page; a cost typed without the minus is still a cost (stored as the amount spent)."""

    class Meta:
        model = BudgetLine
        fields = ["label", "kind", "category", "decision", "commission", "reference"]

    def __init__(self, *args, budget: Budget, revision: BudgetRevision, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            # Shown as on the budget page: a cost with a minus sign (seed 004 writes −6 617).
            sign = -1 if instance.kind == LineKind.COST else 1
            kwargs["initial"] = {
                self.amount_name(amount.year): sign * amount.amount
                for amount in instance.amounts.all()
            } | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.revision = revision
        self.fields["decision"].queryset = Decision.objects.filter(
            body_id=budget.owner_id
        ).order_by("-year", "-number")
        self.fields["decision"].empty_label = _("– Inget beslut –")
        self.fields["commission"].queryset = line_commissions(budget.owner)
        self.fields["commission"].empty_label = _("– Inget uppdrag –")
        self.fields["commission"].error_messages["invalid_choice"] = _(
            "Välj ett av uppdragen i listan."
        )

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
            # A cost is an amount spent: −540 (as shown) and 540 on a cost line mean the same.
            amounts[year] = abs(value) if data["kind"] == LineKind.COST else value
        return LineInput(
            label=data["label"].strip(),
            kind=data["kind"],
            category=data["category"],
            decision=data["decision"],
            commission=data["commission"],
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


class DecisionChoiceField(forms.ModelChoiceField):
    """A decision as the minutes name it: year and §, diarienummer, title, and its status when
    it is not yet decided."""

    def label_from_instance(self, decision: Decision) -> str:
        # The § and date first: a long title is cut off in the closed list.
        if decision.number:
            first = f"§ {decision.number}/{decision.year}"
        else:
            first = str(_("Utan § %(year)s") % {"year": decision.year})
        if decision.decision_date:
            first += f" ({formats.date_format(decision.decision_date, 'SHORT_DATE_FORMAT')})"
        if decision.status != DecisionStatus.DECIDED:
            first += f", {decision.get_status_display().lower()}"
        parts = [first, decision.registry_number, decision.title]
        return " · ".join(part for part in parts if part)


def adoption_decisions(budget: Budget):
    """The decisions that may adopt a budget (services.adoptable_decisions): decided ones
    first, newest first."""
    return (
        adoptable_decisions(budget)
        .annotate(
            decided_first=Case(
                When(status=DecisionStatus.DECIDED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("decided_first", "-year", "-number", "title")
    )


class SupersedeChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, budget: Budget) -> str:
        label = f"{budget.title} ({budget.first_year}–{budget.last_year})"
        if budget.adopted_by_id:
            label += ", " + str(
                _("fastställd genom %(decision)s") % {"decision": budget.adopted_by}
            )
        return label


class BudgetAdoptForm(PortalFormMixin, forms.Form):
    decision = DecisionChoiceField(
        label=_("Beslut som fastställer budgeten"),
        queryset=Decision.objects.none(),
        empty_label=_("– Välj beslut –"),
        help_text=_(
            "Ägarens beslut från året före budgetens första år till dess sista år, som inte "
            "redan har fastställt en annan budget. Fattade beslut står först."
        ),
        error_messages={
            "required": _("Välj det beslut som fastställer budgeten."),
            "invalid_choice": _("Välj ett av ägarens beslut i listan."),
        },
    )
    adopted_on = forms.DateField(
        label=_("Fastställd den"),
        widget=DateInput,
        help_text=_("Datum för beslutet. Lämnas tomt tas beslutets datum."),
        required=False,
        error_messages={"invalid": _("Skriv ett datum, t.ex. 2020-02-14.")},
    )
    supersedes = SupersedeChoiceField(
        label=_("Ersätter tidigare budget"),
        queryset=Budget.objects.none(),
        required=False,
        help_text=_(
            "Kryssa i de fastställda budgetar som den här ersätter. De markeras som ersatta."
        ),
        error_messages={"invalid_choice": _("Välj bland budgetarna i listan.")},
    )

    confirm_old_date = forms.BooleanField(
        label=_("Datumet stämmer, fastställ ändå"),
        required=False,
    )

    OLD_AFTER_DAYS = 365

    def __init__(self, *args, budget: Budget, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.today = today or timezone.localdate()
        self.fields["decision"].queryset = adoption_decisions(budget)
        self.candidates = list(supersede_candidates(budget))
        self.fields["supersedes"].queryset = supersede_candidates(budget)
        if not self.candidates:
            del self.fields["supersedes"]

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision is not None and not data.get("adopted_on") and not decision.decision_date:
            self.add_error(
                "adopted_on", _("Beslutet har inget datum i portalen. Skriv datumet här.")
            )
        day = data.get("adopted_on") or (decision.decision_date if decision else None)
        if day and self.is_old(day) and not data.get("confirm_old_date"):
            self.add_error(
                "adopted_on" if data.get("adopted_on") else "decision",
                _(
                    "Datumet %(date)s ligger mer än ett år tillbaka. Stämmer det? Kryssa i "
                    "”Datumet stämmer, fastställ ändå” och fastställ igen."
                )
                % {"date": day.isoformat()},
            )
            self.asks_to_confirm_old_date = True
        return data

    asks_to_confirm_old_date = False

    def is_old(self, day: datetime.date) -> bool:
        return (self.today - day).days > self.OLD_AFTER_DAYS

    @property
    def shows_old_date_confirmation(self) -> bool:
        return self.asks_to_confirm_old_date or bool(self.data.get("confirm_old_date"))


class BudgetSupersedeForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Skäl till att budgeten inte längre gäller"),
        max_length=300,
        help_text=_("T.ex. Ersatt av budget 2023–2025, fastställd av nämnden 2022-12-09 § 41."),
        error_messages={"required": _("Skriv varför budgeten inte längre gäller.")},
    )


class OpeningBalanceForm(PortalFormMixin, forms.Form):
    opening_balance = AmountField(
        label=_("Ingående balans (tkr)"),
        required=True,
        help_text=_("Ackumulerat överskott som förs in i budgetens första år. T.ex. 11 827."),
        error_messages={"required": _("Skriv den ingående balansen i tkr, t.ex. 11 827 eller 0.")},
    )
    reason = forms.CharField(
        label=_("Skäl till ändringen"),
        max_length=200,
        help_text=_("T.ex. Bokslut 2019 fastställt av nämnden."),
        error_messages={"required": _("Skriv varför den ingående balansen ändras.")},
    )


def budget_line_form_class(budget: Budget) -> type[BudgetLineForm]:
    """The line form with one amount field per year of this budget."""
    fields = {
        BudgetLineForm.amount_name(year): AmountField(label=_("%(year)s (tkr)") % {"year": year})
        for year in budget.years
    }
    return type("BudgetLineYearsForm", (BudgetLineForm,), fields)
