"""Administration in the portal (no Django admin needed): healthcare regions and regions,
their yearly populations, and who is an administrator. For administrators only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from groups import access, selectors, services
from groups.forms import (
    AdministratorGrantForm,
    AdministratorRevokeForm,
    HealthcareRegionForm,
    PopulationImportForm,
    RegionForm,
)
from groups.population_import import import_populations
from portal.forms import posted, posted_files


def index(request):
    access.require_administrator(request.user)
    return render(request, "groups/administration/index.html")


def healthcare_region_list(request):
    access.require_administrator(request.user)
    return render(
        request,
        "groups/administration/healthcare_region_list.html",
        {"healthcare_regions": selectors.healthcare_regions_overview()},
    )


def healthcare_region_edit(request, pk: int | None = None):
    if pk:
        instance = access.healthcare_region_for_update(pk, user=request.user)
    else:
        access.require_administrator(request.user)
        instance = None
    form = HealthcareRegionForm(posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.healthcare_region_save(
                actor=request.user,
                healthcare_region=instance,
                name=data["name"],
                short_name=data["short_name"],
                slug=data["slug"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s är sparad.") % {"name": saved.name})
            return redirect("administration:healthcare_regions")
    return render(
        request,
        "groups/administration/healthcare_region_form.html",
        {"form": form, "healthcare_region": instance},
    )


def region_edit(request, pk: int | None = None):
    if pk:
        instance = access.region_for_update(pk, user=request.user)
    else:
        access.require_administrator(request.user)
        instance = None
    initial = {"healthcare_region": request.GET.get("sjukvardsregion")} if not pk else None
    form = RegionForm(posted(request), instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.region_save(
                actor=request.user,
                region=instance,
                name=data["name"],
                code=data["code"],
                county_code=data["county_code"],
                healthcare_region=data["healthcare_region"],
            )
        except ValidationError as error:
            form.add_error(
                "healthcare_region" if hasattr(error, "error_dict") else None,
                error.messages,
            )
        else:
            messages.success(request, _("%(name)s är sparad.") % {"name": saved.name})
            return redirect("administration:healthcare_regions")
    return render(
        request, "groups/administration/region_form.html", {"form": form, "region": instance}
    )


def population_list(request):
    access.require_administrator(request.user)
    return render(
        request,
        "groups/administration/population_list.html",
        {"table": selectors.population_table()},
    )


def population_import(request):
    access.require_administrator(request.user)
    form = PopulationImportForm(posted(request), posted_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_populations(
            upload.read(), upload.name, actor=request.user, source=form.cleaned_data["source"]
        )
        if result.ok:
            parts = [
                ngettext("%(n)s ny siffra", "%(n)s nya siffror", result.created),
                ngettext("%(n)s ändrad", "%(n)s ändrade", result.updated),
                ngettext("%(n)s oförändrad", "%(n)s oförändrade", result.unchanged),
            ]
            counts = (result.created, result.updated, result.unchanged)
            messages.success(
                request,
                _("Importen är klar: %(counts)s.")
                % {
                    "counts": ", ".join(
                        part % {"n": n} for part, n in zip(parts, counts, strict=True)
                    )
                },
            )
            return redirect("administration:populations")
    return render(
        request, "groups/administration/population_import.html", {"form": form, "result": result}
    )


def administrator_list(request):
    access.require_administrator(request.user)
    overview = selectors.administrators_overview()
    form = AdministratorGrantForm(posted(request), candidates=overview.candidates)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        try:
            services.administrator_grant(
                actor=request.user, user=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("user" if hasattr(error, "error_dict") else None, error.messages)
        else:
            messages.success(
                request,
                _("%(name)s är nu administratör.")
                % {"name": user.get_full_name() or user.get_username()},
            )
            return redirect("administration:administrators")
    return render(
        request,
        "groups/administration/administrator_list.html",
        {"overview": overview, "form": form},
    )


@require_POST
def administrator_revoke(request, user_id: int):
    user = access.user_for_administration(user_id, user=request.user)
    form = AdministratorRevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.administrator_revoke(actor=request.user, user=user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("administration:administrators")
    messages.success(
        request,
        _("%(name)s är inte längre administratör.")
        % {"name": user.get_full_name() or user.get_username()},
    )
    if user.pk == request.user.pk and not request.user.is_superuser:
        return redirect("dashboard")  # these pages are no longer theirs
    return redirect("administration:administrators")
