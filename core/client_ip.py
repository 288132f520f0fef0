"""The visitor's address, for django-axes' per-address login lockout."""

import ipaddress
import re

from django.conf import settings

# "1.2.3.4:5678" (a proxy that adds the port) and "[2001:db8::1]:443" or "[2001:db8::1]".
IPV4_WITH_PORT = re.compile(r"(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}")
BRACKETED_IPV6 = re.compile(r"\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?")


def parse_address(value):
    """The IP address in one X-Forwarded-For entry, normalised, or None if it holds none."""
    value = value.strip()
    if len(value) > 64:
        return None
    match = IPV4_WITH_PORT.fullmatch(value) or BRACKETED_IPV6.fullmatch(value)
    if match:
        value = match.group(1)
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if getattr(address, "scope_id", None):
        return None  # "fe80::1%eth0" names a link on the proxy's own machine, not a visitor
    # An IPv4 visitor seen through an IPv6 socket: the same person as the plain IPv4 address.
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request):
    """REMOTE_ADDR, or behind N trusted proxies the Nth address from the right of X-Forwarded-For.

    Each proxy appends the address it saw, so entries further left are whatever the client
    wrote and cannot be trusted. With no proxy configured the header is ignored entirely. An
    entry that is not an address (only a misconfigured proxy or a client reaching the app
    directly writes one) counts as no address, so the proxy's own address is used.
    """
    count = settings.IOP_TRUSTED_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            address = parse_address(hops[-count])
            if address:
                return address
    return request.META.get("REMOTE_ADDR")
