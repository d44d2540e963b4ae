"""A reference value is stored digit for digit, or refused.

Values are kept with six decimal places. The admin's form refuses a
seventh; a staff token's write must not instead round it silently and
answer with the unrounded figure it did not store.
"""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from indicators.models import ReferenceValue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def row(value: str) -> dict[str, str]:
    return {
        "series": "basel-export-tonnes",
        "fiscal_year": "2018",
        "value": value,
        "unit": "t",
    }


# 0.1234567 would be stored as 0.123457; 1e-400 as 0.
@pytest.mark.parametrize("value", ["0.1234567", "1e-400", "120000.0000001"])
def test_a_value_finer_than_six_decimal_places_is_refused(
    staff_writer: APIClient, value: str
) -> None:
    response = staff_writer.post("/api/v1/reference-values/", row(value), format="json")

    assert response.status_code == 400, response.content
    assert "小数点以下6桁まで" in response.json()["value"][0]
    assert not ReferenceValue.objects.exists()


def test_a_value_of_six_decimal_places_is_stored_as_answered(
    staff_writer: APIClient,
) -> None:
    response = staff_writer.post(
        "/api/v1/reference-values/", row("0.123456"), format="json"
    )

    assert response.status_code == 201, response.content
    stored = ReferenceValue.objects.get(pk=response.json()["id"]).value
    assert stored == Decimal("0.123456")
    assert Decimal(response.json()["value"]) == stored
