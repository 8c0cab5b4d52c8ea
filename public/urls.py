from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.register_index, name="register"),
    path("beslut/<int:pk>/", views.decision_page, name="decision"),
    path("beslut/<int:pk>/protokollsutdrag.pdf", views.decision_pdf, name="decision_pdf"),
    path("protokoll/<int:pk>/", views.minutes_page, name="minutes"),
    path("protokoll/<int:pk>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("uppdrag/<int:pk>/", views.commission_page, name="commission"),
    path("uppdrag/<int:pk>/uppdrag.pdf", views.commission_pdf, name="commission_pdf"),
]
