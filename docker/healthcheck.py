"""Container health checks: ``python docker/healthcheck.py web|worker|beat``.

Exit status 0 means healthy; otherwise the reason is printed, and
``docker inspect`` shows it in the container's health log.

- web: gunicorn answers ``/healthz`` (which also asks the database), as the
  reverse proxy would reach it: with an allowed host name and HTTPS
  announced in ``X-Forwarded-Proto``, so production redirects do not apply.
- worker: the Celery worker of this host answers a ping over the broker
  (``CELERY_WORKER_NAME`` overrides the name, ``celery@<hostname>``).
- beat: beat's heartbeat file (``portal.beat``) is less than three minutes
  old; beat touches it at least once a minute.
"""

import os
import socket
import sys
import time
import urllib.request
from pathlib import Path

BEAT_MAX_AGE_SECONDS = 180
TIMEOUT_SECONDS = 10.0


class Unhealthy(Exception):
    pass


def site_host(allowed_hosts: str) -> str:
    """A host name the portal accepts, from DJANGO_ALLOWED_HOSTS."""
    first = allowed_hosts.split(",")[0].strip().lstrip(".")
    return "localhost" if first in ("", "*") else first


def check_web() -> str:
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    host = site_host(os.environ.get("DJANGO_ALLOWED_HOSTS", ""))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        return f"web: HTTP {response.status} from port {port}"


def check_worker() -> str:
    from portal.celery import app

    name = os.environ.get("CELERY_WORKER_NAME") or f"celery@{socket.gethostname()}"
    replies = app.control.ping(destination=[name], timeout=TIMEOUT_SECONDS / 2)
    if not replies:
        raise Unhealthy(f"worker {name} did not answer a ping")
    return f"worker: {name} answered"


def check_beat() -> str:
    from django.conf import settings

    heartbeat = Path(settings.PORTAL_BEAT_HEARTBEAT)
    try:
        age = time.time() - heartbeat.stat().st_mtime
    except FileNotFoundError:
        raise Unhealthy(f"beat: no heartbeat file at {heartbeat}") from None
    if age > BEAT_MAX_AGE_SECONDS:
        raise Unhealthy(f"beat: last tick {age:.0f} s ago")
    return f"beat: last tick {age:.0f} s ago"


CHECKS = {"web": check_web, "worker": check_worker, "beat": check_beat}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in CHECKS:
        print(f"usage: {argv[0]} {'|'.join(CHECKS)}", file=sys.stderr)
        return 2
    # The checks that read settings run from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    try:
        print(CHECKS[argv[1]]())
    except Exception as exc:  # any failure at all means "unhealthy"
        print(f"{argv[1]}: unhealthy: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
