"""Refuse request bodies over the configured size before reading them.

Django limits only the form fields it keeps in memory
(``DATA_UPLOAD_MAX_MEMORY_SIZE``); an uploaded file of any size is
streamed to a temporary file, and a JSON body read by the API is not
limited at all. This middleware checks the declared ``Content-Length``
first: multipart uploads may be up to ``PORTAL_UPLOAD_MAX_BYTES``, every
other body up to ``DATA_UPLOAD_MAX_MEMORY_SIZE``. The WSGI server never
hands Django more bytes than declared, so the check is complete.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def body_limit(content_type: str) -> int | None:
    """The largest body accepted for this content type; None means no limit."""
    if content_type.lower().startswith("multipart/"):
        return settings.PORTAL_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request.META.get("CONTENT_TYPE", ""))
        length = declared_length(request)
        if limit is not None and length > limit:
            logger.warning(
                "refused a %d-byte body to %s (limit %d)", length, request.path, limit
            )
            message = _("送信されたデータが大きすぎます（上限 %(limit)s バイト）。")
            return HttpResponse(
                message % {"limit": f"{limit:,}"},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
