from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Samverkansportalen"

    def ready(self):
        from portal import auth_events  # noqa: F401 - connects the login signal receivers
