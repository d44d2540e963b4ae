"""Anonymous API requests from a process of its own, for the cache tests.

``python -m tests.portal.anonymous_requests HEADER...`` sends one request
to ``/api/v1/indicators/`` per ``X-Forwarded-For`` value given and prints
each status code on a line. Settings come from the environment, as a
gunicorn worker's do.
"""

import os
import sys


def main(forwarded_headers: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for header in forwarded_headers:
        response = client.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR=header)
        print(response.status_code)


if __name__ == "__main__":
    main(sys.argv[1:])
