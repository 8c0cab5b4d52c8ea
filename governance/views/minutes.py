from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import meetings as access
from governance.access.actions import meeting_actions
from governance.documents.meetings import minutes_pdf
from governance.forms.meetings import (
    ApprovalForm,
    MinutesCorrectionForm,
    MinutesForm,
    MinutesItemNoteForm,
    add_service_error,
    is_stale,
)
from governance.models import MinutesStatus
from governance.selectors import meetings as selectors
from governance.services import minutes as services
from governance.services.common import minutes_of, version_of
from governance.views.common import pdf_response
from portal.access import is_administrator
from portal.forms import posted


def meeting_minutes_edit(request, pk: int):
    """The minutes' header: kind, chair, secretary, adjusters, time and place of approval."""
    meeting = access.meeting_for_minutes(pk, user=request.user)
    page = selectors.minutes_header_page(meeting)
    form = MinutesForm(
        posted(request),
        instance=page.instance,
        people=page.people,
        approver_people=page.approver_people,
        attendance_recorded=page.attendance_recorded,
        version=page.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_update(
                actor=request.user,
                meeting=meeting,
                kind=data["kind"],
                chair=data["chair"],
                secretary=data["secretary"],
                adjusters=list(data["adjusters"]),
                general_notes=data["general_notes"],
                approval_place=data["approval_place"],
                approval_date=data["approval_date"],
                # "" means the form was opened before anyone had started the minutes: if
                # someone has since, the save is stale.
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                form.refresh_version(selectors.minutes_version(meeting))
        else:
            messages.success(request, _("Protokollets uppgifter är sparade."))
            return redirect(meeting)
    return render(
        request,
        "governance/minutes_form.html",
        {"form": form, "meeting": meeting, "minutes": page.minutes},
    )


def meeting_minutes_item(request, pk: int, item_pk: int):
    """The minutes editor for one agenda item."""
    meeting = access.meeting_for_minutes(pk, user=request.user)
    page = selectors.minutes_item_page(meeting, item_pk)
    form = MinutesItemNoteForm(
        posted(request),
        initial={"text": page.note.text if page.note else ""},
        version=version_of(page.note) if page.note else "",
    )
    latest = None
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_item_note_save(
                actor=request.user,
                meeting=meeting,
                agenda_item=page.item,
                text=form.cleaned_data["text"],
                # "" means the form was opened before the item had a note: if one was
                # written since, this save is stale rather than a silent overwrite.
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                latest = selectors.minutes_item_note(page.item)
                form.refresh_version(version_of(latest) if latest else "")
        else:
            messages.success(
                request,
                _("Anteckningen till punkt %(number)s är sparad.") % {"number": page.item.number},
            )
            if "save_next" in request.POST and page.next_item:
                return redirect(
                    "governance:meeting_minutes_item", pk=meeting.pk, item_pk=page.next_item.pk
                )
            return redirect(meeting)
    return render(
        request,
        "governance/minutes_item_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": page.item,
            "items": page.items,
            "latest": latest,
            "has_next": page.next_item is not None,
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
    actions = meeting_actions(
        request.user,
        overview.meeting,
        overview.minutes,
        submit_refusals=overview.submit_refusals,
        pending_approvers=overview.pending_approvers,
    )
    form = ApprovalForm(
        request.POST if request.method == "POST" else None,
        people=selectors.people_among(overview.pending_approvers),
    )
    if request.method == "POST" and form.is_valid():
        on_behalf = form.cleaned_data["person"] if is_administrator(request.user) else None
        try:
            approved = services.minutes_approve(
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
            if approved.status == MinutesStatus.APPROVED:
                messages.success(request, _("Protokollet är justerat och därmed låst."))
            else:
                messages.success(
                    request,
                    _("Din justering är registrerad. Protokollet väntar på fler justerare."),
                )
            return redirect(overview.meeting)
    return render(
        request,
        "governance/minutes_approve.html",
        {
            "overview": overview,
            "meeting": overview.meeting,
            "minutes": overview.minutes,
            "actions": actions,
        },
    )


def meeting_minutes_correct(request, pk: int):
    meeting = access.meeting_for_minutes(pk, user=request.user)
    minutes = minutes_of(meeting)
    if minutes is None:
        raise Http404
    form = MinutesCorrectionForm(posted(request), meeting=meeting)
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
