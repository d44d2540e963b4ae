"""Requests no client of ours would send: each gets a 4xx, never a 500.

Anyone may send them, so a 500 here is an anonymous way to fill the error
log. The NUL cases need PostgreSQL, which refuses NUL in text outright.
"""

import base64
import json
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from tests.factories import IndicatorFactory
from tests.factories_api import CustomsPartnerFactory

pytestmark = pytest.mark.django_db


def cursor(order: list[str], key: list[Any]) -> str:
    """A cursor in the form the API issues, with a key of our choosing."""
    text = json.dumps({"o": order, "k": key, "b": False})
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_a_cursor_whose_key_is_null_names_no_page(api: APIClient) -> None:
    forged = cursor(["period_end", "id"], [None, None])

    response = api.get(f"/api/v1/series-values/?cursor={forged}")

    assert response.status_code == 404


@pytest.mark.server
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/countries/%00/",
        "/api/v1/customs-partners/%00/",
        "/api/v1/indicators/%00/",
        "/api/v1/reference-series/%00/",
    ],
)
def test_a_nul_in_a_records_code_is_not_found(api: APIClient, url: str) -> None:
    assert api.get(url).status_code == 404


@pytest.mark.server
def test_a_nul_in_an_indicator_pages_code_is_not_found(client: Client) -> None:
    IndicatorFactory.create(code="A")

    assert client.get("/indicators/%00/").status_code == 404


@pytest.mark.server
def test_a_cursor_with_a_nul_in_a_text_key_names_no_page(api: APIClient) -> None:
    CustomsPartnerFactory.create(code="105")
    forged = cursor(["code", "id"], ["1\x00", "1"])

    response = api.get(f"/api/v1/customs-partners/?cursor={forged}")

    assert response.status_code == 404


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
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        ).status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]
