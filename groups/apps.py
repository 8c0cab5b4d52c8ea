from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from groups import gdpr

        gdpr.register()
