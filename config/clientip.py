"""The client's IP address, found one way for login throttling and the audit log."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR, or behind LIMBER_PROXY_COUNT proxies (AXES_PROXY_COUNT in the
    environment) the address the first of them saw.

    Each trusted proxy appends the address it was reached from to
    X-Forwarded-For, so with N proxies the client is the Nth entry from the
    right; anything further left was written by the client and can be forged.
    Without a configured proxy the header is ignored altogether.
    """
    if request is None:
        return None
    direct = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.LIMBER_PROXY_COUNT
    if proxies <= 0:
        return direct
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return direct
    return _address(forwarded[-proxies]) or direct
