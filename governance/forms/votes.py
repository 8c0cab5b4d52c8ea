"""Input for motions, the propositionsordning, a roll-call vote and conflicts of interest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.forms.meetings import SetupFormMixin
from governance.models import BallotChoice


class SeatChoiceField(forms.ModelChoiceField):
    """A seat at the meeting, shown as who sat in it (a substitute with the member's name)."""

    def label_from_instance(self, obj) -> str:
        return obj.seat_name


class MotionForm(SetupFormMixin, forms.Form):
    attendance = SeatChoiceField(
        label=_("Ledamot som yrkar"),
        queryset=None,
        empty_label=_("– Välj –"),
        error_messages={
            "required": _("Välj vem som yrkar."),
            "invalid_choice": _("Välj en ledamot som deltar i beslutet."),
        },
    )
    text = forms.CharField(
        label=_("Yrkande"),
        max_length=1000,
        help_text=_(
            "Det som följer efter ”yrkar”, t.ex. ”bifall till förslaget” eller ”att ärendet "
            "återremitteras”."
        ),
        error_messages={"required": _("Skriv vad som yrkas.")},
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = seats
        self.finish_setup()


class PropositionForm(SetupFormMixin, forms.Form):
    """The order the chair put the motions in (a number per motion; empty: not put) and which
    one the chair found the body adopted."""

    adopted = forms.TypedChoiceField(
        label=_("Ordföranden finner att organet beslutar enligt"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj yrkandet som ordföranden fann bifallet.")},
    )

    def __init__(self, *args, motions, **kwargs):
        super().__init__(*args, **kwargs)
        self.motions = list(motions)
        for motion in self.motions:
            self.fields[f"order_{motion.pk}"] = forms.IntegerField(
                label=_("Ordning för %(name)s yrkande") % {"name": motion.attendance.speaker_name},
                required=False,
                min_value=1,
                max_value=len(self.motions),
                initial=motion.proposition_order,
                error_messages={
                    "min_value": _("Ange ett nummer från 1."),
                    "max_value": _("Ange högst %(limit_value)s."),
                },
            )
        self.fields["adopted"].choices = [
            (m.pk, f"{m.attendance.speaker_name}: {m.text}") for m in self.motions
        ]
        adopted = next((m.pk for m in self.motions if m.adopted), None)
        if adopted:
            self.fields["adopted"].initial = adopted
        self.finish_setup()
        for motion in self.motions:
            motion.order_field = self[f"order_{motion.pk}"]

    def clean(self):
        data = super().clean()
        numbers = {m.pk: data.get(f"order_{m.pk}") for m in self.motions}
        given = [n for n in numbers.values() if n is not None]
        if not given:
            self.add_error(None, _("Ange i vilken ordning ordföranden ställde yrkandena."))
        elif len(set(given)) != len(given):
            self.add_error(None, _("Två yrkanden kan inte ha samma plats i ordningen."))
        adopted = data.get("adopted")
        if adopted and numbers.get(adopted) is None:
            self.add_error(
                "adopted", _("Det bifallna yrkandet måste vara ett av dem ordföranden ställde.")
            )
        return data

    def order(self) -> list:
        numbered = [
            (self.cleaned_data[f"order_{m.pk}"], m)
            for m in self.motions
            if self.cleaned_data.get(f"order_{m.pk}") is not None
        ]
        return [m for _number, m in sorted(numbered, key=lambda pair: pair[0])]

    def adopted_motion(self):
        return next(m for m in self.motions if m.pk == self.cleaned_data["adopted"])


class MotionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.attendance.speaker_name}: {obj.text}"


class RollCallForm(SetupFormMixin, forms.Form):
    """The roll call as one form: which motion ja and nej stand for, then a row per seat."""

    yes_motion = MotionChoiceField(
        label=_("Ja-röst för"),
        queryset=None,
        empty_label=_("– Välj yrkande –"),
        error_messages={"required": _("Välj yrkandet som ja står för.")},
    )
    no_motion = MotionChoiceField(
        label=_("Nej-röst för"),
        queryset=None,
        empty_label=_("– Välj yrkande –"),
        error_messages={"required": _("Välj yrkandet som nej står för.")},
    )

    def __init__(self, *args, motions, seats, vote=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = list(seats)
        self.fields["yes_motion"].queryset = motions
        self.fields["no_motion"].queryset = motions
        recorded = {}
        if vote is not None:
            self.fields["yes_motion"].initial = vote.yes_motion_id
            self.fields["no_motion"].initial = vote.no_motion_id
            recorded = {b.attendance_id: b.choice for b in vote.ballots.all()}
        for seat in self.seats:
            self.fields[f"ballot_{seat.pk}"] = forms.ChoiceField(
                label=_("Röst för %(name)s") % {"name": seat.seat_name},
                choices=[("", _("– Ej angiven –")), *BallotChoice.choices],
                initial=recorded.get(seat.pk, ""),
                error_messages={
                    "required": _("Ange ja, nej eller avstår för %(name)s.")
                    % {"name": seat.seat_name}
                },
            )
        self.finish_setup()
        for seat in self.seats:
            seat.ballot_field = self[f"ballot_{seat.pk}"]

    def clean(self):
        data = super().clean()
        yes, no = data.get("yes_motion"), data.get("no_motion")
        if yes is not None and no is not None and yes.pk == no.pk:
            self.add_error("no_motion", _("Ja och nej ska stå för två olika yrkanden."))
        return data

    def ballots(self) -> list[tuple]:
        return [(seat, self.cleaned_data[f"ballot_{seat.pk}"]) for seat in self.seats]


class RecusalForm(SetupFormMixin, forms.Form):
    attendance = SeatChoiceField(
        label=_("Jävig ledamot"),
        queryset=None,
        empty_label=_("– Välj –"),
        help_text=_("Den som på grund av jäv lämnar ärendet och inte deltar i handläggningen."),
        error_messages={
            "required": _("Välj vem som är jävig."),
            "invalid_choice": _("Välj någon som var närvarande vid mötet."),
        },
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = seats
        self.finish_setup()
