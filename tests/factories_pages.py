"""Stored series for A-F shaped like the review's, for the page tests.

The pages read only stored series, so these stand-in builders let the tests
show real-looking pages without the areas' record-level builders. Figures
the review prints (``published-figures.json``) are used as printed: A's
FY2018 totals and their change from FY2017 (FY2000 from the printed ratios
3.4 and 1.8), B's FY2018 totals, D's 54 countries and breakdown, E's selected
projects and applications, F's 27 municipalities and the answers. Other
values (the split by category or item, partner countries, months, unit
prices) are made up to the same scale and say nothing about real trade.
Periods left out are gaps on purpose: FY2001-FY2016 of A.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from indicators import computed
from indicators.computed import ComputedIndicator, ComputedSeries, Point
from indicators.models import AssessmentRun
from indicators.recompute import recompute_all

AS_OF = date(2019, 6, 30)
TRADE_METHOD = "sum of tonnes over the fiscal year's twelve months"
Values = dict[str, int]


def fiscal(
    key: str, ja: str, en: str, unit: str, values: Values, **extra: object
) -> ComputedSeries:
    """A fiscal-year series; a period written ``FY2019?`` is incomplete."""
    points = []
    for period, value in values.items():
        complete = not period.endswith("?")
        year = int(period.strip("FY?"))
        points.append(
            Point(
                period=f"FY{year}",
                period_end=date(year + 1, 3, 31),
                value=Decimal(value),
                method=str(extra.get("method", TRADE_METHOD)),
                fiscal_year=year,
                position=year if complete else None,
                complete=complete,
                provenance=_provenance(extra),
            )
        )
    return ComputedSeries(
        key,
        ja,
        en,
        unit,
        points,
        valuation=str(extra.get("valuation", "")),
        in_table=bool(extra.get("in_table", False)),
        order=int(extra.get("order", 0)),  # type: ignore[call-overload]
    )


def monthly(key: str, ja: str, en: str, values: Values) -> ComputedSeries:
    points = [
        Point(
            period=month,
            period_end=date(int(month[:4]), int(month[5:]), 28),
            value=Decimal(value),
            method="sum of tonnes in the month",
        )
        for month, value in values.items()
    ]
    return ComputedSeries(key, ja, en, "t", points, in_table=False)


def on_days(
    key: str, ja: str, en: str, values: Values, in_table: bool = False
) -> ComputedSeries:
    """A point-in-time count; the dates of 30 June are assessed by year."""
    points = []
    for day, value in values.items():
        when = date.fromisoformat(day)
        points.append(
            Point(
                period=day,
                period_end=when,
                value=Decimal(value),
                method="distinct countries with a membership in force on the day",
                position=when.year if (when.month, when.day) == (6, 30) else None,
            )
        )
    return ComputedSeries(key, ja, en, "countries", points, in_table=in_table)


def circular_resources(as_of: date) -> ComputedIndicator:
    provenance = {"imports": [101, 102], "files": ["d01h18e001.csv", "d01h19e001.csv"]}
    series = [
        fiscal(
            "export",
            "輸出量",
            "Exports",
            "t",
            {
                "FY2000": 7_679_412,
                "FY2017": 27_360_000,
                "FY2018": 26_110_000,
                "FY2019?": 4_300_000,
            },
            in_table=True,
            order=1,
            provenance=provenance,
        ),
        fiscal(
            "import",
            "輸入量",
            "Imports",
            "t",
            {"FY2000": 4_011_111, "FY2017": 6_190_000, "FY2018": 7_220_000},
            in_table=True,
            order=2,
        ),
    ]
    categories = {
        "biomass": ("バイオマス", "Biomass", 8_900_000, 8_500_000),
        "metals": ("金属", "Metals", 9_800_000, 9_600_000),
        "non-metallic-minerals": (
            "非金属鉱物",
            "Non-metallic minerals",
            6_600_000,
            6_800_000,
        ),
        "fossil": ("化石系", "Fossil-based", 1_840_000, 1_010_000),
        "other": ("その他", "Other", 220_000, 200_000),
    }
    for order, (slug, (ja, en, fy17, fy18)) in enumerate(categories.items()):
        series.append(
            fiscal(
                f"export--{slug}",
                ja,
                en,
                "t",
                {"FY2017": fy17, "FY2018": fy18},
                order=10 + order,
            )
        )
    series += [
        fiscal(
            "export--biomass--waste-paper",
            "古紙",
            "Waste paper",
            "t",
            {"FY2017": 8_800_000, "FY2018": 8_415_000},
            order=20,
        ),
        fiscal(
            "export--biomass--sawdust",
            "のこくず・木くず",
            "Sawdust and wood waste",
            "t",
            {"FY2017": 100_000, "FY2018": 85_000},
            order=21,
        ),
        fiscal(
            "export--metals--ferrous-scrap",
            "鉄鋼くず",
            "Ferrous scrap",
            "t",
            {"FY2017": 7_800_000, "FY2018": 7_600_000},
            order=22,
        ),
        fiscal(
            "export--metals--copper-scrap",
            "銅くず",
            "Copper scrap",
            "t",
            {"FY2017": 2_000_000, "FY2018": 2_000_000},
            order=23,
        ),
        fiscal(
            "export--metals--ferrous-scrap--cn",
            "中国",
            "China",
            "t",
            {"FY2017": 1_200_000, "FY2018": 300_000},
            order=30,
        ),
        fiscal(
            "export--metals--ferrous-scrap--kr",
            "韓国",
            "Republic of Korea",
            "t",
            {"FY2017": 3_100_000, "FY2018": 3_000_000},
            order=31,
        ),
        fiscal(
            "export--metals--ferrous-scrap--vn",
            "ベトナム",
            "Viet Nam",
            "t",
            {"FY2017": 2_300_000, "FY2018": 2_600_000},
            order=32,
        ),
        fiscal(
            "export--biomass--waste-paper--cn",
            "中国",
            "China",
            "t",
            {"FY2017": 3_700_000, "FY2018": 2_300_000},
            order=33,
        ),
        monthly(
            "export-monthly--fossil--plastics-waste",
            "廃プラスチック",
            "Plastics waste",
            {
                "2017-11": 120_000,
                "2017-12": 118_000,
                "2018-01": 92_000,
                "2018-02": 80_000,
                "2018-03": 85_000,
            },
        ),
        monthly(
            "export-monthly--fossil--plastics-waste--cn",
            "中国",
            "China",
            {
                "2017-11": 25_000,
                "2017-12": 21_000,
                "2018-01": 1_000,
                "2018-02": 0,
                "2018-03": 0,
            },
        ),
        monthly(
            "export-monthly--fossil--plastics-waste--th",
            "タイ",
            "Thailand",
            {"2017-11": 5_000, "2018-01": 9_000, "2018-02": 11_000, "2018-03": 14_000},
        ),
    ]
    return ComputedIndicator("A", series)


def used_goods(as_of: date) -> ComputedIndicator:
    series = [
        fiscal(
            "export",
            "輸出量",
            "Exports",
            "t",
            {"FY2017": 380_000, "FY2018": 390_000},
            in_table=True,
            order=1,
        ),
        fiscal(
            "import",
            "輸入量",
            "Imports",
            "t",
            {"FY2017": 7_400, "FY2018": 7_130},
            in_table=True,
            order=2,
        ),
        fiscal(
            "export--used-clothing",
            "中古衣類など",
            "Used clothing",
            "t",
            {"FY2017": 236_000, "FY2018": 240_000},
            order=10,
        ),
        fiscal(
            "export--used-tyres",
            "中古の空気タイヤ",
            "Used pneumatic tyres",
            "t",
            {"FY2017": 125_000, "FY2018": 130_000},
            order=11,
        ),
        fiscal(
            "export--retreaded-tyres",
            "更生タイヤ",
            "Retreaded tyres",
            "t",
            {"FY2017": 19_000, "FY2018": 20_000},
            order=12,
        ),
        fiscal(
            "import--used-clothing",
            "中古衣類など",
            "Used clothing",
            "t",
            {"FY2017": 7_050, "FY2018": 6_800},
            order=13,
        ),
        fiscal(
            "import--used-tyres",
            "中古の空気タイヤ",
            "Used pneumatic tyres",
            "t",
            {"FY2017": 300, "FY2018": 280},
            order=14,
        ),
        fiscal(
            "import--retreaded-tyres",
            "更生タイヤ",
            "Retreaded tyres",
            "t",
            {"FY2017": 50, "FY2018": 50},
            order=15,
        ),
        fiscal(
            "export--used-vehicles",
            "中古自動車",
            "Used vehicles",
            "units",
            {"FY2017": 1_280_000, "FY2018": 1_300_000},
            order=20,
        ),
        fiscal(
            "export--used-vehicles--ru",
            "ロシア",
            "Russian Federation",
            "units",
            {"FY2017": 150_000, "FY2018": 160_000},
            order=21,
        ),
        fiscal(
            "export--used-vehicles--ae",
            "アラブ首長国連邦",
            "United Arab Emirates",
            "units",
            {"FY2017": 140_000, "FY2018": 150_000},
            order=22,
        ),
    ]
    return ComputedIndicator("B", series)


def prices(as_of: date) -> ComputedIndicator:
    method = "total value (thousand yen x 1,000) over total tonnes"
    series = [
        fiscal(
            "export--metals--ferrous-scrap",
            "鉄鋼くず",
            "Ferrous scrap",
            "yen/t",
            {"FY2017": 30_500, "FY2018": 33_800},
            valuation="FOB",
            method=method,
        ),
        fiscal(
            "export--metals--copper-scrap",
            "銅くず",
            "Copper scrap",
            "yen/t",
            {"FY2017": 540_000, "FY2018": 560_000},
            valuation="FOB",
            method=method,
        ),
        fiscal(
            "import--biomass--oil-cake",
            "植物性油かす",
            "Oil cake",
            "yen/t",
            {"FY2017": 32_000, "FY2018": 34_500},
            valuation="CIF",
            method=method,
        ),
    ]
    return ComputedIndicator("C", series)


def cooperation(as_of: date) -> ComputedIndicator:
    series = [
        on_days(
            "total",
            "国の数",
            "Countries",
            {"2018-06-30": 43, "2019-03-31": 52, "2019-06-30": 54},
            in_table=True,
        ),
        on_days(
            "framework--mou",
            "協力覚書",
            "Memorandum",
            {"2018-06-30": 6, "2019-06-30": 10},
        ),
        on_days("framework--jcm", "JCM", "JCM", {"2018-06-30": 17, "2019-06-30": 17}),
        on_days(
            "framework--accp", "ACCP", "ACCP", {"2018-06-30": 28, "2019-06-30": 35}
        ),
    ]
    combinations = {
        "mou-only": ("協力覚書のみ", "Memorandum only", 4),
        "jcm-only": ("JCMのみ", "JCM only", 10),
        "accp-only": ("ACCPのみ", "ACCP only", 32),
        "mou-jcm": ("協力覚書とJCM", "Memorandum and JCM", 5),
        "jcm-accp": ("JCMとACCP", "JCM and ACCP", 2),
        "mou-accp": ("協力覚書とACCP", "Memorandum and ACCP", 1),
        "all-three": ("三つすべて", "All three", 0),
    }
    for slug, (ja, en, count) in combinations.items():
        series.append(on_days(f"combination--{slug}", ja, en, {"2019-06-30": count}))
    for slug, ja, count in (
        ("mou", "協力覚書", 4),
        ("jcm", "JCM", 0),
        ("accp", "ACCP", 7),
    ):
        series.append(
            on_days(f"added--{slug}", ja, slug.upper(), {"2019-06-30": count})
        )
    # Drawn in the order written above.
    ordered = [replace(item, order=order) for order, item in enumerate(series)]
    return ComputedIndicator("D", ordered)


def projects(as_of: date) -> ComputedIndicator:
    method = "count of projects selected in the fiscal year"
    series = [
        fiscal(
            "selected",
            "選定事業数",
            "Selected projects",
            "projects",
            {"FY2017": 13, "FY2018": 11},
            in_table=True,
            method=method,
        ),
        fiscal(
            "applications",
            "応募件数",
            "Applications",
            "projects",
            {"FY2017": 20, "FY2018": 23},
            method=method,
        ),
        fiscal(
            "selected--feasibility",
            "事業化促進",
            "Feasibility studies",
            "projects",
            {"FY2017": 6, "FY2018": 5},
            method=method,
        ),
        fiscal(
            "selected--co2-subsidy",
            "CO2削減補助",
            "CO2 reduction subsidy",
            "projects",
            {"FY2017": 7, "FY2018": 6},
            method=method,
        ),
    ]
    return ComputedIndicator("E", series)


def municipalities(as_of: date) -> ComputedIndicator:
    method = "distinct municipalities answering either cooperation option"
    answers = {
        "answer--specific-municipality": (
            "特定の海外自治体と連携",
            "With a specific city",
            14,
        ),
        "answer--not-specific": (
            "特定ではない国際協力",
            "Not with a specific city",
            14,
        ),
        "answer--none": ("国際協力はしていない", "No cooperation", 1_714),
        "kind--sister-city": ("姉妹都市・連携都市", "Sister or partner city", 9),
        "kind--framework": ("複数自治体の枠組み", "Multi-municipality framework", 4),
        "kind--training": ("研修・人材交流", "Training or exchange", 14),
        "kind--other": ("その他", "Other", 8),
    }
    series = [
        fiscal(
            "cooperating",
            "連携している団体数",
            "Cooperating municipalities",
            "municipalities",
            {"FY2017": 27},
            in_table=True,
            method=method,
        ),
    ]
    for order, (key, (ja, en, count)) in enumerate(answers.items()):
        series.append(
            fiscal(
                key,
                ja,
                en,
                "municipalities",
                {"FY2017": count},
                method=method,
                order=order,
            )
        )
    return ComputedIndicator("F", series)


PUBLISHED_BUILDERS: dict[str, Callable[[date], ComputedIndicator]] = {
    "A": circular_resources,
    "B": used_goods,
    "C": prices,
    "D": cooperation,
    "E": projects,
    "F": municipalities,
}


def store_published_series(monkeypatch: pytest.MonkeyPatch) -> AssessmentRun:
    """Store every stand-in series through the real recompute, and publish it."""
    from indicators.publication import publish_run

    for code, builder in PUBLISHED_BUILDERS.items():
        monkeypatch.setitem(computed._BUILDERS, code, builder)
    return publish_run(recompute_all(AS_OF), None, "公表された数値の再現")


def _provenance(extra: dict[str, object]) -> dict[str, object]:
    given: Any = extra.get("provenance", {})
    return dict(given)
