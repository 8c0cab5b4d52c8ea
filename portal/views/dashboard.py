from django.views.generic import TemplateView

from portal import dashboard


class DashboardView(TemplateView):
    template_name = "portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard.dashboard_for(self.request.user))
        return context
