from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/skicka-igen/", views.message_resend, name="message_resend"),
    path("e-post/", views.preferences, name="preferences"),
    path("moten/<int:pk>/kallelse/", views.meeting_notice, name="meeting_notice"),
    path("beslut/<int:pk>/utdrag-till/", views.decision_recipients, name="decision_recipients"),
    path(
        "mottagare/<int:pk>/ta-bort/",
        views.decision_recipient_remove,
        name="decision_recipient_remove",
    ),
    path("beslut/<int:pk>/expediera/", views.decision_dispatch, name="decision_dispatch"),
]
