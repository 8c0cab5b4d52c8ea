"""Administration pages, at /administration/ (namespace "administration")."""

from django.urls import path

from groups.views import administration

app_name = "administration"
urlpatterns = [
    path("", administration.index, name="index"),
    path(
        "sjukvardsregioner/",
        administration.healthcare_region_list,
        name="healthcare_regions",
    ),
    path(
        "sjukvardsregioner/ny/",
        administration.healthcare_region_edit,
        name="healthcare_region_create",
    ),
    path(
        "sjukvardsregioner/<int:pk>/andra/",
        administration.healthcare_region_edit,
        name="healthcare_region_edit",
    ),
    path("regioner/ny/", administration.region_edit, name="region_create"),
    path("regioner/<int:pk>/andra/", administration.region_edit, name="region_edit"),
    path("folkmangd/", administration.population_list, name="populations"),
    path("folkmangd/import/", administration.population_import, name="population_import"),
    path("administratorer/", administration.administrator_list, name="administrators"),
    path(
        "administratorer/<int:user_id>/ta-bort/",
        administration.administrator_revoke,
        name="administrator_revoke",
    ),
]
