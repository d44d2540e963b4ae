"""Login throttling with django-axes: the backend and the client address.

django-axes counts failed logins in the database and refuses an account
from an address after too many (settings ``AXES_*``). Two choices here:

- Its backend raises when ``authenticate()`` is called without a request.
  Only code outside a web request does that (Django's test client, a
  script); there is no address to throttle then, so this backend stands
  aside and the password check goes on as usual. Every login through the
  admin or the API passes its request and is throttled.
- The client's address is ``portal.client_address.client_ip``, the rule
  the API's throttles follow too.
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


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The page shown instead of the login form while a pair is locked out."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "portal/login_locked.html", context, status=LOCKED_STATUS)
