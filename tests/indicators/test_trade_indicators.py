"""Indicators A, B and C and the monthly series, from imported customs files."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from indicators.computed import ComputedSeries, compute_indicator
from indicators.models import TradeItem
from indicators.trade_series import monthly_tonnes_by_partner
from tests.factories_trade import HsClassificationFactory, TradeItemFactory
from tests.indicators.customs_files import Triple, WideFile, WideRow
from tests.indicators.trade_fixtures import load, media, partners, scrap

__all__ = ["media", "partners", "scrap"]  # fixtures used by name

AS_OF = date(2020, 6, 30)


def series(code: str, key: str) -> ComputedSeries:
    computed = compute_indicator(code, AS_OF)
    return next(s for s in computed.series if s.key == key)


def values(found: ComputedSeries) -> dict[str, tuple[Decimal, int | None, bool]]:
    return {p.period: (p.value, p.position, p.complete) for p in found.points}


@pytest.fixture
def two_years(scrap: TradeItem, tmp_path: Path) -> None:
    """Ferrous scrap exports to China over 2018 and 2019 (kg, thousand yen)."""
    copper = TradeItemFactory(slug="copper_scrap", name_ja="銅くず")
    HsClassificationFactory(hs_code="740400", item=copper)
    year_2018 = WideRow(
        "720410000",
        "105",
        {1: (0, 1000, 100), 3: (0, 2000, 200), 4: (0, 3000, 300), 12: (0, 4000, 400)},
        year=2018,
    )
    year_2019 = WideRow(
        "720410000",
        "105",
        {1: (0, 5000, 500), 3: (0, 6000, 600), 4: (0, 7000, 700)},
        year=2019,
    )
    load(
        WideFile([year_2018]).write(tmp_path / "exports-2018.csv"),
        WideFile([year_2019]).write(tmp_path / "exports-2019.csv"),
    )


def test_a_fiscal_year_runs_from_april_to_march_across_two_files(two_years):
    exports = series("A", "export")

    # FY2018 = Apr 2018 (3,000 kg) + Dec 2018 (4,000) + Jan 2019 (5,000)
    # + Mar 2019 (6,000) = 18,000 kg = 18 t.
    assert values(exports)["FY2018"] == (Decimal(18), 2018, True)
    assert exports.in_table


def test_a_fiscal_year_missing_months_is_incomplete_and_never_the_latest(two_years):
    exports = series("A", "export")

    # FY2017 has only January to March 2018 loaded: 1,000 + 2,000 kg.
    assert values(exports)["FY2017"] == (Decimal(3), None, False)
    # FY2019 has April to December 2019 loaded: 7,000 kg.
    assert values(exports)["FY2019"] == (Decimal(7), None, False)
    latest = exports.latest_point()
    assert latest is not None and latest.period == "FY2018"


def test_a_direction_never_loaded_has_no_values(two_years):
    assert series("A", "import").points == []


def test_an_item_without_trade_in_loaded_months_is_zero(two_years):
    copper = series("A", "export--metals--copper-scrap")

    assert values(copper)["FY2018"] == (Decimal(0), 2018, True)
    assert not copper.in_table


def test_categories_sum_their_items(two_years):
    assert values(series("A", "export--metals"))["FY2018"][0] == Decimal(18)
    assert values(series("A", "export--biomass"))["FY2018"][0] == Decimal(0)


def test_the_breakdown_gives_each_category_of_the_latest_complete_year(two_years):
    breakdown = compute_indicator("A", AS_OF).breakdown

    assert breakdown is not None
    assert breakdown["export"]["fiscal_year"] == 2018
    assert breakdown["export"]["tonnes"]["metals"] == 18
    assert breakdown["import"] is None


def test_unit_value_is_value_times_1000_over_tonnes_and_exports_are_fob(two_years):
    price = series("C", "export--metals--ferrous-scrap")

    # FY2018: 300 + 400 + 500 + 600 thousand yen over 18 t = 100,000 yen/t.
    assert values(price)["FY2018"] == (Decimal(100_000), 2018, True)
    assert (price.valuation, price.unit, price.in_table) == ("FOB", "yen/t", False)


def test_no_unit_value_where_no_tonne_was_traded(two_years):
    assert "FY2018" not in values(series("C", "export--metals--copper-scrap"))


def test_imports_are_valued_cif_and_no_c_series_is_in_the_table(two_years):
    computed = compute_indicator("C", AS_OF)

    valuations = {s.key.split("-")[0]: s.valuation for s in computed.series}
    assert valuations == {"export": "FOB", "import": "CIF"}
    assert not any(s.in_table for s in computed.series)


def test_only_months_ended_by_the_as_of_date_count(two_years):
    computed = compute_indicator("A", date(2019, 2, 27))
    exports = next(s for s in computed.series if s.key == "export")

    # By 27 February 2019 only January 2019 has ended: FY2018 is incomplete.
    assert values(exports)["FY2018"] == (Decimal(12), None, False)


def test_a_mapping_applies_only_in_its_years(scrap, tmp_path):
    wood = TradeItemFactory(slug="sawdust_wood_waste", category="biomass")
    HsClassificationFactory(hs_code="440130", valid_to=2016, item=wood)
    HsClassificationFactory(hs_code="440140", valid_from=2017, item=wood)
    old_code = WideRow("440130000", "105", {6: (0, 9000, 9)}, year=2017)
    new_code = WideRow("440140000", "105", {6: (0, 4000, 4)}, year=2017)
    # 440130 is kept because it is classified in some year, but not in 2017.
    load(WideFile([old_code, new_code]).write(tmp_path / "2017.csv"))

    wood_series = series("A", "export--biomass--sawdust-wood-waste")

    assert values(wood_series)["FY2017"][0] == Decimal(4)


@pytest.fixture
def used_goods(partners, media, tmp_path: Path) -> None:
    for slug, code, unit1 in [
        ("used_clothing", "630900", ""),
        ("retreaded_tyres", "401211", "NO"),
        ("used_pneumatic_tyres", "401220", "NO"),
        ("used_vehicles", "870323", "NO"),
    ]:
        item = TradeItemFactory(
            slug=slug, category="used_goods", indicator=TradeItem.Indicator.B
        )
        HsClassificationFactory(hs_code=code, item=item, unit1=unit1)
    rows = [
        WideRow("630900000", "108", {5: (0, 250_000, 30)}),
        WideRow("401211000", "108", {5: (10, 80_000, 20)}, unit1="NO"),
        WideRow("401220000", "601", {6: (40, 120_000, 20)}, unit1="NO"),
        WideRow("870323915", "601", {6: (3, 4_500, 900)}, unit1="NO"),
    ]
    load(
        WideFile(rows).write(tmp_path / "2018.csv"),
        WideFile([]).write(tmp_path / "2019.csv"),
    )


def test_b_sums_used_clothing_and_tyres_by_weight(used_goods):
    exports = series("B", "export")

    # 250 t of clothing + 80 t retreaded + 120 t used tyres; cars not included.
    assert values(exports)["FY2018"][0] == Decimal(450)
    assert exports.in_table


def test_used_vehicles_are_counted_in_units_beside_b(used_goods):
    vehicles = series("B", "export--used-vehicles")

    assert values(vehicles)["FY2018"][0] == Decimal(3)
    assert (vehicles.unit, vehicles.in_table) == ("units", False)


def first_half(months: dict[int, Triple]) -> dict[int, Triple]:
    """January to June as given (else zero); July to December not yet published."""
    filled: dict[int, Triple] = {m: months.get(m, (0, 0, 0)) for m in range(1, 7)}
    return filled | {m: ("", "", "") for m in range(7, 13)}


def test_monthly_exports_by_partner_show_gaps_and_true_zeros(scrap, tmp_path):
    rows = [
        WideRow("720410000", "105", first_half({1: (0, 8000, 1), 2: (0, 6000, 1)})),
        WideRow("720410000", "106", first_half({2: (0, 3000, 1)})),
        WideRow("720410000", "108", first_half({2: (0, 1000, 1)})),
    ]
    load(WideFile(rows).write(tmp_path / "2018-h1.csv"))

    monthly = monthly_tonnes_by_partner(
        "ferrous_scrap", 1, date(2017, 12, 1), date(2018, 7, 31), top=1
    )

    assert monthly.months[0] == date(2017, 12, 1) and len(monthly.months) == 8
    assert monthly.loaded == [False] + [True] * 6 + [False]
    china, others = monthly.partners
    assert china.code == "105"
    assert china.tonnes[:4] == [None, Decimal(8), Decimal(6), Decimal(0)]
    assert others.code == "" and others.tonnes[2] == Decimal(4)
