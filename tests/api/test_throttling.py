"""Who an anonymous client is, and the stricter allowance of as-of tables."""

from typing import Any

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

PROXY = "203.0.113.7"


def test_a_client_cannot_reset_its_allowance_by_inventing_forwarders(
    api: APIClient, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    # One reverse proxy appends the real client (203.0.113.7); whatever the
    # client put before it is its own invention.
    settings.PORTAL_PROXY_COUNT = 1
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None}
    )

    codes = [
        api.get(
            "/api/v1/indicators/",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {PROXY}",
        ).status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]


def test_clients_behind_the_same_proxy_are_counted_apart(
    api: APIClient, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.PORTAL_PROXY_COUNT = 1
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": None}
    )

    codes = [
        api.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR=client).status_code
        for client in ("198.51.100.1", "198.51.100.2", "198.51.100.1")
    ]

    assert codes == [200, 200, 429]


def test_without_a_proxy_the_header_is_ignored(
    api: APIClient, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.PORTAL_PROXY_COUNT = 0
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": None}
    )

    codes = [
        api.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR=client).status_code
        for client in ("198.51.100.1", "198.51.100.2")
    ]

    assert codes == [200, 429]


@pytest.fixture
def one_as_of_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    rates = {"anon": "100/minute", "user": "100/minute", "as_of": "1/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.usefixtures("reference_data", "one_as_of_a_minute")
def test_an_anonymous_client_gets_fewer_tables_computed_as_of_a_date(
    api: APIClient,
) -> None:
    first = api.get("/api/v1/assessments/?as_of=2019-06-30")
    second = api.get("/api/v1/assessments/?as_of=2018-06-30")
    indicators = api.get("/api/v1/indicators/")

    assert (first.status_code, second.status_code) == (200, 429)
    assert indicators.status_code == 200


@pytest.mark.usefixtures("reference_data", "one_as_of_a_minute")
def test_a_signed_in_user_is_not_held_to_the_as_of_allowance() -> None:
    reader = token_client(username="analyst")

    codes = [
        reader.get(f"/api/v1/assessments/?as_of=2019-0{m}-30").status_code
        for m in (4, 5)
    ]

    assert codes == [200, 200]
