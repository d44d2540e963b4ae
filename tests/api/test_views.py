"""Each endpoint of /api/v1/: what it lists, its filters, CSV, query counts."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators import computed
from indicators.computed import ComputedIndicator, ComputedSeries, fiscal_year_point
from indicators.models import AssessmentRun
from indicators.publication import publish_run
from indicators.recompute import recompute_all
from tests.factories import (
    IndicatorFactory,
    ReferenceSeriesFactory,
    SeriesFactory,
    SeriesValueFactory,
)
from tests.factories_api import (
    CountryFactory,
    CustomsPartnerFactory,
    ReferenceValueFactory,
)

pytestmark = pytest.mark.django_db


def csv_rows(response: Any) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def results(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


@pytest.mark.usefixtures("reference_data")
class TestIndicators:
    def test_the_catalogue_lists_a_to_f_with_their_units(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/indicators/"))
        assert [(r["code"], r["unit"]) for r in rows] == [
            ("A", "t"),
            ("B", "t"),
            ("C", "yen/t"),
            ("D", "countries"),
            ("E", "projects"),
            ("F", "municipalities"),
        ]

    def test_the_headline_filter_gives_d_and_e(self, api: APIClient) -> None:
        rows = results(api.get("/api/v1/indicators/?headline=true"))
        assert [r["code"] for r in rows] == ["D", "E"]

    def test_one_indicator_is_found_by_its_code(self, api: APIClient) -> None:
        response = api.get("/api/v1/indicators/D/")
        assert response.json()["desired_direction"] == "up"
        assert response.json()["has_headline_value"] is True

    def test_a_target_is_an_exact_decimal_string(self, api: APIClient) -> None:
        from indicators.models import Indicator

        Indicator.objects.filter(code="D").update(
            target_value=Decimal("60.5"), target_year=2025
        )
        body = api.get("/api/v1/indicators/D/").json()
        assert (body["target_value"], body["target_year"]) == ("60.5", 2025)


class TestSeries:
    def test_series_are_filtered_by_indicator_code(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        SeriesFactory.create(indicator=IndicatorFactory.create(code="A"), key="export")
        SeriesFactory.create(indicator=IndicatorFactory.create(code="A"), key="import")
        SeriesFactory.create(
            indicator=IndicatorFactory.create(code="C"), key="copper-export"
        )
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/series/?indicator=A"))
        assert [(r["indicator"], r["key"]) for r in rows] == [
            ("A", "export"),
            ("A", "import"),
        ]

    def test_a_price_series_says_its_valuation_basis(self, api: APIClient) -> None:
        series = SeriesFactory.create(
            indicator=IndicatorFactory.create(code="C"),
            key="copper-export",
            valuation="FOB",
        )
        body = api.get(f"/api/v1/series/{series.pk}/").json()
        assert (body["indicator"], body["valuation"]) == ("C", "FOB")


@pytest.fixture
def exports_and_imports() -> dict[str, Any]:
    """A's exports FY2015-FY2018 and imports FY2017-FY2018 (one incomplete)."""
    a = IndicatorFactory.create(code="A", unit="t")
    exports = SeriesFactory.create(indicator=a, key="export", unit="t")
    imports = SeriesFactory.create(indicator=a, key="import", unit="t")
    for year, tonnes in [(2015, 25), (2016, 26), (2017, 27), (2018, 26)]:
        SeriesValueFactory.create(
            series=exports, fiscal_year=year, value=tonnes * 10**6
        )
    SeriesValueFactory.create(
        series=imports, fiscal_year=2017, value=Decimal("3500000.25")
    )
    SeriesValueFactory.create(
        series=imports, fiscal_year=2018, value=Decimal(-1), complete=False
    )
    return {"exports": exports, "imports": imports}


