"""The public assessment table page in Japanese and English."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from indicators import computed
from indicators.computed import ComputedIndicator, ComputedSeries, fiscal_year_point
from indicators.publication import publish_run
from indicators.recompute import recompute_all

pytestmark = pytest.mark.django_db


def exports(as_of: date) -> ComputedIndicator:
    points = [
        fiscal_year_point(2017, Decimal(27_360_000), "sum of tonnes"),
        fiscal_year_point(2018, Decimal(26_110_000), "sum of tonnes"),
    ]
    series = ComputedSeries("export", "輸出量", "Exports", "t", points)
    return ComputedIndicator("A", [series])


@pytest.fixture
def assessed(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(computed._BUILDERS, "A", exports)
    for code in "BCDEF":
        monkeypatch.setitem(
            computed._BUILDERS, code, lambda _: ComputedIndicator("-", [])
        )
    publish_run(recompute_all(date(2019, 6, 30)), None, "初めての公表")


@pytest.mark.usefixtures("assessed")
class TestOverview:
    def test_the_japanese_page_prints_tonnes_in_man(
        self,
        client: Client,
        django_assert_max_num_queries,  # type: ignore[no-untyped-def]
    ) -> None:
        with django_assert_max_num_queries(8):
            response = client.get("/")
        page = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="ja">' in page
        assert "約2,611万トン" in page
        assert "2018年度" in page

    def test_an_arrow_has_a_text_alternative(self, client: Client) -> None:
        page = client.get("/").content.decode()
        # 27.36 → 26.11 million t is −4.6 %: a fall, shown as a symbol and in words.
        assert "↘" in page
        assert '<span class="visually-hidden">減少</span>' in page

    def test_the_english_page_uses_fiscal_year_labels(self, client: Client) -> None:
        response = client.get("/en/")
        page = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="en">' in page
        assert "FY2018" in page
        assert "26,110,000 t" in page

    def test_indicators_without_series_show_a_dash(self, client: Client) -> None:
        page = client.get("/").content.decode()
        assert "C) 循環資源の輸出入価格" in page


def test_the_page_says_when_nothing_is_assessed_yet(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "まだ評価が計算されていません" in response.content.decode()
