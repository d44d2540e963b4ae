"""The address of the client behind a request, one rule for every throttle.

Behind a reverse proxy every request comes from the proxy's address, so
the client's address is taken from ``X-Forwarded-For``: the entry added by
the outermost of ``PORTAL_PROXY_COUNT`` trusted proxies. Entries to its
left are whatever the client sent and are never trusted, so a client that
invents forwarders is still one client. With no proxy configured, or a
header shorter than the proxies it should have passed, the connection's
own address counts.

Login throttling (django-axes) and the API's rate throttles both ask
``client_ip``.
"""

from django.conf import settings
from django.http import HttpRequest


def forwarded_client(forwarded_for: str, proxy_count: int) -> str | None:
    """The address that the outermost trusted proxy saw, or None."""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if proxy_count <= 0 or len(hops) < proxy_count:
        return None
    return hops[-proxy_count]


def client_ip(request: HttpRequest) -> str | None:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = forwarded_client(forwarded, settings.PORTAL_PROXY_COUNT)
    return address or request.META.get("REMOTE_ADDR")
