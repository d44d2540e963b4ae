"""Keyset pages: every row exactly once, even when rows change between pages."""

import base64
import json
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from indicators.api.pagination import sort_terms
from indicators.models import Series, SeriesValue
from tests.factories import SeriesFactory, SeriesValueFactory

pytestmark = pytest.mark.django_db


def add_value(series: Series, year: int) -> SeriesValue:
    value: SeriesValue = SeriesValueFactory.create(
        series=series, fiscal_year=year, value=year
    )
    return value


@pytest.fixture
def ten_years() -> Series:
    """One series with FY2001 to FY2010, made in a shuffled order."""
    series: Series = SeriesFactory.create(key="export")
    for year in (2005, 2001, 2009, 2003, 2007, 2010, 2002, 2006, 2004, 2008):
        add_value(series, year)
    return series


def page(client: APIClient, url: str) -> tuple[list[str], str | None, str | None]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    periods = [row["period"] for row in body["results"]]
    return periods, body["next"], body["previous"]


def walk(client: APIClient, url: str) -> list[str]:
    periods: list[str] = []
    next_url: str | None = url
    while next_url:
        rows, next_url, _ = page(client, next_url)
        periods += rows
    return periods


def fiscal_years(first: int, last: int) -> list[str]:
    return [f"FY{year}" for year in range(first, last + 1)]


@pytest.mark.usefixtures("ten_years")
class TestPages:
    def test_pages_of_three_give_each_row_once_in_period_order(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(2):
            first, next_url, previous = page(api, "/api/v1/series-values/?page_size=3")
        assert (first, previous) == (fiscal_years(2001, 2003), None)
        assert next_url is not None
        assert walk(api, next_url) == fiscal_years(2004, 2010)

    def test_the_previous_link_gives_back_the_page_before(self, api: APIClient) -> None:
        _, second_url, _ = page(api, "/api/v1/series-values/?page_size=3")
        assert second_url is not None
        second, _, back = page(api, second_url)
        assert second == fiscal_years(2004, 2006)
        assert back is not None
        assert page(api, back)[0] == fiscal_years(2001, 2003)

    def test_a_page_sends_its_links_in_the_link_header(self, api: APIClient) -> None:
        response = api.get("/api/v1/series-values/?page_size=3")
        assert 'rel="next"' in response["Link"]
        assert 'rel="first"' in response["Link"]

    def test_descending_pages_give_each_row_once(self, api: APIClient) -> None:
        url = "/api/v1/series-values/?page_size=4&ordering=-period_end"
        assert walk(api, url) == fiscal_years(2001, 2010)[::-1]

    def test_the_last_page_has_no_next_link(self, api: APIClient) -> None:
        rows, next_url, _ = page(api, "/api/v1/series-values/?page_size=10")
        assert (len(rows), next_url) == (10, None)


def test_rows_inserted_between_pages_are_neither_repeated_nor_dropped(
    api: APIClient, ten_years: Series
) -> None:
    seen, next_url, _ = page(api, "/api/v1/series-values/?page_size=4")
    assert seen == fiscal_years(2001, 2004)

    # Before the next fetch: a row before the page edge, a row sharing the
    # edge's period end (another series, FY2004), and a row after the end.
    other = SeriesFactory.create(key="import")
    add_value(other, 1999)
    add_value(other, 2004)
    add_value(ten_years, 2011)
    assert next_url is not None
    rest = walk(api, next_url)

    # The row at the edge's period end was made later, so its id sorts it
    # after the edge; the row before the edge belongs to a page already read.
    assert seen + rest == [
        *fiscal_years(2001, 2004),
        "FY2004",
        *fiscal_years(2005, 2011),
    ]


def test_rows_deleted_between_pages_shift_nothing(
    api: APIClient, ten_years: Series
) -> None:
    seen, next_url, _ = page(api, "/api/v1/series-values/?page_size=4")
    ten_years.values.filter(fiscal_year__in=[2002, 2003]).delete()
    assert next_url is not None
    assert seen + walk(api, next_url) == fiscal_years(2001, 2010)


def test_a_changed_value_does_not_move_a_row(api: APIClient, ten_years: Series) -> None:
    seen, next_url, _ = page(api, "/api/v1/series-values/?page_size=5")
    # A recompute rewrites values; the order is by period, which stays.
    ten_years.values.filter(fiscal_year=2003).update(value=-5)
    ten_years.values.filter(fiscal_year=2008).update(value=10**9)
    assert next_url is not None
    assert seen + walk(api, next_url) == fiscal_years(2001, 2010)


class TestRefusals:
    def test_a_cursor_not_issued_by_the_list_is_a_404(self, api: APIClient) -> None:
        response = api.get("/api/v1/series-values/?cursor=bm90LWEtY3Vyc29y")
        assert response.status_code == 404

    def test_a_cursor_from_another_ordering_is_a_404(
        self, api: APIClient, ten_years: Series
    ) -> None:
        _, next_url, _ = page(api, "/api/v1/series-values/?page_size=3")
        assert next_url is not None
        response = api.get(next_url + "&ordering=-period_end")
        assert response.status_code == 404

    def test_a_forged_cursor_beyond_the_id_range_is_a_404(self, api: APIClient) -> None:
        payload = {"o": ["period_end", "id"], "k": ["2019-03-31", "9" * 30], "b": False}
        text = json.dumps(payload).encode()
        cursor = base64.urlsafe_b64encode(text).decode().rstrip("=")
        response = api.get(f"/api/v1/series-values/?cursor={cursor}")
        assert response.status_code == 404

    @pytest.mark.parametrize("size", ["0", "1001", "ten"])
    def test_a_page_size_outside_1_to_1000_is_a_400(
        self, api: APIClient, size: str
    ) -> None:
        response = api.get(f"/api/v1/series-values/?page_size={size}")
        assert response.status_code == 400
        assert "page_size" in response.json()


class TestSortKey:
    def test_the_primary_key_ends_every_sort_key(self) -> None:
        terms = sort_terms(SeriesValue.objects.order_by("-period_end"))
        assert [(t.name, t.descending) for t in terms] == [
            ("period_end", True),
            ("id", False),
        ]

    def test_a_foreign_key_sorts_by_its_own_column(self) -> None:
        terms = sort_terms(SeriesValue.objects.order_by("series", "period_end"))
        assert [t.name for t in terms] == ["series_id", "period_end", "id"]

    def test_a_nullable_field_cannot_be_a_sort_key(self) -> None:
        with pytest.raises(ImproperlyConfigured, match="nullable"):
            sort_terms(SeriesValue.objects.order_by("fiscal_year"))

    def test_a_related_field_cannot_be_a_sort_key(self) -> None:
        with pytest.raises(ImproperlyConfigured, match="plain field"):
            sort_terms(SeriesValue.objects.order_by("series__key"))
