"""Bench-only URLconf: the portal's URLs plus the two references every page is compared with,
on the same data and through the same middleware: the floor (a minimal logged-in view) and
Django admin's change list of decisions (on a bench-only admin site, not in production); the
public pages have a floor of their own (no login)."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from governance.models import Decision
from portal.urls import urlpatterns as portal_urlpatterns

bench_admin = admin.AdminSite(name="benchadmin")


@admin.register(Decision, site=bench_admin)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "body", "year", "status", "decision_date"]
    list_select_related = ["body"]
    list_filter = ["status", "year"]
    search_fields = ["title"]


def floor(request):
    """The least a logged-in page can cost: middleware, session and user, no template."""
    return HttpResponse(f"<p>{request.user.get_username()}</p>")


@login_not_required
def public_floor(request):
    """The floor of the public pages: the same middleware, nobody logged in."""
    return HttpResponse("<p>Offentligt</p>")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/floor/offentligt/", public_floor, name="bench_public_floor"),
    path("bench/admin/", bench_admin.urls),
    *portal_urlpatterns,
]
