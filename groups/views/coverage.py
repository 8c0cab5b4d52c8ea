from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from groups import selectors
from groups.models import HealthcareRegion


def coverage_index(request):
    first = HealthcareRegion.objects.order_by("name").first()
    if first is None:
        return redirect("groups:list")
    return redirect("groups:coverage", slug=first.slug)


class CoverageView(TemplateView):
    template_name = "groups/coverage.html"

    def get_context_data(self, **kwargs):
        healthcare_region = get_object_or_404(HealthcareRegion, slug=self.kwargs["slug"])
        regions, rows = selectors.coverage_matrix(healthcare_region)
        return super().get_context_data(
            healthcare_region=healthcare_region,
            healthcare_regions=HealthcareRegion.objects.order_by("name"),
            regions=regions,
            rows=rows,
            **kwargs,
        )
