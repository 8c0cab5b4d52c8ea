from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Offentliga handlingar")

    def ready(self) -> None:
        """The register's cached filter choices go when anything they are read from changes
        (a cache, not a business rule)."""
        from django.db.models.signals import post_delete, post_save

        from governance.models import Commission, Decision, Meeting, Minutes
        from groups.models import Group
        from public.register import forget_choices

        for model in (Decision, Minutes, Meeting, Commission, Group):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    forget_choices,
                    sender=model,
                    dispatch_uid=f"public-register-choices-{model.__name__}-{name}",
                )
