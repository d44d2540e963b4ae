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

SEVEN_PLACES = {
    "series": "basel-export-tonnes",
    "fiscal_year": "2018",
    "value": "0.1234567",
    "unit": "t",
}


def test_a_value_finer_than_six_decimal_places_is_refused(
    staff_writer: APIClient,
) -> None:
    response = staff_writer.post(
        "/api/v1/reference-values/", SEVEN_PLACES, format="json"
    )

    assert response.status_code == 400, response.content
    assert "value" in response.json()
    assert not ReferenceValue.objects.exists()


def test_what_the_answer_reports_is_what_was_stored(staff_writer: APIClient) -> None:
    response = staff_writer.post(
        "/api/v1/reference-values/", SEVEN_PLACES, format="json"
    )

    if response.status_code == 201:
        stored = ReferenceValue.objects.get(pk=response.json()["id"]).value
        assert Decimal(response.json()["value"]) == stored
