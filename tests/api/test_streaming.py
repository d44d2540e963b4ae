"""The streamed export: the list's columns and rows, read in chunks."""

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, cast

import pytest
from django.http import StreamingHttpResponse
from rest_framework.test import APIClient

from indicators.api import streaming
from tests.factories import IndicatorFactory, SeriesFactory, SeriesValueFactory

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/series-values/export/"


def chunks_of(response: Any) -> list[bytes]:
    assert isinstance(response, StreamingHttpResponse)
    return list(cast(Iterator[bytes], response.streaming_content))


def streamed_text(response: Any) -> str:
    return b"".join(chunks_of(response)).decode("utf-8")


@pytest.fixture
def copper_prices() -> None:
    """C's copper-scrap export unit values, FOB, for FY2016-FY2018."""
    copper = SeriesFactory.create(
        indicator=IndicatorFactory.create(code="C", unit="yen/t"),
        key="copper-export",
        unit="yen/t",
        valuation="FOB",
    )
    for year, price in [(2016, "512345.5"), (2017, "-0.25"), (2018, "600000")]:
        SeriesValueFactory.create(series=copper, fiscal_year=year, value=Decimal(price))


@pytest.mark.usefixtures("copper_prices")
class TestExport:
    def test_the_export_has_the_same_columns_and_rows_as_the_list_csv(
        self, api: APIClient
    ) -> None:
        listed = api.get("/api/v1/series-values/?format=csv").content.decode()
        exported = streamed_text(api.get(EXPORT))
        assert exported == listed

    def test_the_export_applies_the_list_filters(self, api: APIClient) -> None:
        text = streamed_text(api.get(EXPORT + "?fiscal_year_min=2017"))
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [(r["period"], r["value"], r["valuation"]) for r in rows] == [
            ("FY2017", "-0.25", "FOB"),
            ("FY2018", "600000", "FOB"),
        ]

    def test_the_export_is_one_query_however_many_rows(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        response = api.get(EXPORT)
        with django_assert_max_num_queries(1):
            streamed_text(response)

    def test_the_export_downloads_as_a_file(self, api: APIClient) -> None:
        response = api.get(EXPORT)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="series-values.csv"' in response["Content-Disposition"]

    def test_rows_are_sent_in_chunks_as_they_are_read(
        self, api: APIClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(streaming, "CHUNK_SIZE", 1)
        monkeypatch.setattr("indicators.api.renderers.ROWS_PER_CHUNK", 1)
        chunks = chunks_of(api.get(EXPORT))
        # The header with the first row, one chunk per further row, an end.
        assert [len(c.decode().splitlines()) for c in chunks] == [2, 1, 1, 0]

    def test_a_bad_filter_is_refused_before_streaming(self, api: APIClient) -> None:
        response = api.get(EXPORT + "?period_end_after=someday")
        assert response.status_code == 400
        assert not response.streaming
