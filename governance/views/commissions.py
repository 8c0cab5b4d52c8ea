"""Commission pages: list, page, create/edit (sections without JavaScript), status, deliverables,
history with differences, PDF, and the section templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance.access import commissions as access
from governance.documents.commissions import commission_pdf
from governance.forms.commissions import (
    CommissionCreateForm,
    CommissionEditForm,
    CommissionFilterForm,
    DeliverableForm,
    DeliveryForm,
    SectionFormSet,
    SectionTemplateForm,
    StatusChangeForm,
    TemplateItemFormSet,
    move_row,
    raw_rows,
)
from governance.models import CommissionStatus, SectionTemplate
from governance.selectors import commissions as selectors
from governance.services import commissions as services
from governance.views.common import pdf_response
from groups.access import require_administrator
from portal.access import is_administrator
from portal.forms import posted
from portal.pagination import UncountedPaginator
from portal.textdiff import inline_diff
from portal.time_travel import AsOfForm

SECTION_FIELDS = ("id", "position", "heading", "body", "required", "DELETE")


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError next to the form's fields where there is one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- list and page ------------------------------------------------------------------------


def commission_list(request):
    filter_form = CommissionFilterForm(request.GET or None, **selectors.commission_filter_choices())
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    sort = selectors.commission_sort(request.GET)
    commissions = selectors.commission_list(
        user=request.user,
        status=filters.get("status", ""),
        commissioner=filters.get("commissioner"),
        assignee=filters.get("assignee"),
        overdue=filters.get("overdue", False),
        search=filters.get("q", ""),
        sort=sort,
    )
    page_obj = UncountedPaginator(commissions, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/commission_list.html",
        {
            "filter_form": filter_form,
            "sort": sort,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "commissions": page_obj.object_list,
            "can_create": is_administrator(request.user),
        },
    )


def commission_detail(request, pk: int):
    commission = selectors.commission_detail(pk, user=request.user)
    if commission is None:
        raise Http404
    deliverables = list(commission.deliverables.all())
    return render(
        request,
        "governance/commission_detail.html",
        {
            "commission": commission,
            "sections": list(commission.sections.all()),
            "deliverables": deliverables,
            "decisions": list(commission.concerning_decisions.all()),
            "agenda_items": list(commission.agenda_items.all()),
            "history": commission.history_records,
            "actions": access.commission_actions(request.user, commission, deliverables),
            "today": timezone.localdate(),
            "as_of_form": AsOfForm(first_day=None, today=timezone.localdate()),
        },
    )


# --- create and edit ----------------------------------------------------------------------


def commission_create(request):
    require_administrator(request.user)
    services.ensure_section_templates(actor=request.user)
    # "Nytt uppdrag till gruppen" on a group page passes the group as assignee (and its
    # parent, which usually commissions it, as commissioner).
    initial = {key: request.GET[key] for key in ("commissioner", "assignee") if key in request.GET}
    form = CommissionCreateForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        template = data.pop("template")
        try:
            commission = services.commission_create(actor=request.user, template=template, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Uppdraget är skapat som utkast. Skriv texten i avsnitten nedan.")
            )
            return redirect("governance:commission_edit", pk=commission.pk)
    templates = selectors.section_templates()
    return render(
        request, "governance/commission_create.html", {"form": form, "templates": templates}
    )


def _section_rows(instance_rows) -> list[dict]:
    return [
        {
            "id": row.pk,
            "position": row.position,
            "heading": row.heading,
            "body": row.body,
            "required": row.required,
        }
        for row in instance_rows
    ]


def _sections_action(request, formset_class, *, form_kwargs=None):
    """Handle "move up/down" and "add section" without saving: the page is shown again with
    the sections rearranged and everything typed kept. Returns (formset, anchor) or None."""
    move = request.POST.get("move", "")
    if not move and "add_section" not in request.POST:
        return None
    bound = formset_class(request.POST, prefix="sections", form_kwargs=form_kwargs or {})
    rows = raw_rows(bound)
    anchor = ""
    if move:
        direction, _sep, index = move.partition(":")
        # The button names the section by its place on the page; typed positions may have
        # reordered the rows since, so the clicked section is found by that place.
        clicked = next((i for i, row in enumerate(rows) if str(row["_index"]) == index), -1)
        new_index = move_row(rows, clicked, direction)
        anchor = f"avsnitt-{new_index + 1}"
    else:
        move_row(rows, -1, "none")
        rows.append({"position": len(rows) + 1, "heading": "", "body": "", "required": False})
        anchor = f"avsnitt-{len(rows)}"
    initial = [{k: v for k, v in row.items() if k in SECTION_FIELDS} for row in rows]
    formset = formset_class(initial=initial, prefix="sections", form_kwargs=form_kwargs or {})
    return formset, anchor


def _refuse_if_closed(request, commission):
    """The rule of services.ensure_commission_editable, said before the user types anything."""
    if refusal := services.commission_edit_refusal(commission):
        messages.error(request, refusal)
        return redirect(commission)
    return None


def commission_edit(request, pk: int):
    commission = access.commission_for_update(pk, user=request.user)
    if refusal := _refuse_if_closed(request, commission):
        return refusal
    sections = list(commission.sections.order_by("position", "pk"))
    anchor = ""
    # A draft saves half-written: its obligatory sections are checked when it is decided.
    form_kwargs = {"check_required": not commission.is_draft, "draft": commission.is_draft}
    rearranged = (
        _sections_action(request, SectionFormSet, form_kwargs=form_kwargs)
        if request.method == "POST"
        else None
    )
    if rearranged:
        formset, anchor = rearranged
        form = CommissionEditForm(initial=request.POST.dict(), instance=commission)
    else:
        form = CommissionEditForm(posted(request), instance=commission)
        formset = SectionFormSet(
            posted(request),
            initial=_section_rows(sections),
            prefix="sections",
            form_kwargs=form_kwargs,
        )
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason", "")
            try:
                services.commission_update(
                    actor=request.user,
                    commission=commission,
                    sections=formset.ordered_sections(),
                    reason=reason,
                    **data,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Uppdraget är sparat."))
                return redirect(commission)
    return render(
        request,
        "governance/commission_edit.html",
        {"form": form, "formset": formset, "commission": commission, "anchor": anchor},
    )


# --- status -------------------------------------------------------------------------------


def commission_status(request, pk: int, status: str):
    commission = access.commission_for_update(pk, user=request.user)
    if status not in CommissionStatus.values or status == CommissionStatus.DRAFT:
        raise Http404
    allowed = status in services.allowed_transitions(commission.status)
    form = StatusChangeForm(
        posted(request),
        commission=commission,
        with_decision=status in services.DECISION_STATUSES,
        initial={"on_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.commission_transition(
                actor=request.user,
                commission=commission,
                to_status=status,
                on_date=form.cleaned_data["on_date"],
                decision=form.cleaned_data.get("decision"),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Uppdraget har nu status ”%(status)s”.")
                % {"status": commission.get_status_display()},
            )
            return redirect(commission)
    return render(
        request,
        "governance/commission_status.html",
        {
            "form": form,
            "commission": commission,
            "to_status": CommissionStatus(status),
            "verb": services.TRANSITION_VERBS[status],
            "allowed": allowed,
        },
    )


# --- deliverables -------------------------------------------------------------------------


def _period_warning(request, deliverable) -> None:
    if deliverable.outside_period:
        messages.warning(
            request,
            _(
                "Observera: leveransen ”%(title)s” ska lämnas %(date)s, utanför uppdragets "
                "period. Den är sparad; kontrollera datumet."
            )
            % {"title": deliverable.title, "date": deliverable.due_date.isoformat()},
        )


def deliverable_add(request, pk: int):
    commission = access.commission_for_update(pk, user=request.user)
    if refusal := _refuse_if_closed(request, commission):
        return refusal
    form = DeliverableForm(posted(request), initial={"recipient": commission.commissioner_id})
    if request.method == "POST" and form.is_valid():
        try:
            deliverable = services.deliverable_create(
                actor=request.user, commission=commission, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Leveransen är tillagd."))
            _period_warning(request, deliverable)
            return redirect(commission)
    return render(
        request,
        "governance/deliverable_form.html",
        {"form": form, "commission": commission, "deliverable": None},
    )


def deliverable_edit(request, pk: int):
    deliverable = access.deliverable_for_update(pk, user=request.user)
    if refusal := _refuse_if_closed(request, deliverable.commission):
        return refusal
    form = DeliverableForm(posted(request), instance=deliverable)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliverable_update(
                actor=request.user, deliverable=deliverable, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Leveransen är ändrad."))
            _period_warning(request, deliverable)
            return redirect(deliverable.commission)
    return render(
        request,
        "governance/deliverable_form.html",
        {"form": form, "commission": deliverable.commission, "deliverable": deliverable},
    )


def deliverable_deliver(request, pk: int):
    deliverable = access.deliverable_for_delivery(pk, user=request.user)
    form = DeliveryForm(
        posted(request),
        deliverable=deliverable,
        initial={"delivered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _delivered, next_one = services.deliverable_mark_delivered(
                actor=request.user, deliverable=deliverable, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Leveransen är markerad som levererad."))
            if next_one is not None:
                messages.info(
                    request,
                    _("Nästa årliga leverans är planerad till %(date)s.")
                    % {"date": next_one.due_date.isoformat()},
                )
            return redirect(deliverable.commission)
    return render(
        request,
        "governance/deliverable_deliver.html",
        {"form": form, "deliverable": deliverable, "commission": deliverable.commission},
    )


# --- history and PDF ----------------------------------------------------------------------


def _pick(versions, value, default):
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return default
    return next((v for v in versions if v.history_id == wanted), default)


def commission_history(request, pk: int):
    commission = access.commission_for_view(pk, user=request.user)
    versions = selectors.commission_versions(commission)
    if not versions:
        raise Http404
    newest = versions[-1]
    # By default, show the latest change of the text (not a status change, which has none).
    text_changes = [v for v in versions[1:] if "text" in v.changed_fields or v.changed_title]
    default_old = versions[text_changes[-1].number - 2] if text_changes else versions[0]
    old = _pick(versions, request.GET.get("fran"), default_old)
    new = _pick(versions, request.GET.get("till"), newest)
    if old.number > new.number:
        old, new = new, old
    section_diffs, reordered = selectors.compare_versions(old, new)
    diffs = [
        {
            "heading": inline_diff(d.heading_old or "", d.heading_new or "")
            if d.changed
            else d.heading_new,
            "body": inline_diff(d.body_old or "", d.body_new or "") if d.changed else d.body_new,
            "added": d.added,
            "removed": d.removed,
            "changed": d.changed,
        }
        for d in section_diffs
    ]
    title_diff = inline_diff(old.record.title, new.record.title)
    return render(
        request,
        "governance/commission_history.html",
        {
            "commission": commission,
            "versions": list(reversed(versions)),
            "old": old,
            "new": new,
            "diffs": diffs,
            "title_diff": title_diff,
            "title_changed": old.record.title != new.record.title,
            "reordered": reordered,
            "any_change": reordered
            or old.record.title != new.record.title
            or any(d["changed"] for d in diffs),
        },
    )


@require_GET
def commission_pdf_download(request, pk: int):
    commission = access.commission_for_view(pk, user=request.user)
    pdf, filename = commission_pdf(commission.pk)
    return pdf_response(pdf, filename, request=request, obj=commission)


# --- section templates --------------------------------------------------------------------


def section_template_list(request):
    require_administrator(request.user)
    services.ensure_section_templates(actor=request.user)
    sort = selectors.section_template_sort(request.GET)
    return render(
        request,
        "governance/section_template_list.html",
        {"templates": selectors.section_templates(sort=sort), "sort": sort},
    )


def section_template_edit(request, pk: int):
    template: SectionTemplate = access.section_template_for_update(pk, user=request.user)
    items = list(template.items.order_by("position", "pk"))
    form_kwargs = {"check_required": False}
    anchor = ""
    rearranged = (
        _sections_action(request, TemplateItemFormSet, form_kwargs=form_kwargs)
        if request.method == "POST"
        else None
    )
    if rearranged:
        formset, anchor = rearranged
        form = SectionTemplateForm(initial=request.POST.dict(), instance=template)
    else:
        form = SectionTemplateForm(posted(request), instance=template)
        formset = TemplateItemFormSet(
            posted(request),
            initial=_section_rows(items),
            prefix="sections",
            form_kwargs=form_kwargs,
        )
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            try:
                services.section_template_update(
                    actor=request.user,
                    template=template,
                    items=formset.ordered_sections(),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Mallen är sparad."))
                return redirect("governance:section_template_list")
    return render(
        request,
        "governance/section_template_edit.html",
        {"form": form, "formset": formset, "template": template, "anchor": anchor},
    )
