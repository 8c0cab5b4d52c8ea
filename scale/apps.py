from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Generated national-scale data for measuring the portal. Top of the layering: it may
    import every app; no app imports it."""

    name = "scale"
    verbose_name = "Skalningsdata"