@pytest.mark.usefixtures("exports_and_imports")
class TestSeriesValues:
    def test_values_come_in_period_order_with_unit_and_exact_value(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/series-values/?key=import"))
        assert [(r["period"], r["value"], r["unit"]) for r in rows] == [
            ("FY2017", "3500000.25", "t"),
            ("FY2018", "-1", "t"),
        ]

    def test_the_fiscal_year_range_is_inclusive(self, api: APIClient) -> None:
        url = (
            "/api/v1/series-values/?key=export"
            "&fiscal_year_min=2016&fiscal_year_max=2017"
        )
        rows = results(api.get(url))
        assert [r["period"] for r in rows] == ["FY2016", "FY2017"]

    def test_the_period_end_range_is_inclusive(self, api: APIClient) -> None:
        # FY2016 ends on 2017-03-31, FY2017 on 2018-03-31.
        url = (
            "/api/v1/series-values/?indicator=A&key=export"
            "&period_end_after=2017-03-31&period_end_before=2018-03-30"
        )
        assert [r["period"] for r in results(api.get(url))] == ["FY2016"]

    def test_incomplete_periods_can_be_left_out(self, api: APIClient) -> None:
        rows = results(api.get("/api/v1/series-values/?key=import&complete=true"))
        assert [r["period"] for r in rows] == ["FY2017"]

    def test_an_unknown_indicator_gives_an_empty_list(self, api: APIClient) -> None:
        assert results(api.get("/api/v1/series-values/?indicator=Q")) == []

    def test_a_year_that_is_not_a_number_is_a_400(self, api: APIClient) -> None:
        response = api.get("/api/v1/series-values/?fiscal_year_min=abc")
        assert response.status_code == 400
        assert "fiscal_year_min" in response.json()

    def test_descending_order_by_period_end(self, api: APIClient) -> None:
        url = "/api/v1/series-values/?key=export&ordering=-period_end"
        rows = results(api.get(url))
        assert [r["period"] for r in rows] == ["FY2018", "FY2017", "FY2016", "FY2015"]

    def test_ordering_by_series_then_id_groups_each_series(
        self, api: APIClient, exports_and_imports: dict[str, Any]
    ) -> None:
        rows = results(api.get("/api/v1/series-values/?ordering=series"))
        keys = [r["series_key"] for r in rows]
        assert keys == ["export"] * 4 + ["import"] * 2

    def test_the_csv_keeps_negative_and_exact_values(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(2):
            response = api.get("/api/v1/series-values/?key=import&format=csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="series-values.csv"' in response["Content-Disposition"]
        rows = csv_rows(response)
        assert [(r["period"], r["value"], r["complete"]) for r in rows] == [
            ("FY2017", "3500000.25", "true"),
            ("FY2018", "-1", "false"),
        ]

    def test_csv_is_also_chosen_by_the_accept_header(self, api: APIClient) -> None:
        response = api.get("/api/v1/series-values/", HTTP_ACCEPT="text/csv")
        assert response["Content-Type"].startswith("text/csv")
        assert len(csv_rows(response)) == 6


def exports_builder(as_of: date) -> ComputedIndicator:
    """A's exports as they stood on ``as_of``: fiscal years ended by then."""
    tonnes = {2017: Decimal(27_360_000), 2018: Decimal(26_110_000)}
    points = [
        fiscal_year_point(year, value, "sum of tonnes")
        for year, value in tonnes.items()
        if date(year + 1, 3, 31) <= as_of
    ]
    series = ComputedSeries("export", "輸出量", "Exports", "t", points)
    return ComputedIndicator("A", [series])


@pytest.fixture
def only_a_is_built(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(computed._BUILDERS, "A", exports_builder)
    for code in "BCDEF":
        monkeypatch.setitem(
            computed._BUILDERS, code, lambda _: ComputedIndicator("-", [])
        )


def published(run: AssessmentRun) -> AssessmentRun:
    """The public API shows published runs only."""
    return publish_run(run, None, "test publication")


@pytest.mark.usefixtures("only_a_is_built")
class TestAssessments:
    def test_without_a_recompute_the_table_is_not_found(self, api: APIClient) -> None:
        response = api.get("/api/v1/assessments/")
        assert response.status_code == 404
        assert "recompute" in response.json()["detail"]

    def test_the_stored_table_has_a_row_per_indicator(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        run = published(recompute_all(date(2019, 6, 30)))
        with django_assert_max_num_queries(5):
            body = api.get("/api/v1/assessments/").json()
        assert (body["as_of"], body["run"]) == ("2019-06-30", run.pk)
        assert [r["code"] for r in body["results"]] == list("ABCDEF")

        a = body["results"][0]
        assert (a["series_key"], a["latest_period"]) == ("export", "FY2018")
        assert a["latest_value"] == "26110000"
        # No value in the base year 2000: no long-term trend.
        assert a["long_term_trend"] is None
        # 27.36 → 26.11 million t is -4.57 %: beyond the 1 % band, so down.
        assert a["short_term_trend"] == "down"

    def test_an_indicator_without_series_has_one_empty_row(
        self, api: APIClient
    ) -> None:
        published(recompute_all(date(2019, 6, 30)))
        c = api.get("/api/v1/assessments/").json()["results"][2]
        assert (c["code"], c["series_key"], c["latest_value"]) == ("C", None, None)

    def test_as_of_a_date_assesses_the_records_as_they_stood(
        self, api: APIClient
    ) -> None:
        recompute_all(date(2019, 6, 30))
        # On 2019-03-30 FY2018 had not ended: FY2017 is the latest, alone.
        body = api.get("/api/v1/assessments/?as_of=2019-03-30").json()
        a = body["results"][0]
        assert (body["as_of"], body["run"]) == ("2019-03-30", None)
        assert (a["latest_period"], a["latest_value"]) == ("FY2017", "27360000")
        assert a["short_term_trend"] is None

    def test_a_given_run_is_returned_as_stored(self, api: APIClient) -> None:
        first = published(recompute_all(date(2018, 6, 30)))
        published(recompute_all(date(2019, 6, 30)))
        body = api.get(f"/api/v1/assessment-runs/{first.pk}/table/").json()
        assert (body["as_of"], body["results"][0]["latest_period"]) == (
            "2018-06-30",
            "FY2017",
        )

    @pytest.mark.parametrize("as_of", ["1899-12-31", "2200-01-01", "2019-02-30"])
    def test_an_as_of_date_out_of_bounds_is_refused(
        self, api: APIClient, as_of: str
    ) -> None:
        response = api.get(f"/api/v1/assessments/?as_of={as_of}")
        assert response.status_code == 400
        assert "as_of" in response.json()

    def test_the_table_as_csv_is_named_by_its_date(self, api: APIClient) -> None:
        published(recompute_all(date(2019, 6, 30)))
        response = api.get("/api/v1/assessments/?format=csv")
        assert "assessments-2019-06-30.csv" in response["Content-Disposition"]
        rows = csv_rows(response)
        assert [(r["code"], r["latest_value"]) for r in rows[:2]] == [
            ("A", "26110000"),
            ("B", ""),
        ]

    def test_published_runs_are_listed_newest_first(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        older = published(recompute_all(date(2018, 6, 30)))
        newer = published(recompute_all(date(2019, 6, 30)))
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/assessment-runs/"))
        assert [(r["id"], r["status"]) for r in rows] == [
            (newer.pk, "published"),
            (older.pk, "published"),
        ]


class TestReferenceSeries:
    def test_reference_values_are_filtered_by_series_and_years(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        tonnes = ReferenceSeriesFactory.create(key="basel-export-tonnes")
        cases = ReferenceSeriesFactory.create(key="basel-export-cases", unit="cases")
        for year in (2016, 2017, 2018):
            ReferenceValueFactory.create(series=tonnes, fiscal_year=year)
        ReferenceValueFactory.create(series=cases, fiscal_year=2017, value=150)
        url = (
            "/api/v1/reference-values/?series=basel-export-tonnes&fiscal_year_min=2017"
        )
        with django_assert_max_num_queries(2):
            rows = results(api.get(url))
        assert [(r["fiscal_year"], r["value"], r["unit"]) for r in rows] == [
            (2017, "120000", "t"),
            (2018, "120000", "t"),
        ]

    def test_a_reference_series_is_found_by_its_key(self, api: APIClient) -> None:
        ReferenceSeriesFactory.create(key="basel-export-tonnes")
        body = api.get("/api/v1/reference-series/basel-export-tonnes/").json()
        assert body["unit"] == "t"


class TestCountriesAndPartners:
    def test_a_numeric_country_code_keeps_its_leading_zeros(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        CountryFactory.create()
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/countries/"))
        assert rows[0]["numeric"] == "004"
        csv_row = csv_rows(api.get("/api/v1/countries/?format=csv"))[0]
        assert (csv_row["alpha2"], csv_row["numeric"]) == ("AF", "004")

    def test_a_country_is_found_by_its_alpha2_code(self, api: APIClient) -> None:
        CountryFactory.create()
        assert api.get("/api/v1/countries/AF/").json()["name_ja"] == "アフガニスタン"

    def test_customs_partners_name_their_iso_country(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        korea = CountryFactory.create(
            alpha2="KR", alpha3="KOR", numeric="410", name_ja="韓国"
        )
        CustomsPartnerFactory.create(code="103", country=korea)
        CustomsPartnerFactory.create(code="999", name_en="Unknown", country=None)
        with django_assert_max_num_queries(2):
            rows = results(api.get("/api/v1/customs-partners/"))
        assert [(r["code"], r["country"]) for r in rows] == [
            ("103", "KR"),
            ("999", None),
        ]
        filtered = results(api.get("/api/v1/customs-partners/?country=KR"))
        assert [r["code"] for r in filtered] == ["103"]


def test_an_empty_list_as_csv_still_has_its_header(api: APIClient) -> None:
    response = api.get("/api/v1/countries/?format=csv")
    assert response.content.decode().splitlines() == [
        "alpha2,alpha3,numeric,name_en,name_ja,name_ja_formal"
    ]


def test_the_api_root_lists_the_resources(api: APIClient) -> None:
    body = api.get("/api/v1/").json()
    assert {"indicators", "series-values", "countries"} <= set(body)
