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
        self._forget_cached_choices_on_change()

        from governance import gdpr

        gdpr.register()

    @staticmethod
    def _forget_cached_choices_on_change() -> None:
        """The register's cached filter choices go when a decision or group changes (a cache,
        not a business rule: every save path, the demo and bulk loaders included, must clear
        it)."""
        from django.db.models.signals import post_delete, post_save

        from governance.models import Decision
        from governance.selectors.decisions import forget_register_choices
        from groups.models import Group

        for model in (Decision, Group):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    forget_register_choices,
                    sender=model,
                    dispatch_uid=f"register-choices-{model.__name__}-{name}",
                )
