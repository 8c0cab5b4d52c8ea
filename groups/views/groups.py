from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from groups import access, selectors, services
from groups.forms import GroupFilterForm, GroupForm
from groups.models import Group
from groups.permissions import MANAGE_MEETINGS
from groups.registry import group_page_sections
from portal.access import is_administrator
from portal.forms import posted
from portal.sorting import sort_from
from portal.time_travel import AsOfForm


class GroupListView(ListView):
    template_name = "groups/group_list.html"
    context_object_name = "groups"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = GroupFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        self.sort = sort_from(
            self.request.GET, selectors.GROUP_COLUMNS, default=selectors.GROUP_DEFAULT_SORT
        )
        return selectors.group_list(
            kind=filters.get("kind", ""),
            status=filters.get("status", ""),
            healthcare_region=filters.get("healthcare_region"),
            host_region=filters.get("host_region"),
            search=filters.get("q", ""),
            sort=self.sort,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            sort=self.sort,
            managed_ids=selectors.group_ids_managed_by(self.request.user),
            **kwargs,
        )


class GroupTreeView(TemplateView):
    template_name = "groups/group_tree.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(forest=selectors.group_tree(), **kwargs)


class GroupDetailView(TemplateView):
    template_name = "groups/group_detail.html"

    def get_context_data(self, **kwargs):
        overview = selectors.group_overview(self.kwargs["pk"])
        if overview is None:
            raise Http404
        user = self.request.user
        return super().get_context_data(
            overview=overview,
            group=overview.group,
            can_edit=is_administrator(user),
            can_manage=access.user_can_on_group(user, MANAGE_MEETINGS, overview.group),
            related_sections=group_related_sections(overview.group, user),
            as_of_form=AsOfForm(first_day=None, today=timezone.localdate()),
            **kwargs,
        )


def group_related_sections(group: Group, user) -> list:
    """Commissions, meetings and the like from the apps built on groups.

    groups imports no other app: those apps register their section providers here.
    """
    return [provider(group, user) for provider in group_page_sections()]


def group_create(request):
    access.require_administrator(request.user)
    form = GroupForm(posted(request), initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Gruppen %(name)s har skapats.") % {"name": group.name})
            return redirect(group)
    return render(request, "groups/group_form.html", {"form": form, "group": None})


def group_edit(request, pk: int):
    group = access.group_for_update(pk, user=request.user)
    form = GroupForm(posted(request), instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(group)
    return render(request, "groups/group_form.html", {"form": form, "group": group})
