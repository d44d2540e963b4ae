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

from tests.factories import IndicatorFactory
from tests.factories_api import CustomsPartnerFactory
from tests.factories_cooperation import ProjectFactory

pytestmark = pytest.mark.django_db


def cursor(order: list[str], key: list[Any]) -> str:
    """A cursor in the form the API issues, with a key of our choosing."""
    text = json.dumps({"o": order, "k": key, "b": False})
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def test_a_cursor_whose_key_is_null_names_no_page(api: APIClient) -> None:
    forged = cursor(["period_end", "id"], [None, None])

    response = api.get(f"/api/v1/series-values/?cursor={forged}")

    assert response.status_code == 404
    assert response.json() == {"detail": "カーソルが正しくありません"}


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


@pytest.mark.server
def test_a_cursor_with_a_nul_in_a_project_title_names_no_page(api: APIClient) -> None:
    project = ProjectFactory.create()
    order = ["fiscal_year", "programme_id", "title", "id"]
    key = ["2018", str(project.programme_id), "案件\x00", "1"]

    response = api.get(f"/api/v1/projects/?cursor={cursor(order, key)}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/series-values/?indicator=%00", "indicator"),
        ("/api/v1/trade/?item=%00", "item"),
    ],
)
def test_a_nul_in_a_query_value_is_refused_as_a_nul(
    api: APIClient, url: str, parameter: str
) -> None:
    # Django's own Japanese for this check reads "enter some characters".
    response = api.get(url)

    assert response.status_code == 400
    assert response.json()[parameter][0] == "NUL文字（文字コード0）は使えません。"
