"""Time travel: an object as the portal recorded it at the end of a chosen day, read from
django-simple-history's rows (`as_of`). Shared by the group, commission and decision pages;
imports no app. Each read is one query whatever the number of history rows (the latest row
per object up to the moment, found by the history table's index)."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Min
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.forms import PortalFormMixin

DATE_PARAMETER = "datum"


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of a day in the portal's time zone: what was recorded that day counts."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight) - datetime.timedelta(microseconds=1)


def first_recorded_day(model, pk: int) -> datetime.date | None:
    """The day the object's first history row was written (None: it has no history)."""
    first = model.history.filter(id=pk).aggregate(first=Min("history_date"))["first"]
    return timezone.localdate(first) if first else None


def _key(model) -> str:
    """The object's own key field: on the history queryset `pk` is the history row's."""
    return model._meta.pk.attname


def instance_as_of(model, pk: int, day: datetime.date):
    """The object as it stood at the end of `day`, or None if it did not exist then."""
    return model.history.as_of(end_of_day(day)).filter(**{_key(model): pk}).first()


def rows_as_of(model, day: datetime.date, *conditions, **filters) -> list:
    """Every object of the model matching the filters as it stood at the end of `day`
    (objects deleted by then are left out)."""
    return list(model.history.as_of(end_of_day(day)).filter(*conditions, **filters))


def as_of_by_pk(model, day: datetime.date, pks) -> dict:
    wanted = set(pks) - {None}
    return {row.pk: row for row in rows_as_of(model, day, **{f"{_key(model)}__in": wanted})}


class AsOfForm(PortalFormMixin, forms.Form):
    """The date of a past view ("Visa som den var den …"), refused before the object's first
    history row and after today."""

    datum = forms.DateField(
        label=gettext_lazy("Visa som den var den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Ange ett datum."),
            "invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01."),
        },
    )

    def __init__(self, data=None, *, first_day: datetime.date | None, today: datetime.date):
        super().__init__(data)
        self.first_day = first_day
        self.today = today
        # No min/max on the input: the browser would refuse in its own words; the refusal
        # comes from clean_datum, in Swedish, next to the field.

    def clean_datum(self) -> datetime.date:
        day = self.cleaned_data["datum"]
        if day > self.today:
            raise forms.ValidationError(
                _("Den %(day)s har inte inträffat än. Välj dagens datum eller ett tidigare.")
                % {"day": date_format(day, "j F Y")}
            )
        if self.first_day is None:
            raise forms.ValidationError(_("Det finns ingen historik att visa för detta."))
        if day < self.first_day:
            raise forms.ValidationError(
                _(
                    "Det fanns inget om detta i portalen den %(day)s: historiken börjar "
                    "%(first)s. Välj det datumet eller ett senare."
                )
                % {"day": date_format(day, "j F Y"), "first": date_format(self.first_day, "j F Y")}
            )
        return day


def render_past_view(
    request,
    template: str,
    *,
    title: str,
    current_url: str,
    as_of_url: str,
    label: str,
    first_day: datetime.date | None,
    read,
):
    """A past view's page (templates/components/as_of_page.html): the date form, and what
    `read(day)` returns for a valid day. The view has checked access already."""
    form = AsOfForm(request.GET or None, first_day=first_day, today=timezone.localdate())
    past = read(form.cleaned_data[DATE_PARAMETER]) if form.is_valid() else None
    return render(
        request,
        template,
        {
            "title": title,
            "current_url": current_url,
            "as_of_url": as_of_url,
            "as_of_label": label,
            "as_of_form": form,
            "past": past,
        },
    )
