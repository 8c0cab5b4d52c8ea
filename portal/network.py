"""Where a request comes from, for the login lockout and the audit log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the address the trusted proxies saw.

    With LOGIN_TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is
    the client as seen by the outermost proxy we trust; anything left of it is the client's
    own claim and could be forged to dodge the lockout.
    """
    count = getattr(settings, "LOGIN_TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:  # not an address: a misconfigured proxy, never worth a failed request
        return remote
