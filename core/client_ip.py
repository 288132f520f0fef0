"""The visitor's address, for django-axes' per-address login lockout."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or behind N trusted proxies the Nth address from the right of X-Forwarded-For.

    Each proxy appends the address it saw, so entries further left are whatever the client
    wrote and cannot be trusted. With no proxy configured the header is ignored entirely.
    """
    count = settings.IOP_TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
