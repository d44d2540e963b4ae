"""Login throttling with django-axes: the backend and the client address.

django-axes counts failed logins in the database and refuses an account
from an address after too many (settings ``AXES_*``). Two choices here:

- Its backend raises when ``authenticate()`` is called without a request.
  Only code outside a web request does that (Django's test client, a
  script); there is no address to throttle then, so this backend stands
  aside and the password check goes on as usual. Every login through the
  admin or the API passes its request and is throttled.
- Behind a reverse proxy every request comes from the proxy's address, so
  the client's address is taken from ``X-Forwarded-For``: the entry added
  by the outermost of ``PORTAL_PROXY_COUNT`` trusted proxies. Entries to
  its left are whatever the client sent and are never trusted.
"""

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCKED_STATUS = 429  # Too Many Requests


class ThrottleBackend(AxesStandaloneBackend):
    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


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


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The page shown instead of the login form while a pair is locked out."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "portal/login_locked.html", context, status=LOCKED_STATUS)
