from django.urls import path

from oparl import views

app_name = "oparl"

BODY_LISTS = [
    ("organization", "organizations"),
    ("person", "people"),
    ("membership", "memberships"),
    ("meeting", "meetings"),
    ("paper", "papers"),
    ("agendaitem", "agendaitems"),
    ("consultation", "consultations"),
    ("file", "files"),
]
OBJECTS = ["organization", "region", "person", "membership"]

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<int:pk>/", views.body, name="body"),
    path(
        "body/<int:pk>/legislativeterm/",
        views.body_legislative_terms,
        name="body_legislativeterms",
    ),
    path(
        "body/<int:pk>/legislativeterm/<int:start>/",
        views.legislative_term,
        name="legislativeterm",
    ),
    *[
        path(
            f"body/<int:pk>/{segment}/",
            views.body_objects,
            {"list_name": name},
            name=f"body_{name}",
        )
        for segment, name in BODY_LISTS
    ],
    *[path(f"{key}/<int:pk>/", views.detail, {"kind_key": key}, name=key) for key in OBJECTS],
    path("<path:rest>", views.not_found),
]
