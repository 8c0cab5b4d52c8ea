from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from governance.access import meetings as access
from governance.access.actions import meeting_actions
from governance.documents.meetings import agenda_pdf
from governance.forms.meetings import (
    AgendaItemForm,
    AgendaMoveForm,
    AttendanceForm,
    GuestForm,
    MeetingForm,
    add_service_error,
    is_stale,
)
from governance.registry import meeting_page_sections
from governance.selectors import meetings as selectors
from governance.services import meetings as services
from governance.services.common import version_of
from governance.views.common import attachment_page, pdf_response
from groups.access import user_can_on_group
from groups.permissions import MANAGE_MEETINGS
from portal.forms import posted
from portal.pagination import UncountedPaginator


class MeetingListView(ListView):
    template_name = "governance/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50
    paginator_class = UncountedPaginator  # no COUNT over every readable meeting

    def get_queryset(self):
        self.when = self.request.GET.get("nar", "")
        if self.when not in ("upcoming", "past"):
            self.when = ""
        self.sort = selectors.meeting_sort(self.request.GET, when=self.when)
        return selectors.meeting_list(
            user=self.request.user,
            when=self.when,
            search=self.request.GET.get("q", "")[:100],
            sort=self.sort,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            when=self.when, q=self.request.GET.get("q", ""), sort=self.sort, **kwargs
        )


def meeting_group_list(request, group_id: int):
    group = access.group_for_viewing_meetings(group_id, user=request.user)
    meetings = list(selectors.meeting_list(user=request.user, group=group))
    sort = selectors.calendar_sort(request.GET)
    return render(
        request,
        "governance/meeting_group_list.html",
        {
            "group": group,
            "sort": sort,
            "months": selectors.meetings_by_month(meetings, newest_first=sort.descending),
            "today": timezone.localdate(),
            "can_manage": user_can_on_group(request.user, MANAGE_MEETINGS, group),
        },
    )


def meeting_create(request, group_id: int):
    group = access.group_for_meetings(group_id, user=request.user)
    form = MeetingForm(posted(request), group=group)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            meeting = services.meeting_create(actor=request.user, group=group, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Mötet är inplanerat. Bygg nu dagordningen."))
            return redirect("governance:meeting_agenda", pk=meeting.pk)
    return render(
        request, "governance/meeting_form.html", {"form": form, "group": group, "meeting": None}
    )


def meeting_edit(request, pk: int):
    meeting = access.meeting_for_update(pk, user=request.user)
    form = MeetingForm(
        posted(request), instance=meeting, group=meeting.group, version=version_of(meeting)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                expected_version=form.cleaned_data["version"] or None,
                **data,
            )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                meeting.refresh_from_db()
                form.refresh_version(version_of(meeting))
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(meeting)
    return render(
        request,
        "governance/meeting_form.html",
        {"form": form, "group": meeting.group, "meeting": meeting},
    )


def meeting_detail(request, pk: int):
    meeting = access.meeting_for_view(pk, user=request.user)
    overview = selectors.meeting_overview(meeting)
    actions = meeting_actions(
        request.user,
        overview.meeting,
        overview.minutes,
        submit_refusals=overview.submit_refusals,
        pending_approvers=overview.pending_approvers,
    )
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "overview": overview,
            "meeting": overview.meeting,
            "group": overview.meeting.group,
            "actions": actions,
            "sections": meeting_page_sections(overview.meeting, request.user, actions),
        },
    )


