from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticeboardConfig(AppConfig):
    name = "noticeboard"
    verbose_name = _("Anslagstavla")

    def ready(self) -> None:
        from noticeboard.dashboard import running_notices_panel
        from portal.dashboard import SECRETARY, register_panel

        register_panel(SECRETARY, running_notices_panel)
