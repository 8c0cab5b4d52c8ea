from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance import access, services
from finance.forms import budget_line_form_class
from portal.forms import posted


def _refuse_if_frozen(request, budget, revision):
    """The rules of services._ensure_editable, said before the user types anything."""
    try:
        services.ensure_editable(revision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(budget)
    return None


def budget_line_create(request, pk: int):
    budget = access.budget_for_update(pk, user=request.user)
    revision = services.latest_revision(budget)
    if refusal := _refuse_if_frozen(request, budget, revision):
        return refusal
    form_class = budget_line_form_class(budget)
    form = form_class(posted(request), budget=budget, revision=revision)
    if request.method == "POST" and form.is_valid():
        try:
            line = services.line_create(
                actor=request.user, revision=revision, data=form.line_input()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Raden ”%(label)s” är tillagd.") % {"label": line.label})
            return redirect(budget)
    return render(
        request,
        "finance/line_form.html",
        {"form": form, "budget": budget, "revision": revision, "line": None},
    )


def budget_line_edit(request, pk: int, line_pk: int):
    line = access.line_for_update(line_pk, budget_id=pk, user=request.user)
    budget = line.revision.budget
    if refusal := _refuse_if_frozen(request, budget, line.revision):
        return refusal
    form_class = budget_line_form_class(budget)
    form = form_class(posted(request), instance=line, budget=budget, revision=line.revision)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_update(actor=request.user, line=line, data=form.line_input())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Raden ”%(label)s” är sparad.") % {"label": line.label})
            return redirect(budget)
    return render(
        request,
        "finance/line_form.html",
        {"form": form, "budget": budget, "revision": line.revision, "line": line},
    )


@require_POST
def budget_line_delete(request, pk: int, line_pk: int):
    line = access.line_for_update(line_pk, budget_id=pk, user=request.user)
    budget = line.revision.budget
    label = line.label
    try:
        services.line_delete(actor=request.user, line=line)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Raden ”%(label)s” är borttagen.") % {"label": label})
    return redirect(budget)
