"""The shared cache: throttle counts across processes, and its own keys only."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from portal.cache import PortalRedisCache

REPO = Path(__file__).resolve().parents[2]
PROXY = "203.0.113.7"
CLIENT = "192.0.2.50"


def invented(n: int) -> str:
    """What the proxy passes on when the client invented a forwarder."""
    return f"198.51.100.{n}, {CLIENT}, {PROXY}"


def database_url() -> str:
    """The test database, as another process reaches it."""
    db = connection.settings_dict
    port = db["PORT"] or 5432
    return f"postgres://{db['USER']}@{db['HOST']}:{port}/{db['NAME']}"


def requests_from_another_process(headers: list[str]) -> list[int]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PORTAL_CACHE_URL": django_settings.PORTAL_CACHE_URL,
        "PORTAL_CACHE_KEY_PREFIX": django_settings.PORTAL_CACHE_KEY_PREFIX,
        "PORTAL_PROXY_COUNT": "2",
        "PORTAL_API_ANON_RATE": "3/minute",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.portal.anonymous_requests", *headers],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [int(line) for line in result.stdout.split()]


@pytest.mark.server
@pytest.mark.django_db
def test_two_processes_share_one_clients_allowance(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    # Two proxies: the client is the address the outer one saw (192.0.2.50);
    # its allowance is three requests a minute wherever they land.
    assert isinstance(caches["default"], PortalRedisCache)
    settings.PORTAL_PROXY_COUNT = 2
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": None}
    )
    api = APIClient()

    here = [
        api.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR=invented(n)).status_code
        for n in range(2)
    ]
    there = requests_from_another_process([invented(2), invented(3)])
    here_again = api.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR=invented(4))

    assert here == [200, 200]
    assert there == [200, 429]
    assert here_again.status_code == 429


@pytest.mark.server
def test_clearing_the_cache_leaves_other_keys_in_its_redis_database() -> None:
    assert isinstance(caches["default"], PortalRedisCache)
    server = redis.Redis.from_url(django_settings.PORTAL_CACHE_URL)
    other = f"not-{django_settings.PORTAL_CACHE_KEY_PREFIX}:queue"
    server.set(other, "a task")
    cache.set("page", "aggregates")

    try:
        cache.clear()
        assert cache.get("page") is None
        assert server.get(other) == b"a task"
    finally:
        server.delete(other)


def test_a_redis_that_does_not_answer_is_a_cache_miss() -> None:
    # Nothing listens on port 1 of this machine.
    unreachable = PortalRedisCache(
        "redis://127.0.0.1:1/0",
        {"KEY_PREFIX": "portal", "OPTIONS": {"socket_connect_timeout": 1}},
    )

    unreachable.set("page", "aggregates")

    assert unreachable.get("page", "missing") == "missing"
    assert unreachable.add("page", "aggregates") is False
