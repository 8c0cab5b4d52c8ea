from django.urls import path

from finance.views import adoption, budgets, imports, lines, revisions

app_name = "finance"
urlpatterns = [
    path("", budgets.BudgetListView.as_view(), name="budget_list"),
    path("importera/", imports.budget_import, name="budget_import"),
    path("<int:pk>/", budgets.BudgetDetailView.as_view(), name="budget_detail"),
    path("<int:pk>/export/<str:fmt>/", budgets.budget_export, name="budget_export"),
    path(
        "<int:pk>/kostnadsfordelning.csv",
        budgets.cost_sharing_export,
        name="cost_sharing_export",
    ),
    path("<int:pk>/rader/ny/", lines.budget_line_create, name="budget_line_create"),
    path("<int:pk>/rader/<int:line_pk>/andra/", lines.budget_line_edit, name="budget_line_edit"),
    path(
        "<int:pk>/rader/<int:line_pk>/ta-bort/", lines.budget_line_delete, name="budget_line_delete"
    ),
    path("<int:pk>/faststall/", adoption.budget_adopt, name="budget_adopt"),
    path("<int:pk>/ersatt/", adoption.budget_supersede, name="budget_supersede"),
    path(
        "<int:pk>/ingaende-balans/",
        revisions.revision_opening_balance,
        name="revision_opening_balance",
    ),
    path("<int:pk>/revisioner/ny/", revisions.revision_create, name="revision_create"),
    path("<int:pk>/revisioner/jamfor/", revisions.revision_compare, name="revision_compare"),
]
