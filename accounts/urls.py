"""The second factor at /konto/tvafaktor/ and the user's own data, under /konto/
(namespace "accounts")."""

from django.urls import path

from accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("tvafaktor/", views.overview, name="overview"),
    path("tvafaktor/verifiera/", views.verify, name="verify"),
    path("tvafaktor/aktivera/", views.enrol, name="enrol"),
    path("tvafaktor/reservkoder/", views.recovery_codes, name="recovery_codes"),
    path("tvafaktor/aterstall/<int:user_id>/", views.reset, name="reset"),
    path("tvafaktor/oidc/start/", oidc.oidc_start, name="oidc_start"),
    path("tvafaktor/oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
    path("mina-uppgifter/", views.my_data, name="my_data"),
]
