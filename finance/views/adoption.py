"""Adopting a budget by a decision of its owner, and marking a budget superseded."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finance import access, services
from finance.forms import BudgetAdoptForm, BudgetSupersedeForm
from portal.forms import posted


def budget_adopt(request, pk: int):
    budget = access.budget_for_update(pk, user=request.user)
    revision = services.latest_revision(budget)
    try:
        services.ensure_adoptable(budget, revision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(budget)
    form = BudgetAdoptForm(posted(request), budget=budget)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.budget_adopt(
                actor=request.user,
                budget=budget,
                decision=data["decision"],
                adopted_on=data["adopted_on"],
                revision=revision,
                supersedes=data.get("supersedes") or (),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            text = _("Revision %(number)s är fastställd och kan inte längre ändras.") % {
                "number": revision.number
            }
            if replaced := data.get("supersedes"):
                text += " " + _("Ersatta budgetar: %(titles)s.") % {
                    "titles": ", ".join(f"”{b.title}”" for b in replaced)
                }
            messages.success(request, text)
            return redirect(budget)
    return render(
        request,
        "finance/budget_adopt.html",
        {
            "form": form,
            "budget": budget,
            "revision": revision,
            # Asked here, not in the template: templates run no queries of their own.
            "has_decisions": form.fields["decision"].queryset.exists(),
            "decision_years": services.adoption_decision_period(budget),
        },
    )


def budget_supersede(request, pk: int):
    budget = access.budget_for_update(pk, user=request.user)
    try:
        services.ensure_supersedable(budget)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(budget)
    form = BudgetSupersedeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_supersede(
                actor=request.user, budget=budget, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Budgeten är markerad som ersatt. Dess revisioner finns kvar att läsa."),
            )
            return redirect(budget)
    return render(request, "finance/budget_supersede.html", {"form": form, "budget": budget})
