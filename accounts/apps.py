from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Konton och inloggning"

    def ready(self):
        from accounts import receivers  # noqa: F401 - notes at login whether a factor is needed
        from accounts.services import remove_devices_of_erased
        from portal.gdpr import register_erasure_step

        register_erasure_step(remove_devices_of_erased)
