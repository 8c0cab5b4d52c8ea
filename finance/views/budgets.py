from django.http import Http404, HttpResponse
from django.views.generic import TemplateView

from finance import access, exporting, selectors
from finance.cost_sharing import sharing_csv
from finance.forms import RevisionCompareForm, RevisionCreateForm
from portal import events
from portal.downloads import content_disposition
from portal.sorting import sort_from


def _revision_number(request) -> int | None:
    value = request.GET.get("revision", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


class BudgetListView(TemplateView):
    template_name = "finance/budget_list.html"

    def get_context_data(self, **kwargs):
        owners = access.budget_owners_for(self.request.user)
        sort = sort_from(
            self.request.GET, selectors.BUDGET_COLUMNS, default=selectors.BUDGET_DEFAULT_SORT
        )
        listing = selectors.budget_list(page_number=self.request.GET.get("page"), sort=sort)
        return super().get_context_data(
            bodies=listing.bodies,
            page_obj=listing.page,
            sort=sort,
            can_import=owners.exists(),
            **kwargs,
        )


class BudgetDetailView(TemplateView):
    template_name = "finance/budget_detail.html"

    def get_context_data(self, **kwargs):
        view = selectors.budget_view(
            self.kwargs["pk"], revision_number=_revision_number(self.request), with_history=True
        )
        if view is None:
            raise Http404
        actions = access.budget_actions(
            self.request.user, budget=view.budget, revision=view.revision, latest=view.latest
        )
        revisions = view.revisions
        compare_form = None
        if len(revisions) > 1:
            compare_form = RevisionCompareForm(
                revisions=revisions,
                initial={"old": revisions[-2].number, "new": revisions[-1].number},
            )
        return super().get_context_data(
            view=view,
            budget=view.budget,
            actions=actions,
            revision_form=RevisionCreateForm() if actions.can_create_revision else None,
            compare_form=compare_form,
            **kwargs,
        )


def budget_export(request, pk: int, fmt: str):
    if fmt not in exporting.FORMATS:
        raise Http404
    view = selectors.budget_view(pk, revision_number=_revision_number(request))
    if view is None:
        raise Http404
    filename = exporting.filename(view, fmt)
    events.record_event(events.EXPORT, request=request, obj=view.budget, detail=filename)
    response = HttpResponse(exporting.export(view, fmt), content_type=exporting.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(filename)
    return response


def cost_sharing_export(request, pk: int):
    view = selectors.budget_view(pk, revision_number=_revision_number(request))
    if view is None or not view.sharing:
        raise Http404
    filename = exporting.filename(view, "csv", kind="kostnadsfordelning")
    events.record_event(events.EXPORT, request=request, obj=view.budget, detail=filename)
    response = HttpResponse(sharing_csv(view.sharing), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    return response
