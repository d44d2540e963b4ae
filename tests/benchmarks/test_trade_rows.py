"""The trade rows of the streaming benchmark are rows the export streams."""

import csv
import io
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from benchmarks.trade_rows import (
    StatisticalCode,
    codes_traded,
    copy_trade_rows,
    period_of,
    tonnes,
    trade_records,
    yen_per_unit,
)
from indicators.customs_layouts import EXPORT, IMPORT
from indicators.models import TradeFile, TradePeriod


def test_rows_fill_a_direction_of_a_month_at_a_time_exports_first() -> None:
    assert period_of(0) == (EXPORT, date(2000, 1, 1))
    assert period_of(2499) == (EXPORT, date(2000, 1, 1))
    assert period_of(2500) == (IMPORT, date(2000, 1, 1))
    assert period_of(5000) == (EXPORT, date(2000, 2, 1))
    # 400 periods of 2,500 rows: 200 months, January 2000 to August 2016.
    assert period_of(999_999) == (IMPORT, date(2016, 8, 1))


def test_no_key_repeats_and_codes_keep_nine_digits() -> None:
    records = list(trade_records(12_500))
    keys = {(r.direction, r.month, r.hs_code, r.partner, r.port) for r in records}

    assert len(keys) == 12_500
    assert {len(r.hs_code) for r in records} == {9}
    assert {"050400000", "051191000", "051199000"} <= {r.hs_code for r in records}


def test_codes_are_the_statistical_codes_valid_in_the_year() -> None:
    exported_2000 = {code.hs_code for code in codes_traded(EXPORT, 2000)}
    exported_2018 = {code.hs_code for code in codes_traded(EXPORT, 2018)}

    # Retreaded tyres: 4012.10 until HS2002 split it into 4012.11-4012.19.
    assert "401210000" in exported_2000 - exported_2018
    assert "401211000" in exported_2018 - exported_2000
    # Aluminium scrap: the national schedule splits exports in two.
    assert {"760200100", "760200900"} <= exported_2018


def test_tonnes_are_exact_from_kilograms_or_metric_tons() -> None:
    assert tonnes(1_234_567, "KG") == "1234.567"
    assert tonnes(5, "KG") == "0.005"
    assert tonnes(25, "MT") == "25"


def test_imports_are_dearer_by_freight_and_insurance() -> None:
    code = StatisticalCode("720410000", "", "MT")
    fob = yen_per_unit(code, EXPORT)

    assert yen_per_unit(code, IMPORT) == fob * 108 // 100


def test_figures_follow_the_units_of_each_code() -> None:
    for record in trade_records(5000):
        grams = Decimal(record.tonnes) * 1_000_000
        if record.unit2 == "MT":
            assert grams == record.quantity2 * 1_000_000
        else:
            assert grams == record.quantity2 * 1000
        assert record.counted == (record.quantity1 if record.unit1 == "NO" else None)
        assert record.quantity1 == 0 or record.unit1 == "NO"


@pytest.mark.server
@pytest.mark.django_db
def test_the_monthly_export_streams_every_loaded_row() -> None:
    copy_trade_rows(5000)

    response: Any = APIClient().get("/api/v1/trade/monthly/export/")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))

    assert len(rows) == 5000
    assert Counter(r["direction"] for r in rows) == {"1": 2500, "2": 2500}
    assert {r["month"] for r in rows} == {"2000-01-01"}
    assert "050400000" in {r["hs_code"] for r in rows}
    assert {r["country"] for r in rows if r["partner"] == "105"} == {"CN"}
    assert {r["country"] for r in rows if r["partner"] == "701"} == {""}
    assert [r["direction"] for r in rows] == sorted(r["direction"] for r in rows)


@pytest.mark.server
@pytest.mark.django_db
def test_each_direction_and_year_has_its_file_and_months() -> None:
    copy_trade_rows(5000 * 13)

    files = TradeFile.objects.order_by("name")
    assert [f.name for f in files] == [
        "national_2000_export.csv",
        "national_2000_import.csv",
        "national_2001_export.csv",
        "national_2001_import.csv",
    ]
    assert len(files[0].periods) == 12
    assert TradePeriod.objects.count() == 26
