from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Granskning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.services import event_store
        from portal.events import register_sink

        register_sink(event_store)