def meeting_agenda(request, pk: int):
    meeting = access.meeting_for_update(pk, user=request.user)
    form = AgendaItemForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_item_add(
                actor=request.user,
                meeting=meeting,
                number=form.cleaned_data["number"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                presenter=form.cleaned_data["presenter"],
                commission=form.cleaned_data["commission"],
                is_confidential=form.cleaned_data["is_confidential"],
                confidentiality_ground=form.cleaned_data["confidentiality_ground"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Punkt %(number)s är tillagd.") % {"number": item.number})
            return redirect("governance:meeting_agenda", pk=meeting.pk)
    overview = selectors.meeting_overview(meeting)
    return render(
        request,
        "governance/meeting_agenda.html",
        {"form": form, "meeting": meeting, "overview": overview},
    )


def meeting_agenda_item_edit(request, item_pk: int):
    item = access.agenda_item_for_update(item_pk, user=request.user)
    form = AgendaItemForm(
        posted(request), instance=item, meeting=item.meeting, version=version_of(item)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if data.get("number") is None:
            data.pop("number")
        try:
            services.agenda_item_update(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"] or None,
                **data,
            )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                item.refresh_from_db()
                form.refresh_version(version_of(item))
        else:
            messages.success(request, _("Punkten är sparad."))
            return redirect("governance:meeting_agenda", pk=item.meeting_id)
    return render(
        request,
        "governance/agenda_item_form.html",
        {"form": form, "item": item, "meeting": item.meeting},
    )


@require_POST
def meeting_agenda_item_move(request, item_pk: int):
    """Move an item up or down (buttons) or to where it was dragged (static/js/agenda.js)."""
    item = access.agenda_item_for_update(item_pk, user=request.user)
    form = AgendaMoveForm(request.POST)
    if form.is_valid():
        try:
            moved = services.agenda_item_move(
                actor=request.user, item=item, position=form.cleaned_data["position"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("”%(title)s” är nu punkt %(number)s.")
                % {"title": moved.title, "number": moved.number},
            )
    else:
        messages.error(request, _("Ange vart punkten ska flyttas."))
    agenda = reverse("governance:meeting_agenda", args=[item.meeting_id])
    return redirect(f"{agenda}#punkt-{item.pk}")


@require_POST
def meeting_agenda_item_delete(request, item_pk: int):
    item = access.agenda_item_for_update(item_pk, user=request.user)
    try:
        services.agenda_item_delete(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Punkten är borttagen."))
    return redirect("governance:meeting_agenda", pk=item.meeting_id)


def meeting_agenda_item_attachment(request, item_pk: int):
    item = access.agenda_item_for_update(item_pk, user=request.user)
    return attachment_page(
        request,
        owner={"agenda_item": item},
        heading=_("Bilaga till punkt %(number)s. %(title)s")
        % {"number": item.number, "title": item.title},
        back_url=reverse("governance:meeting_agenda", args=[item.meeting_id]),
    )


def meeting_attendance(request, pk: int):
    meeting = access.meeting_for_update(pk, user=request.user)
    rows = selectors.attendance_sheet(meeting)
    form = AttendanceForm(posted(request), rows=rows)
    guest_form = GuestForm(prefix="guest")
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                actor=request.user, meeting=meeting, rows=form.attendance_rows()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Närvaron är sparad."))
            return redirect(meeting)
    return render(
        request,
        "governance/meeting_attendance.html",
        {
            "form": form,
            "guest_form": guest_form,
            "meeting": meeting,
            "rows": rows,
            "guests": selectors.meeting_guests(meeting),
        },
    )


@require_POST
def meeting_guest_add(request, pk: int):
    meeting = access.meeting_for_update(pk, user=request.user)
    form = GuestForm(request.POST, prefix="guest")
    if form.is_valid():
        try:
            services.guest_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Gästen är tillagd."))
    else:
        messages.error(request, _("Ange gästens namn."))
    return redirect("governance:meeting_attendance", pk=meeting.pk)


@require_POST
def meeting_guest_remove(request, guest_pk: int):
    guest = access.guest_for_update(guest_pk, user=request.user)
    try:
        services.guest_remove(actor=request.user, guest=guest)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("governance:meeting_attendance", pk=guest.meeting_id)


def meeting_agenda_pdf(request, pk: int):
    meeting = access.meeting_for_view(pk, user=request.user)
    pdf, filename = agenda_pdf(meeting.pk)
    return pdf_response(pdf, filename, request=request, obj=meeting)
