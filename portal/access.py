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


def may_use_django_admin(request) -> bool:
    """Django's /admin/ is for the operators (superusers) only. Its default lets in every
    staff user, and the portal's administrators (who work in the portal's own pages) may be
    staff; they are sent to its login page like everyone else."""
    return request.user.is_active and request.user.is_superuser
