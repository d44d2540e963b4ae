"""The trade endpoints: aggregates, unit values, the monthly CSV, classification."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.customs_layouts import EXPORT, IMPORT
from indicators.fiscal import fiscal_year_months
from indicators.models import (
    CustomsPartner,
    TradeFile,
    TradeItem,
    TradePeriod,
    TradeRow,
)
from tests.api.test_views import csv_rows
from tests.factories_api import CountryFactory
from tests.factories_trade import (
    CustomsPartnerFactory,
    HsClassificationFactory,
    TradeItemFactory,
)

pytestmark = pytest.mark.django_db

FY2018_MONTHS = [date(y, m, 1) for y, m in fiscal_year_months(2018)]


def loaded(direction: int, months: list[date]) -> TradeFile:
    """The months marked as loaded from one file, as an import leaves them."""
    trade_file = TradeFile.objects.create(
        name="customs.csv", status="loaded", sha256=f"{direction}" * 64
    )
    for month in months:
        TradePeriod.objects.create(
            direction=direction,
            month=month,
            scope="national",
            layout="national",
            revision="confirmed",
            file=trade_file,
        )
    return trade_file


def row(direction: int, hs_code: str, month: date, **figures: Any) -> TradeRow:
    partner = figures.pop("partner", None) or CustomsPartnerFactory.create(code="105")
    trade_file = TradePeriod.objects.get(direction=direction, month=month).file
    return TradeRow.objects.create(
        direction=direction,
        hs_code=hs_code,
        month=month,
        partner=partner,
        file=trade_file,
        **figures,
    )


@pytest.fixture
def scrap() -> None:
    """Iron scrap exported and imported in FY2018, and vehicles exported."""
    iron = TradeItemFactory.create(slug="iron_scrap", category="metals")
    HsClassificationFactory.create(hs_code="720410", item=iron)
    vehicles = TradeItemFactory.create(
        slug="used_vehicles", category="used_goods", indicator="B"
    )
    HsClassificationFactory.create(hs_code="870321", item=vehicles)
    loaded(EXPORT, FY2018_MONTHS)
    loaded(IMPORT, FY2018_MONTHS)
    row(EXPORT, "720410", date(2018, 4, 1), tonnes=Decimal("1000.5"), value=30000)
    row(EXPORT, "720410", date(2019, 3, 1), tonnes=Decimal("999.5"), value=30000)
    row(IMPORT, "720410", date(2018, 5, 1), tonnes=Decimal("10"), value=500)
    row(EXPORT, "870321", date(2018, 6, 1), count=12, value=24000)


@pytest.mark.usefixtures("scrap")
class TestTradeAggregates:
    def test_a_fiscal_year_sums_april_to_march_with_units_and_valuation(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        with django_assert_max_num_queries(5):
            records = api.get("/api/v1/trade/?direction=export&item=iron_scrap").json()

        (fy2018,) = records
        assert fy2018["period"] == "FY2018"
        assert (fy2018["quantity"], fy2018["quantity_unit"]) == ("2000", "t")
        assert (fy2018["value"], fy2018["value_unit"]) == (60000, "thousand yen")
        assert (fy2018["valuation"], fy2018["complete"]) == ("FOB", True)

    def test_imports_are_valued_cif_and_kept_apart(self, api: APIClient) -> None:
        records = api.get("/api/v1/trade/?item=iron_scrap").json()
        by_direction = {r["direction"]: r for r in records}
        assert by_direction["import"]["quantity"] == "10"
        assert by_direction["import"]["valuation"] == "CIF"
        assert by_direction["export"]["valuation"] == "FOB"

    def test_used_vehicles_are_counted_in_units(self, api: APIClient) -> None:
        records = api.get("/api/v1/trade/?item=used_vehicles&direction=export").json()
        assert [(r["quantity"], r["quantity_unit"]) for r in records] == [
            ("12", "units")
        ]

    def test_by_month_a_loaded_month_without_trade_is_zero(
        self, api: APIClient
    ) -> None:
        query = "period=month&direction=export&item=iron_scrap"
        records = api.get(f"/api/v1/trade/?{query}").json()
        quantities = {r["period"]: r["quantity"] for r in records}
        assert len(records) == 12
        assert quantities["2018-04"] == "1000.5"
        assert quantities["2018-05"] == "0"
        assert quantities["2019-03"] == "999.5"

    def test_grouped_by_indicator_counts_are_left_out_of_tonnes(
        self, api: APIClient
    ) -> None:
        records = api.get("/api/v1/trade/?group=indicator&direction=export").json()
        assert [(r["indicator"], r["quantity"]) for r in records] == [("A", "2000")]

    def test_a_partner_country_narrows_the_rows(self, api: APIClient) -> None:
        china = CountryFactory.create(alpha2="CN", alpha3="CHN", numeric="156")
        CustomsPartner.objects.filter(code="105").update(country=china)
        other = CustomsPartnerFactory.create(code="103")
        row(EXPORT, "720410", date(2018, 7, 1), tonnes=Decimal("5"), partner=other)

        records = api.get("/api/v1/trade/?item=iron_scrap&direction=export&country=CN")

        (fy2018,) = records.json()
        assert (fy2018["country"], fy2018["quantity"]) == ("CN", "2000")

    def test_an_unknown_period_kind_is_a_400(self, api: APIClient) -> None:
        assert api.get("/api/v1/trade/?period=week").status_code == 400

    def test_as_of_a_date_only_the_months_ended_by_then_are_summed(
        self, api: APIClient
    ) -> None:
        query = "item=iron_scrap&direction=export"
        by_date = {
            as_of: api.get(f"/api/v1/trade/?{query}&as_of={as_of}").json()
            for as_of in ("2018-04-30", "2019-03-30", "2019-03-31")
        }

        # April 2018 (1,000.5 t) has ended on 30 April; March 2019 (999.5 t)
        # only on its last day, which completes the fiscal year.
        assert [(r["quantity"], r["complete"]) for r in by_date["2018-04-30"]] == [
            ("1000.5", False)
        ]
        assert by_date["2019-03-30"][0]["quantity"] == "1000.5"
        assert [(r["quantity"], r["complete"]) for r in by_date["2019-03-31"]] == [
            ("2000", True)
        ]

    @pytest.mark.parametrize("as_of", ["1899-12-31", "2200-01-01", "2019-02-30"])
    def test_an_as_of_outside_the_years_or_the_calendar_is_a_400(
        self, api: APIClient, as_of: str
    ) -> None:
        for endpoint in ("trade", "trade/unit-values"):
            response = api.get(f"/api/v1/{endpoint}/?as_of={as_of}")
            assert response.status_code == 400
            assert "as_of" in response.json()

    def test_csv_keeps_the_units_and_valuation_in_each_row(
        self, api: APIClient
    ) -> None:
        rows = csv_rows(api.get("/api/v1/trade/?item=iron_scrap&format=csv"))
        assert {(r["direction"], r["valuation"], r["quantity_unit"]) for r in rows} == {
            ("export", "FOB", "t"),
            ("import", "CIF", "t"),
        }


@pytest.mark.usefixtures("scrap")
class TestUnitValues:
    def test_yen_per_tonne_per_direction(self, api: APIClient) -> None:
        records = api.get("/api/v1/trade/unit-values/?item=iron_scrap").json()
        by_direction = {r["direction"]: r for r in records}
        # 60,000 thousand yen for 2,000 t; 500 thousand yen for 10 t.
        assert by_direction["export"]["unit_value"] == "30000"
        assert by_direction["import"]["unit_value"] == "50000"
        assert by_direction["import"]["valuation"] == "CIF"

    def test_a_unit_value_has_the_six_decimals_of_a_stored_value(
        self, api: APIClient
    ) -> None:
        row(IMPORT, "720410", date(2018, 6, 1), tonnes=Decimal("3"), value=100)

        records = api.get("/api/v1/trade/unit-values/?item=iron_scrap").json()

        # 600 thousand yen for 13 t: 46,153.846153846... yen per tonne.
        by_direction = {r["direction"]: r for r in records}
        assert by_direction["import"]["unit_value"] == "46153.846154"

    def test_unit_values_are_always_per_fiscal_year(self, api: APIClient) -> None:
        query = "item=iron_scrap&direction=export&period=month"
        records = api.get(f"/api/v1/trade/unit-values/?{query}").json()
        assert [r["fiscal_year"] for r in records] == [2018]

    def test_items_counted_in_units_have_no_unit_value(self, api: APIClient) -> None:
        records = api.get("/api/v1/trade/unit-values/").json()
        assert {r["item"] for r in records} == {"iron_scrap"}


@pytest.mark.usefixtures("scrap")
class TestMonthlyExport:
    def test_every_row_streams_with_codes_as_text(self, api: APIClient) -> None:
        response = api.get("/api/v1/trade/monthly/export/")

        assert response.streaming
        rows = csv_rows_of(response)
        assert len(rows) == 4
        assert rows[0]["hs_code"] == "720410"
        assert rows[0]["partner"] == "105"
        assert [r["month"] for r in rows if r["direction"] == "1"][:2] == [
            "2018-04-01",
            "2018-06-01",
        ]

    def test_every_row_names_its_value_unit_and_valuation_basis(
        self, api: APIClient
    ) -> None:
        rows = csv_rows_of(api.get("/api/v1/trade/monthly/export/"))

        # Japanese customs values exports FOB and imports CIF, in thousand yen.
        basis = {(r["direction"], r["valuation"], r["value_unit"]) for r in rows}
        assert basis == {("1", "FOB", "thousand yen"), ("2", "CIF", "thousand yen")}

    def test_the_export_filters_by_direction(self, api: APIClient) -> None:
        rows = csv_rows_of(api.get("/api/v1/trade/monthly/export/?direction=2"))
        assert [r["tonnes"] for r in rows] == ["10"]


def csv_rows_of(response: Any) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


class TestClassification:
    def test_codes_are_strings_filtered_by_the_year_they_are_valid(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        paper = TradeItemFactory.create(slug="waste_paper", category="biomass")
        HsClassificationFactory.create(hs_code="470710", item=paper, valid_to=2016)
        HsClassificationFactory.create(hs_code="470710", item=paper, valid_from=2017)
        HsClassificationFactory.create(hs_code="040120", item=paper, valid_from=2017)

        with django_assert_max_num_queries(2):
            response = api.get("/api/v1/classification/?valid_in=2016")

        rows = response.json()["results"]
        assert [(r["hs_code"], r["valid_to"]) for r in rows] == [("470710", 2016)]

    def test_filters_by_category_and_code_start(self, api: APIClient) -> None:
        paper = TradeItemFactory.create(slug="waste_paper", category="biomass")
        iron = TradeItemFactory.create(slug="iron_scrap", category="metals")
        HsClassificationFactory.create(hs_code="040120", item=paper)
        HsClassificationFactory.create(hs_code="720410", item=iron)

        biomass = api.get("/api/v1/classification/?category=biomass").json()
        by_start = api.get("/api/v1/classification/?hs_code=0401").json()

        assert [r["hs_code"] for r in biomass["results"]] == ["040120"]
        assert [r["item"] for r in by_start["results"]] == ["waste_paper"]
        assert TradeItem.objects.count() == 2
