"""gunicorn settings for the portal, from environment variables.

GUNICORN_BIND (default 0.0.0.0:8000), GUNICORN_WORKERS (3),
GUNICORN_THREADS (1) and GUNICORN_TIMEOUT (120 seconds: an upload of a
large customs file or an export may take that long).
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name}={raw!r} is not an integer") from None


bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = _int("GUNICORN_WORKERS", 3)
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
# A worker is replaced after this many requests, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
# Worker heartbeats in memory, not on the container's overlay file system.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
