from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from governance.access import meetings as access
from governance.access.actions import decision_actions
from governance.documents.meetings import decision_extract_pdf
from governance.documents.register import FORMATS as REGISTER_FORMATS
from governance.documents.register import register_export
from governance.forms.meetings import (
    DecisionFilterForm,
    DecisionForm,
    FollowUpForm,
    ReservationForm,
    add_service_error,
    is_stale,
)
from governance.registry import decision_page_sections
from governance.selectors import decisions as selectors
from governance.selectors.search import RANK_CANDIDATES
from governance.services import attachments as attachment_services
from governance.services import decisions as services
from governance.services.common import version_of
from governance.views.common import attachment_page, pdf_response
from portal import events
from portal.downloads import content_disposition, download_filename
from portal.forms import posted
from portal.pagination import UncountedPaginator
from portal.storage import download_response
from portal.time_travel import AsOfForm


def _filtered(request):
    form = DecisionFilterForm(
        request.GET or None, bodies=selectors.decision_bodies(), years=selectors.decision_years()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    sort = selectors.register_sort(request.GET, searched=bool(filters.get("q", "").strip()))
    decisions = selectors.decision_list(
        user=request.user,
        body=filters.get("body"),
        year=filters.get("year"),
        status=filters.get("status", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        search=filters.get("q", ""),
        sort=sort,
    )
    return form, sort, decisions


class DecisionListView(ListView):
    """The decision register of every body, with filters, search, paging and export."""

    template_name = "governance/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 50
    paginator_class = UncountedPaginator  # no COUNT over the whole register

    def get_queryset(self):
        self.filter_form, self.sort, decisions = _filtered(self.request)
        return decisions

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            sort=self.sort,
            by_relevance=self.sort.column.key == selectors.RELEVANCE,
            rank_limit=RANK_CANDIDATES,
            export_query=query.urlencode(),
            can_record=bool(access.decision_bodies_for(self.request.user).exists()),
            **kwargs,
        )


def decision_export(request, fmt: str):
    """The register as filtered on the page, every matching decision (no page limit)."""
    if fmt not in REGISTER_FORMATS:
        raise Http404
    _form, _sort, decisions = _filtered(request)
    decisions = decisions.iterator(chunk_size=500)
    name = download_filename("beslut", timezone.localdate().isoformat(), extension=fmt)
    events.record_event(events.EXPORT, request=request, detail=name)
    response = HttpResponse(register_export(decisions, fmt), content_type=REGISTER_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition(name)
    return response


def decision_detail(request, pk: int):
    decision = access.decision_for_view(pk, user=request.user)
    overview = selectors.decision_overview(decision)
    actions = decision_actions(
        request.user, overview.decision, minutes_status=overview.minutes_status
    )
    return render(
        request,
        "governance/decision_detail.html",
        {
            "overview": overview,
            "decision": overview.decision,
            "actions": actions,
            "sections": decision_page_sections(overview.decision, request.user, actions),
            "reservation_form": ReservationForm(people=overview.reservation_candidates)
            if actions.can_edit
            else None,
            "as_of_form": AsOfForm(first_day=None, today=timezone.localdate()),
        },
    )


def decision_create(request):
    bodies = access.decision_bodies_for(request.user)
    if not bodies.exists():
        raise PermissionDenied
    initial = {
        "status": "decided",
        **selectors.decision_preset(
            bodies,
            meeting_id=request.GET.get("mote") or request.POST.get("meeting"),
            item_id=request.GET.get("punkt"),
        ),
    }
    form = DecisionForm(
        posted(request),
        initial=initial,
        bodies=bodies,
        **selectors.decision_form_choices(bodies),
    )
    if request.method == "POST" and form.is_valid():
        body = access.group_for_decisions(form.cleaned_data["body"].pk, user=request.user)
        data = form.service_fields()
        data.pop("body")
        try:
            decision = services.decision_record(
                actor=request.user, body=body, clauses=form.clause_list(), **data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if decision.number:
                message = _("Beslutet är registrerat som § %(number)s.") % {
                    "number": decision.number
                }
            else:
                message = _(
                    "Beslutet är registrerat under punkt %(item)s. Punkten får sin § när "
                    "protokollet lämnas för justering."
                ) % {"item": decision.agenda_item.number}
            messages.success(request, message)
            return redirect(decision)
    return render(request, "governance/decision_form.html", {"form": form, "decision": None})


def decision_edit(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    bodies = selectors.decision_body(decision)
    form = DecisionForm(
        posted(request),
        instance=decision,
        version=version_of(decision),
        bodies=bodies,
        **selectors.decision_form_choices(bodies),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                actor=request.user,
                decision=decision,
                clauses=form.clause_list(),
                expected_version=form.cleaned_data["version"] or None,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_error(form, error)
            if is_stale(error):
                decision.refresh_from_db()
                form.refresh_version(version_of(decision))
        else:
            messages.success(request, _("Beslutet är sparat."))
            return redirect(decision)
    return render(request, "governance/decision_form.html", {"form": form, "decision": decision})


@require_POST
def decision_reservation_add(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    form = ReservationForm(request.POST, people=selectors.reservation_candidates(decision))
    if form.is_valid():
        try:
            services.decision_reservation_add(
                actor=request.user, decision=decision, **form.service_arguments()
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Reservationen är registrerad."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect(decision)


def decision_follow_up(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    form = FollowUpForm(posted(request), instance=decision)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_follow_up(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Uppföljningen är sparad."))
            return redirect(decision)
    return render(
        request, "governance/decision_follow_up.html", {"form": form, "decision": decision}
    )


@require_POST
def decision_approve_immediately(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    try:
        services.decision_approve_immediately(actor=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Beslutet är omedelbart justerat och kan expedieras."))
    return redirect(decision)


def decision_attachment_add(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    return attachment_page(
        request,
        owner={"decision": decision},
        heading=_("Bilaga till beslut: %(title)s") % {"title": decision.title},
        back_url=decision.get_absolute_url(),
    )


def decision_pdf(request, pk: int):
    decision = access.decision_for_view(pk, user=request.user)
    pdf, filename = decision_extract_pdf(decision.pk)
    return pdf_response(pdf, filename, request=request, obj=decision)


def attachment_download(request, pk: int):
    attachment = access.attachment_for_download(pk, user=request.user)
    return download_response(
        attachment.file,
        filename=attachment_services.download_name(attachment),
        content_type=attachment.mime_type,
    )


@require_POST
def decision_reservation_remove(request, pk: int):
    reservation = access.reservation_for_update(pk, user=request.user)
    decision = reservation.decision
    try:
        services.decision_reservation_remove(actor=request.user, reservation=reservation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reservationen är borttagen."))
    return redirect(decision)


@require_POST
def attachment_remove(request, pk: int):
    attachment = access.attachment_for_update(pk, user=request.user)
    back = (
        attachment.decision.get_absolute_url()
        if attachment.decision_id
        else reverse("governance:meeting_agenda", args=[attachment.agenda_item.meeting_id])
    )
    try:
        attachment_services.attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Bilagan är borttagen."))
    return redirect(back)
