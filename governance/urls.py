from django.urls import path

from governance.views import commissions

app_name = "governance"
urlpatterns: list = [
    # Commissions (uppdrag)
    path("uppdrag/", commissions.commission_list, name="commission_list"),
    path("uppdrag/nytt/", commissions.commission_create, name="commission_create"),
    path("uppdrag/<int:pk>/", commissions.commission_detail, name="commission_detail"),
    path("uppdrag/<int:pk>/andra/", commissions.commission_edit, name="commission_edit"),
    path(
        "uppdrag/<int:pk>/status/<str:status>/",
        commissions.commission_status,
        name="commission_status",
    ),
    path("uppdrag/<int:pk>/historik/", commissions.commission_history, name="commission_history"),
    path("uppdrag/<int:pk>/pdf/", commissions.commission_pdf_download, name="commission_pdf"),
    path("uppdrag/<int:pk>/leveranser/ny/", commissions.deliverable_add, name="deliverable_add"),
    path(
        "uppdrag/leveranser/<int:pk>/andra/",
        commissions.deliverable_edit,
        name="deliverable_edit",
    ),
    path(
        "uppdrag/leveranser/<int:pk>/levererad/",
        commissions.deliverable_deliver,
        name="deliverable_deliver",
    ),
    path("uppdrag/mallar/", commissions.section_template_list, name="section_template_list"),
    path(
        "uppdrag/mallar/<int:pk>/",
        commissions.section_template_edit,
        name="section_template_edit",
    ),
]
