"""Input for meetings, minutes and decisions, with Swedish messages next to each field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from governance.models import (
    AgendaItem,
    AttendanceStatus,
    Commission,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesKind,
)
from governance.services.decisions import check_clauses, normalise_clause
from governance.services.rules import approval_deadline
from groups.forms import GroupChoiceField
from groups.models import Group, MembershipRole, Person
from portal.forms import DateInput, DateTimeInput, PortalFormMixin
from portal.widgets import LongSelect


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError in the form: next to its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def is_stale(error: ValidationError) -> bool:
    return (
        any(getattr(e, "code", None) == "stale" for e in error.error_list)
        if hasattr(error, "error_list")
        else False
    )


class SetupFormMixin(PortalFormMixin):
    """PortalFormMixin validates a bound form as soon as it is built; our forms add fields and
    narrow querysets afterwards, so they call finish_setup() last to validate once more with
    the final fields and style any field added late."""

    def finish_setup(self) -> None:
        self._errors = None
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                continue
            if "ds-input" not in widget.attrs.get("class", ""):
                widget.attrs["class"] = (widget.attrs.get("class", "") + " ds-input").strip()
            if self.is_bound and name in self.errors:
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"
            else:
                widget.attrs.pop("aria-invalid", None)
                widget.attrs.pop("aria-describedby", None)


class VersionedFormMixin:
    """A hidden version (the object's last save time) to notice that someone saved first."""

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields["version"].initial = version
        self.finish_setup()

    def refresh_version(self, version: str) -> None:
        """After a stale save: keep what the user typed, but let the next save go through."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = version


class MeetingForm(VersionedFormMixin, SetupFormMixin, forms.ModelForm):
    video_link = forms.URLField(
        label=_("Videolänk"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Ange en fullständig webbadress, t.ex. https://…")},
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "video_link", "status", "notice"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "notice": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["starts_at"].error_messages["required"] = _("Ange när mötet börjar.")
        self.fields["starts_at"].error_messages["invalid"] = _(
            "Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM."
        )
        self.fields["ends_at"].error_messages["invalid"] = _(
            "Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM."
        )
        self.fields["status"].choices = MeetingStatus.choices
        self.finish_setup()


class AgendaItemForm(VersionedFormMixin, SetupFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "description",
            "presenter",
            "commission",
            "is_confidential",
            "confidentiality_ground",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["commission"].queryset = commissions_in_region_of([meeting.group_id])
        self.fields["commission"].empty_label = _("– Inget uppdrag –")
        self.fields["commission"].help_text = _("Uppdraget som punkten behandlar, om något.")
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Lämna tomt för nästa nummer i ordningen.")
        self.fields["title"].error_messages["required"] = _("Ange punktens rubrik.")
        self.finish_setup()

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.cleaned_data.get("number") is None:
            exclude.add("number")  # the service gives the next number
        return exclude


class AgendaMoveForm(forms.Form):
    """Where an agenda item goes: its new place in the order, 1 = first."""

    position = forms.IntegerField(min_value=1, max_value=999)


def commissions_in_region_of(group_ids):
    """Commissions given or received within the healthcare regions of these groups."""
    regions = Group.objects.filter(pk__in=group_ids).values("healthcare_region")
    return Commission.objects.filter(commissioner__healthcare_region__in=regions).order_by("title")


class AttachmentForm(SetupFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Benämning"),
        max_length=300,
        help_text=_("T.ex. Bilaga 1 – Aktuella grupper."),
        error_messages={"required": _("Ange bilagans benämning.")},
    )
    file = forms.FileField(
        label=_("Fil"),
        required=False,
        help_text=_(
            "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT), PNG eller JPEG, högst 20 MB. "
            "Utan fil blir bilagan en hänvisning till ett dokument som finns på annat ställe."
        ),
    )
    is_confidential = forms.BooleanField(
        label=_("Sekretessbelagd"),
        required=False,
        help_text=_("Visas inte på den offentliga sidan, i API:t eller i öppna data."),
    )
    confidentiality_ground = forms.CharField(
        label=_("Grund för sekretess"),
        required=False,
        max_length=200,
        help_text=_("Lagrummet, t.ex. OSL 21 kap. 1 §."),
    )

    def clean(self):
        data = super().clean()
        if data.get("is_confidential") and not data.get("confidentiality_ground", "").strip():
            self.add_error(
                "confidentiality_ground", _("Ange på vilken grund uppgiften är sekretessbelagd.")
            )
        return data


class AttendanceForm(SetupFormMixin, forms.Form):
    """One row per member: present, absent, or substituted by someone named."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        # The group's substitutes, offered (not imposed) as names for "Ersatt av".
        self.substitute_names = [
            row.person.full_name for row in rows if row.role == MembershipRole.SUBSTITUTE
        ]
        for row in rows:
            recorded = row.attendance
            self.fields[f"status_{row.person.pk}"] = forms.ChoiceField(
                label=_("Närvaro för %(name)s") % {"name": row.person.full_name},
                choices=[("", _("– Ej registrerad –")), *AttendanceStatus.choices],
                required=False,
                initial=recorded.status if recorded else "",
            )
            self.fields[f"substitute_{row.person.pk}"] = forms.CharField(
                label=_("Ersättare för %(name)s") % {"name": row.person.full_name},
                required=False,
                max_length=200,
                initial=recorded.substitute_name if recorded else "",
                widget=forms.TextInput(
                    attrs={"list": "attendance-substitutes"} if self.substitute_names else {}
                ),
            )
        self.finish_setup()
        for row in rows:
            row.status_field = self[f"status_{row.person.pk}"]
            row.substitute_field = self[f"substitute_{row.person.pk}"]

    def clean(self):
        data = super().clean()
        for row in self.rows:
            status = data.get(f"status_{row.person.pk}")
            if (
                status == AttendanceStatus.SUBSTITUTED
                and not data.get(f"substitute_{row.person.pk}", "").strip()
            ):
                self.add_error(
                    f"substitute_{row.person.pk}",
                    _("Ange vem som ersatte %(name)s.") % {"name": row.person.full_name},
                )
        return data

    def attendance_rows(self) -> list[dict]:
        rows = []
        for row in self.rows:
            status = self.cleaned_data.get(f"status_{row.person.pk}")
            if not status:
                continue
            rows.append(
                {
                    "person": row.person,
                    "status": status,
                    "substitute_name": self.cleaned_data.get(f"substitute_{row.person.pk}", ""),
                    "role": row.role,
                    "region": row.region,
                    "voting_right": row.voting_right,
                }
            )
        return rows


class GuestForm(SetupFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Gästens namn"),
        max_length=200,
        error_messages={"required": _("Ange gästens namn.")},
    )
    affiliation = forms.CharField(
        label=_("Titel eller organisation"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-postadress"),
        required=False,
        help_text=_("Gäster med en adress får kallelsen när den skickas."),
        error_messages={"invalid": _("Ange en giltig e-postadress, t.ex. namn@region.se.")},
    )


class MinutesForm(VersionedFormMixin, SetupFormMixin, forms.ModelForm):
    adjusters = forms.ModelMultipleChoiceField(
        label=_("Till justerare valdes"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ordföranden justerar alltid; välj en eller två justerare därutöver."),
    )

    class Meta:
        model = Minutes
        fields = [
            "kind",
            "chair",
            "secretary",
            "general_notes",
            "approval_place",
            "approval_date",
        ]
        widgets = {
            "approval_date": DateInput(),
            "general_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, people, approver_people, attendance_recorded: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = MinutesKind.choices
        self.fields["secretary"].queryset = people
        for name in ("chair", "adjusters"):
            self.fields[name].queryset = approver_people
        presence = (
            _("Bara de som är registrerade som närvarande vid mötet kan väljas.")
            if attendance_recorded
            else _("Närvaron är inte registrerad ännu; när den är det kan bara närvarande väljas.")
        )
        self.fields["chair"].help_text = presence
        self.fields["adjusters"].help_text = format_lazy(
            "{} {}", self.fields["adjusters"].help_text, presence
        )
        self.fields["approval_date"].help_text = _(
            "Från mötesdagen och senast 14 dagar efter mötet (%(deadline)s)."
        ) % {"deadline": approval_deadline(self.instance.meeting).isoformat()}
        if self.instance.pk and not self.is_bound:
            self.initial["adjusters"] = [
                link.person_id for link in self.instance.adjuster_links.all()
            ]
        self.finish_setup()


class MinutesItemNoteForm(VersionedFormMixin, SetupFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Vad som sades och gjordes under punkten. Beslut registreras för sig."),
    )


class MinutesCorrectionForm(SetupFormMixin, forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Gäller punkt"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("– Protokollet i stort –"),
    )
    text = forms.CharField(
        label=_("Rättelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv vad som rättas.")},
        help_text=_("Skriv hur det ska stå. Den ursprungliga texten ändras inte."),
    )
    reason = forms.CharField(
        label=_("Skäl till rättelsen"),
        max_length=500,
        error_messages={"required": _("Ange skälet till rättelsen.")},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("number")
        self.finish_setup()


class ApprovalForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), required=False)
    signed_on = forms.DateField(label=_("Justerat den"), required=False, widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DecisionForm(VersionedFormMixin, SetupFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Anledning till ändringen"),
        required=False,
        max_length=300,
        help_text=_(
            "Krävs när ett fattat beslut som inte hör till något möte ändras; sparas i historiken."
        ),
    )
    clauses = forms.CharField(
        label=_("Beslutssatser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "En beslutssats per rad. Varje sats börjar med ”att”; ordet läggs till om det saknas."
        ),
    )

    class Meta:
        model = Decision
        fields = [
            "body",
            "meeting",
            "agenda_item",
            "title",
            "registry_number",
            "status",
            "decision_date",
            "case_description",
            "proposal",
            "proposed_by",
            "motivation",
            "distribution",
            "certified_by",
            "responsible",
            "due_date",
            "concerned_commissions",
            "is_confidential",
            "confidentiality_ground",
        ]
        field_classes = {"body": GroupChoiceField}
        widgets = {
            "concerned_commissions": forms.SelectMultiple(attrs={"size": 6}),
            "decision_date": DateInput(),
            "due_date": DateInput(),
            "case_description": forms.Textarea(attrs={"rows": 6}),
            "proposal": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [
        "body",
        "meeting",
        "agenda_item",
        "title",
        "registry_number",
        "status",
        "decision_date",
        "case_description",
        "proposal",
        "proposed_by",
        "clauses",
        "motivation",
        "distribution",
        "certified_by",
        "responsible",
        "due_date",
        "concerned_commissions",
        "is_confidential",
        "confidentiality_ground",
    ]

    def __init__(self, *args, bodies, meetings, agenda_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned_commissions"].queryset = commissions_in_region_of(
            bodies.values("pk")
        )
        self.fields["concerned_commissions"].help_text = _(
            "Uppdrag som beslutet gäller. Håll ned Ctrl (Cmd på Mac) för att välja flera."
        )
        self.fields["body"].queryset = bodies
        self.fields["body"].error_messages["required"] = _("Välj det beslutande organet.")
        self.fields["meeting"].queryset = meetings
        self.fields["agenda_item"].queryset = agenda_items
        self.fields["title"].error_messages["required"] = _("Ange ärendets rubrik.")
        self.fields["status"].choices = DecisionStatus.choices
        self.fields["status"].label = _("Utfall")
        self.fields["status"].help_text = _(
            "Beslutat kräver beslutssatser. Bordlagt, återremitterat och avslaget skrivs ut som "
            "det de är; beslutssatser är då frivilliga. Ett återtaget ärende har inga."
        )
        self.fields["agenda_item"].help_text = _(
            "I ett protokoll är varje punkt en § med ett beslut; paragrafen ges när protokollet "
            "lämnas för justering."
        )
        if self.instance.pk:
            del self.fields["body"]  # the § belongs to the body; it cannot move
            if not self.is_bound:
                self.initial["clauses"] = "\n".join(
                    c.text for c in self.instance.clauses.order_by("position")
                )
        else:
            del self.fields["reason"]  # a new decision has nothing to explain
        self.finish_setup()

    def clean(self):
        data = super().clean()
        try:
            check_clauses(data.get("status", ""), self.clause_list())
        except ValidationError as error:
            add_service_error(self, error)
        return data

    def clause_list(self) -> list[str]:
        lines = self.cleaned_data.get("clauses", "").splitlines()
        return [c for c in (normalise_clause(line) for line in lines) if c]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("clauses", None)
        data.pop("version", None)
        return data


class DecisionFilterForm(SetupFormMixin, forms.Form):
    q = forms.CharField(label=_("Sök"), required=False, max_length=100)
    # The id of a body (the choices are (id, label) pairs, read from a cache).
    body = forms.TypedChoiceField(
        label=_("Beslutande organ"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
    )
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *DecisionStatus.choices]
    )
    date_from = forms.DateField(label=_("Beslutat från"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Beslutat till"), required=False, widget=DateInput())

    def __init__(self, *args, bodies, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("Alla")), *bodies]
        self.fields["year"].choices = [("", _("Alla")), *((y, y) for y in years)]
        self.finish_setup()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Slutdatum kan inte vara före startdatum."))
        return data


class ReservationForm(SetupFormMixin, forms.Form):
    """Someone who took part in the decision reserves against it (people: the selector's
    reservation_candidates, each a seat at the meeting or a member)."""

    person = forms.ChoiceField(
        label=_("Ledamot som reserverar sig"),
        help_text=_("Bara den som deltog i beslutet med rösträtt kan reservera sig."),
        error_messages={
            "required": _("Välj ledamoten som reserverar sig."),
            "invalid_choice": _("Välj någon som deltog i beslutet."),
        },
    )
    text = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = {p.key: p for p in people}
        self.fields["person"].choices = [
            ("", _("– Välj –")),
            *((p.key, p.label) for p in people),
        ]
        self.finish_setup()

    def service_arguments(self) -> dict:
        chosen = self.participants[self.cleaned_data["person"]]
        return {
            "person": chosen.person,
            "attendance": chosen.attendance,
            "text": self.cleaned_data["text"],
        }


class FollowUpForm(SetupFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["responsible", "due_date", "execution_done", "execution_note"]
        widgets = {"due_date": DateInput(), "execution_note": forms.Textarea(attrs={"rows": 3})}
