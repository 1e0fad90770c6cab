"""Who is calling (the client's address, also behind a reverse proxy) and how often
(rate limits counted in Django's cache).

One address for everything that needs one: the audit log, the sign-in lockout
(django-axes, through ``AXES_CLIENT_IP_CALLABLE``) and the rate limits. X-Forwarded-For
is believed only when the request comes from a proxy listed in XARXA_TRUSTED_PROXIES,
and then only up to the first address that is not a trusted proxy: anything further left
was written by the client itself.
"""

import ipaddress
import math
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    networks = _networks(tuple(getattr(settings, "XARXA_TRUSTED_PROXIES", ())))
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address: REMOTE_ADDR, or behind trusted proxies the right-most address
    of X-Forwarded-For that is not itself a trusted proxy."""
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    if not _trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:
            break  # unreadable: stop at the last address a trusted proxy vouched for
        if not _trusted(address):
            return str(address)
        remote = address
    return str(remote)


class RateLimited(Exception):
    """Too many requests; ``retry_after`` seconds until the window opens again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def hit(name: str, ident: object) -> None:
    """Count one request for limit ``name`` (XARXA_RATE_LIMITS) and caller ``ident``;
    raise RateLimited when the count goes past the limit within the window."""
    count, window = settings.XARXA_RATE_LIMITS[name]
    now = time.time()
    started = math.floor(now / window) * window
    key = f"xarxa-rate:{name}:{ident}:{int(started)}"
    if cache.add(key, 1, timeout=window + 1):
        current = 1
    else:
        try:
            current = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 1)
            current = 1
    if current > count:
        raise RateLimited(retry_after=max(1, math.ceil(started + window - now)))
