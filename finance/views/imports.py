from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finance import access
from finance.forms import BudgetImportForm
from finance.importing import import_budget


def budget_import(request):
    access.require_budget_owner(request.user)
    posted = request.method == "POST"
    # Bound on every POST, even an empty one, so a missing field is refused by name.
    form = BudgetImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        owners=access.budget_owners_for(request.user),
    )
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_budget(
            upload.read(),
            upload.name,
            owner=form.cleaned_data["owner"],
            title=form.cleaned_data["title"],
            actor=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _("Budgeten är importerad (id %(id)s).") % {"id": result.budget.pk},
            )
            return redirect(result.budget)
    if result is not None:
        form.ask_for_file_again()
    elif posted and "file" not in form.errors:
        form.refuse_file()
    return render(request, "finance/budget_import.html", {"form": form, "result": result})
