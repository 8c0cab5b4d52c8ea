from django.urls import path

from oparl import views

app_name = "open_data"

urlpatterns = [
    path("", views.open_data_archive, name="archive"),
]
