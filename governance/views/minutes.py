from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import meetings as access
from governance.documents.meetings import minutes_pdf
from governance.forms.meetings import (
    ApprovalForm,
    MinutesCorrectionForm,
    MinutesForm,
    MinutesItemNoteForm,
    add_service_error,
    is_stale,
)
from governance.models import Minutes, MinutesItemNote, MinutesStatus
from governance.selectors import meetings as selectors
from governance.services import minutes as services
from governance.services.common import minutes_of, version_of
from governance.views.common import pdf_response
from groups.models import Person
from portal.access import is_administrator


def meeting_minutes_edit(request, pk: int):
    """The minutes' header: kind, chair, secretary, adjusters, time and place of approval."""
    meeting = access.meeting_for_minutes(pk, user=request.user)
    minutes = minutes_of(meeting)
    people = selectors.people_for_meeting(meeting)
    instance = minutes or Minutes(meeting=meeting, **services.minutes_defaults(meeting))
    form = MinutesForm(
        request.POST or None,
        instance=instance,
        people=people,
        version=version_of(minutes) if minutes else "",
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version",)}
        try:
            with transaction.atomic():
                current = minutes or services.minutes_start(actor=request.user, meeting=meeting)
                services.minutes_update(
                    actor=request.user,
                    minutes=current,
                    # "" means the form was opened before anyone had started the minutes: if
                    # someone has since, the save is stale. Minutes started just now are not.
                    expected_version=form.cleaned_data["version"] if minutes else None,
                    **data,
                )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                form.refresh_version(version_of(Minutes.objects.get(meeting=meeting)))
        else:
            messages.success(request, _("Protokollets uppgifter är sparade."))
            return redirect(meeting)
    return render(
        request,
        "governance/minutes_form.html",
        {"form": form, "meeting": meeting, "minutes": minutes},
    )


def meeting_minutes_item(request, pk: int, item_pk: int):
    """The minutes editor for one agenda item."""
    meeting = access.meeting_for_minutes(pk, user=request.user)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    note = MinutesItemNote.objects.filter(agenda_item=item).first()
    form = MinutesItemNoteForm(
        request.POST or None,
        initial={"text": note.text if note else ""},
        version=version_of(note) if note else "",
    )
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                minutes = minutes_of(meeting) or services.minutes_start(
                    actor=request.user, meeting=meeting
                )
                services.minutes_item_note_save(
                    actor=request.user,
                    minutes=minutes,
                    agenda_item=item,
                    text=form.cleaned_data["text"],
                    # "" means the form was opened before the item had a note: if one was
                    # written since, this save is stale rather than a silent overwrite.
                    expected_version=form.cleaned_data["version"],
                )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                latest = MinutesItemNote.objects.filter(agenda_item=item).first()
                form.refresh_version(version_of(latest) if latest else "")
        else:
            messages.success(
                request,
                _("Anteckningen till punkt %(number)s är sparad.") % {"number": item.number},
            )
            next_item = (
                meeting.agenda_items.filter(number__gt=item.number).order_by("number").first()
            )
            if "save_next" in request.POST and next_item:
                return redirect(
                    "governance:meeting_minutes_item", pk=meeting.pk, item_pk=next_item.pk
                )
            return redirect(meeting)
    items = list(meeting.agenda_items.order_by("number"))
    return render(
        request,
        "governance/minutes_item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "items": items,
            "latest": latest,
            "has_next": any(i.number > item.number for i in items),
        },
    )


@require_POST
def meeting_minutes_submit(request, pk: int):
    meeting = access.meeting_for_minutes(pk, user=request.user)
    minutes = minutes_of(meeting)
    if minutes is None:
        raise Http404
    try:
        services.minutes_submit(actor=request.user, minutes=minutes)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Protokollet är lämnat för justering."))
    return redirect(meeting)


@require_POST
def meeting_minutes_withdraw(request, pk: int):
    meeting = access.meeting_for_minutes(pk, user=request.user)
    minutes = minutes_of(meeting)
    if minutes is None:
        raise Http404
    try:
        services.minutes_withdraw(actor=request.user, minutes=minutes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Protokollet är tillbaka som utkast och kan ändras."))
    return redirect(meeting)


def meeting_minutes_approve(request, pk: int):
    """The approval page: the minutes to read, and a button for the named approver."""
    minutes = access.minutes_for_approval(pk, user=request.user)
    overview = selectors.meeting_overview(minutes.meeting_id)
    pending_people = [person for person, _role in overview.pending_approvers]
    form = ApprovalForm(
        request.POST if request.method == "POST" else None,
        people=Person.objects.filter(pk__in=[p.pk for p in pending_people]),
    )
    if request.method == "POST" and form.is_valid():
        on_behalf = form.cleaned_data["person"] if is_administrator(request.user) else None
        try:
            services.minutes_approve(
                actor=request.user,
                minutes=minutes,
                person=on_behalf,
                signed_on=form.cleaned_data["signed_on"] if on_behalf else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("Du är inte utsedd att justera det här protokollet."))
        else:
            minutes.refresh_from_db()
            if minutes.status == MinutesStatus.APPROVED:
                messages.success(request, _("Protokollet är justerat och därmed låst."))
            else:
                messages.success(
                    request,
                    _("Din justering är registrerad. Protokollet väntar på fler justerare."),
                )
            return redirect(minutes.meeting)
    person = getattr(request.user, "person", None)
    return render(
        request,
        "governance/minutes_approve.html",
        {
            "overview": overview,
            "meeting": overview.meeting,
            "minutes": minutes,
            "can_approve_self": person is not None
            and any(p.pk == person.pk for p in pending_people)
            and minutes.status == MinutesStatus.SUBMITTED,
            "is_admin": is_administrator(request.user),
            "pending_people": pending_people,
        },
    )


def meeting_minutes_correct(request, pk: int):
    meeting = access.meeting_for_minutes(pk, user=request.user)
    minutes = minutes_of(meeting)
    if minutes is None:
        raise Http404
    form = MinutesCorrectionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_correct(actor=request.user, minutes=minutes, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Rättelsen är registrerad och visas med protokollet."))
            return redirect(meeting)
    return render(
        request,
        "governance/minutes_correction_form.html",
        {"form": form, "meeting": meeting, "minutes": minutes},
    )


def meeting_minutes_pdf(request, pk: int):
    meeting = access.meeting_for_view(pk, user=request.user)
    pdf, filename = minutes_pdf(meeting.pk)
    return pdf_response(pdf, filename, request=request, obj=meeting)
