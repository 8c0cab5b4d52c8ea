from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance import access, selectors, services
from finance.forms import OpeningBalanceForm, RevisionCompareForm, RevisionCreateForm
from portal.forms import posted


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


def revision_opening_balance(request, pk: int):
    """Change the first year's opening balance of the latest revision, with a reason."""
    budget = access.budget_for_update(pk, user=request.user)
    revision = services.latest_revision(budget)
    try:
        services.ensure_editable(revision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(budget)
    form = OpeningBalanceForm(
        posted(request), initial={"opening_balance": revision.opening_balance}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.revision_set_opening_balance(
                actor=request.user,
                revision=revision,
                opening_balance=form.cleaned_data["opening_balance"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Den ingående balansen i revision %(number)s är ändrad.")
                % {"number": revision.number},
            )
            return redirect(budget)
    return render(
        request,
        "finance/opening_balance_form.html",
        {"form": form, "budget": budget, "revision": revision},
    )


def revision_compare(request, pk: int):
    loaded = selectors.budget_with_revisions(pk)
    if loaded is None:
        raise Http404
    budget, revisions = loaded
    form = RevisionCompareForm(request.GET or None, revisions=revisions)
    comparison = None
    if form.is_valid():
        comparison = selectors.revision_comparison(
            budget, revisions, form.cleaned_data["old"], form.cleaned_data["new"]
        )
    elif not request.GET and len(revisions) > 1:
        old, new = revisions[-2].number, revisions[-1].number
        return redirect(f"{reverse('finance:revision_compare', args=[pk])}?old={old}&new={new}")
    return render(
        request,
        "finance/revision_compare.html",
        {"budget": budget, "revisions": revisions, "form": form, "comparison": comparison},
    )
