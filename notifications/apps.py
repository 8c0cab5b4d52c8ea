from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Utskick")

    def ready(self) -> None:
        from governance.registry import (
            register_decision_page_section,
            register_meeting_page_section,
        )
        from notifications.sections import dispatch_section, notice_section

        register_meeting_page_section(notice_section)
        register_decision_page_section(dispatch_section)

        from notifications.dashboard import dispatch_panel, failed_mail_panel
        from portal.dashboard import ADMINISTRATOR, SECRETARY, register_panel

        register_panel(ADMINISTRATOR, failed_mail_panel)
        register_panel(SECRETARY, dispatch_panel)

        from notifications import gdpr

        gdpr.register()
