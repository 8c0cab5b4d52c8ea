"""A person's data under the GDPR (issue 14, item 8; docs/gdpr.md): what each app holds about
them, for the export, and what each app must check and do before and at an erasure.

portal imports no app: each app registers its part in its AppConfig.ready():

    register_export_section("memberships", memberships_of)    # person -> JSON-ready data
    register_erasure_check(handovers_needed)                  # person -> [Swedish reasons]
    register_erasure_step(scrub_outbox)                       # (person, actor) -> None

The export is one JSON document: {"person": …, "<section>": …, "history": …}. The history
section is built here, generically over every model with django-simple-history: the rows of
the person's own record and every row the person's user account made.
"""

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.http import HttpResponse
from django.utils import timezone
from simple_history.models import registered_models

from portal import events
from portal.downloads import content_disposition, download_filename

ExportSection = Callable[[Any], Any]
ErasureCheck = Callable[[Any], list[str]]
ErasureStep = Callable[[Any, Any], None]

_sections: dict[str, ExportSection] = {}
_checks: list[ErasureCheck] = []
_steps: list[ErasureStep] = []

# Never exported: the password hash and the history bookkeeping that only repeats the row.
_LEFT_OUT = {"password", "history_change_reason_id"}


def register_export_section(name: str, section: ExportSection) -> None:
    _sections[name] = section


def register_erasure_check(check: ErasureCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def register_erasure_step(step: ErasureStep) -> None:
    if step not in _steps:
        _steps.append(step)


def erasure_refusals(person) -> list[str]:
    """Why the person cannot be erased yet (roles to hand over first); empty when it can."""
    return [reason for check in _checks for reason in check(person)]


def run_erasure_steps(person, actor) -> None:
    for step in _steps:
        step(person, actor)


def row(instance: models.Model, *, fields: tuple[str, ...] | None = None) -> dict:
    """A model row as JSON-ready data: concrete fields, foreign keys as ids plus a label."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _LEFT_OUT or (fields is not None and field.name not in fields):
            continue
        if field.is_relation:
            data[field.attname] = getattr(instance, field.attname)
        else:
            data[field.name] = getattr(instance, field.attname)
    return data


def _history_sources():
    for model in registered_models.values():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is not None:  # None: a many-to-many through table
            yield model, getattr(model, manager).model


def _history_rows(person) -> dict:
    """The rows of the person's own record in full, and what their account changed anywhere
    (which record, when, how, why): two queries, whatever the number of audited models."""
    own_history = type(person).history.filter(**{type(person)._meta.pk.attname: person.pk})
    own = [
        {
            "date": record.history_date,
            "action": record.history_type,
            "reason": record.history_change_reason or "",
            "values": {
                field.attname: getattr(record, field.attname)
                for field in type(person)._meta.concrete_fields
                if field.name not in _LEFT_OUT
            },
        }
        for record in own_history.order_by("history_date")
    ]
    user_id = getattr(person, "user_id", None)
    if user_id is None:
        return {"own_record": own, "changes_made": []}
    parts = [
        history_model.objects.filter(history_user_id=user_id)
        .order_by()  # SQLite refuses ORDER BY inside a UNION; the union is ordered below
        .annotate(
            a_model=models.Value(model._meta.label_lower, output_field=models.CharField()),
            a_object=Cast(model._meta.pk.attname, output_field=models.CharField()),
            a_date=models.F("history_date"),
            a_type=models.F("history_type"),
            a_reason=Coalesce(
                "history_change_reason", models.Value(""), output_field=models.TextField()
            ),
        )
        .values_list("a_model", "a_object", "a_date", "a_type", "a_reason")
        for model, history_model in _history_sources()
    ]
    made = parts[0].union(*parts[1:], all=True).order_by("a_date") if parts else []
    return {
        "own_record": own,
        "changes_made": [
            {"model": m, "object_id": o, "date": d, "action": t, "reason": r}
            for m, o, d, t, r in made
        ],
    }


def personal_data(person) -> dict:
    """Everything recorded about the person, as one JSON-ready document."""
    document: dict[str, Any] = {
        "exported_at": timezone.now(),
        "format": "samverkansportalen-personuppgifter/1",
    }
    for name, section in _sections.items():
        document[name] = section(person)
    document["history"] = _history_rows(person)
    return document


def personal_data_json(person) -> bytes:
    return json.dumps(
        personal_data(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    ).encode()


def personal_data_download(request, person) -> HttpResponse:
    """The export as a JSON download, after the caller's access check; an audit event."""
    response = HttpResponse(personal_data_json(person), content_type="application/json")
    name = download_filename("personuppgifter", person.full_name, extension="json")
    response["Content-Disposition"] = content_disposition(name)
    events.record_event(events.EXPORT, request=request, obj=person, detail="personuppgifter")
    return response
