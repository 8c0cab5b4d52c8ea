from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance import access, selectors, services
from finance.forms import RevisionCompareForm, RevisionCreateForm


@require_POST
def revision_create(request, pk: int):
    budget = access.budget_for_update(pk, user=request.user)
    form = RevisionCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Anteckningen är för lång (högst 500 tecken)."))
        return redirect(budget)
    revision = services.revision_create(
        actor=request.user, budget=budget, note=form.cleaned_data["note"]
    )
    messages.success(
        request,
        _("Revision %(number)s är skapad som en kopia av den förra. Den förra är oförändrad.")
        % {"number": revision.number},
    )
    return redirect(budget)


def revision_compare(request, pk: int):
    view = selectors.budget_view(pk)
    if view is None:
        raise Http404
    form = RevisionCompareForm(request.GET or None, revisions=view.revisions)
    comparison = None
    if form.is_valid():
        comparison = selectors.revision_comparison(
            pk, form.cleaned_data["old"], form.cleaned_data["new"]
        )
    elif not request.GET and len(view.revisions) > 1:
        old, new = view.revisions[-2].number, view.revisions[-1].number
        return redirect(f"{reverse('finance:revision_compare', args=[pk])}?old={old}&new={new}")
    return render(
        request,
        "finance/revision_compare.html",
        {"budget": view.budget, "form": form, "comparison": comparison, "view": view},
    )
