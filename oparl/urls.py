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
OBJECTS = [
    ("organization", "organization"),
    ("region", "region"),
    ("person", "person"),
    ("membership", "membership"),
    ("meeting", "meeting"),
    ("agendaitem", "agendaitem"),
    ("paper/beslut", "paper_decision"),
    ("paper/uppdrag", "paper_commission"),
    ("consultation", "consultation"),
    ("file", "file"),
    ("file/protokoll", "file_minutes"),
    ("file/utdrag", "file_extract"),
    ("file/uppdrag", "file_commission"),
]

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
    *[
        path(f"{segment}/<int:pk>/", views.detail, {"kind_key": key}, name=key)
        for segment, key in OBJECTS
    ],
    path("location/<int:pk>/", views.location, name="location"),
    path("file/<int:pk>/access/", views.file_content, {"download": False}, name="file_access"),
    path("file/<int:pk>/download/", views.file_content, {"download": True}, name="file_download"),
    path("<path:rest>", views.not_found),
]
