"""Rate throttles of the API: who a client is, and what costs more.

DRF names an anonymous client by its ``X-Forwarded-For`` header as sent,
so a client that invents a new forwarder on each request would be a new
client each time. These throttles name it by
``portal.client_address.client_ip`` instead, the address the trusted
proxies saw, which is also what login throttling counts.

The counts live in the default cache: Redis when one is configured, so
that every gunicorn worker shares them (see ``portal/settings.py``).
"""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import (
    AnonRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)

from portal.client_address import client_ip


def client_ident(request: Request) -> str:
    return client_ip(request) or "unknown"


class AnonymousClientThrottle(AnonRateThrottle):
    def get_ident(self, request: Request) -> str:
        return client_ident(request)


class UserClientThrottle(UserRateThrottle):
    def get_ident(self, request: Request) -> str:
        return client_ident(request)


class AsOfAssessmentThrottle(SimpleRateThrottle):
    """A stricter allowance for anonymous tables computed ``as_of`` a date.

    Computing a table on the spot reads every record; the stored table and
    requests from signed-in users count only against the ordinary rates.
    The rate is ``PORTAL_API_AS_OF_RATE`` (scope ``as_of``).
    """

    scope = "as_of"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        if not request.query_params.get("as_of"):
            return None
        ident = client_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
