from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from groups import selectors


def coverage_index(request):
    first = selectors.first_healthcare_region()
    if first is None:
        return redirect("groups:list")
    return redirect("groups:coverage", slug=first.slug)


class CoverageView(TemplateView):
    template_name = "groups/coverage.html"

    def get_context_data(self, **kwargs):
        matrix = selectors.coverage_matrix(
            self.kwargs["slug"], page_number=self.request.GET.get("page")
        )
        if matrix is None:
            raise Http404
        return super().get_context_data(
            healthcare_region=matrix.healthcare_region,
            healthcare_regions=matrix.healthcare_regions,
            regions=matrix.regions,
            rows=matrix.rows,
            page_obj=matrix.page,
            **kwargs,
        )
