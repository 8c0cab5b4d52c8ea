from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groups import access
from groups.forms import MemberImportForm
from groups.importing import SWEDISH_HEADERS, import_members


def member_import(request):
    access.require_administrator(request.user)
    posted = request.method == "POST"
    # Bound on every POST, even an empty one, so a missing file is refused by name.
    form = MemberImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_members(upload.read(), upload.name, actor=request.user)
        if result.ok:
            people = ngettext(
                "%(people)s ny person", "%(people)s nya personer", result.created_people
            ) % {"people": result.created_people}
            messages.success(
                request,
                _("Importen är klar: %(memberships)s medlemskap och %(people)s.")
                % {"memberships": result.created_memberships, "people": people},
            )
            return redirect("groups:list")
    return render(
        request,
        "groups/member_import.html",
        {"form": form, "result": result, "columns": SWEDISH_HEADERS},
    )
