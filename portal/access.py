"""Who is an administrator. Object rights live in each app's access functions."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

ADMINISTRATORS_GROUP = "Administratörer"


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: templates and access checks ask many times per request.
    cached = getattr(user, "_is_portal_administrator", None)
    if cached is None:
        cached = user.groups.filter(name=ADMINISTRATORS_GROUP).exists()
        user._is_portal_administrator = cached
    return cached


def require_administrator(user) -> None:
    """403 unless an administrator (the portal's own administration pages)."""
    if not is_administrator(user):
        raise PermissionDenied
