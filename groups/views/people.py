from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView, TemplateView

from groups import access, selectors, services
from groups.forms import PersonForm
from portal import gdpr
from portal.access import is_administrator
from portal.forms import posted
from portal.sorting import sort_from


class PersonListView(ListView):
    template_name = "groups/person_list.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        self.search = self.request.GET.get("q", "").strip()[:100]
        self.sort = sort_from(
            self.request.GET, selectors.PERSON_COLUMNS, default=selectors.PERSON_DEFAULT_SORT
        )
        return selectors.person_list(search=self.search, sort=self.sort)

    def get_context_data(self, **kwargs):
        return super().get_context_data(search=self.search, sort=self.sort, **kwargs)


class PersonDetailView(TemplateView):
    template_name = "groups/person_detail.html"

    def get_context_data(self, **kwargs):
        person = selectors.person_overview(self.kwargs["pk"])
        if person is None:
            raise Http404
        return super().get_context_data(
            person=person,
            memberships=list(person.memberships.all()),
            can_edit=is_administrator(self.request.user),
            **kwargs,
        )


def person_create(request):
    access.require_administrator(request.user)
    form = PersonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        person = services.person_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s har lagts till.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "groups/person_form.html", {"form": form, "person": None})


def person_edit(request, pk: int):
    person = access.person_for_update(pk, user=request.user)
    form = PersonForm(posted(request), instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_update(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("Ändringarna är sparade."))
        return redirect(person)
    return render(request, "groups/person_form.html", {"form": form, "person": person})


@require_POST
def person_invite(request, pk: int):
    person = access.person_for_update(pk, user=request.user)
    try:
        services.person_invite(
            actor=request.user, person=person, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("En inbjudan med en engångslänk har skickats till %(email)s.")
            % {"email": person.email},
        )
    return redirect(person)


@require_POST
def person_deactivate(request, pk: int):
    person = access.person_for_update(pk, user=request.user)
    try:
        services.person_deactivate_login(actor=request.user, person=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Inloggningen för %(name)s är avaktiverad. Personen och historiken finns kvar.")
            % {"name": person.full_name},
        )
    return redirect(person)


def person_data_export(request, pk: int):
    """Everything recorded about the person, as JSON (GDPR art. 15 and 20); administrators."""
    person = access.person_for_update(pk, user=request.user)
    return gdpr.personal_data_download(request, person)


def person_erase(request, pk: int):
    """Confirm once, then pseudonymise (GDPR art. 17, within 17.3 b and d; docs/gdpr.md)."""
    person = access.person_for_update(pk, user=request.user)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.person_erase(actor=request.user, person=person)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Personuppgifterna är raderade. Personen heter nu %(name)s i portalen; "
                    "protokoll och beslut finns kvar."
                )
                % {"name": person.full_name},
            )
            return redirect(person)
    return render(
        request,
        "groups/person_erase.html",
        {"person": person, "errors": errors or selectors.person_erasure_refusals(person)},
    )
