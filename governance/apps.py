from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Styrning")

    def ready(self) -> None:
        from governance.group_sections.commissions import commissions_section
        from governance.group_sections.meetings import meetings_section
        from groups.registry import register_group_page_section

        register_group_page_section(commissions_section)
        register_group_page_section(meetings_section)

        from governance import gdpr

        gdpr.register()
