"""At every login (the portal's form, Django admin's, OpenID Connect), note in the session
whether the user must give a second factor. Bookkeeping for the middleware, not a rule."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.access import second_factor_required
from accounts.session import note_requirement


@receiver(user_logged_in, dispatch_uid="accounts.second_factor")
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    note_requirement(request, required=second_factor_required(user))
