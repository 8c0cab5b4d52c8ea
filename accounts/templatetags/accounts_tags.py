from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def oidc_enabled() -> bool:
    """Whether the login page offers the region's sign-in (OIDC_* set)."""
    return settings.OIDC_ENABLED
