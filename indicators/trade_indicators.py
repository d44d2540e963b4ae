"""Series builders of indicators A, B and C from the loaded customs rows.

- A: tonnes of circular resources (items of indicator A) exported and
  imported per fiscal year; the two totals go in the assessment table,
  the series per category and per item only on the indicator's page.
- B: tonnes of used clothing + retreaded tyres + used pneumatic tyres per
  fiscal year and direction in the table; each used-goods item beside it,
  used vehicles (and monitors/televisions) also in units.
- C: unit value in yen per tonne per item, direction and fiscal year
  (total value x 1000 / total tonnes). Exports are FOB and imports CIF, so
  each series carries its valuation and none goes in the table: C has no
  headline value.

A fiscal year with a month not loaded is kept as an incomplete point
without a position: it is never the latest value nor a point of a trend.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from indicators.computed import (
    ComputedIndicator,
    ComputedSeries,
    fiscal_year_point,
    register,
)
from indicators.customs_layouts import EXPORT, IMPORT
from indicators.fiscal import fiscal_year_months
from indicators.models import TradeItem
from indicators.numbers import json_number
from indicators.trade_figures import ItemMonths, Totals
from indicators.trade_series import files_by_month, item_months, trade_items

DIRECTIONS = (EXPORT, IMPORT)
DIRECTION_KEYS = {EXPORT: "export", IMPORT: "import"}
DIRECTION_NAMES = {EXPORT: ("輸出", "Exports"), IMPORT: ("輸入", "Imports")}
VALUATION = {EXPORT: "FOB", IMPORT: "CIF"}
CATEGORY_NAMES = {
    "biomass": ("バイオマス", "biomass"),
    "metals": ("金属", "metals"),
    "non_metallic_minerals": ("非金属鉱物", "non-metallic minerals"),
    "fossil": ("化石系", "fossil-based"),
    "other": ("その他", "other"),
}
# B's headline weight, as the review document sums it.
B_WEIGHT_ITEMS = ("used_clothing", "retreaded_tyres", "used_pneumatic_tyres")
# Used goods also counted in units beside their weight.
COUNTED_ITEMS = ("used_vehicles", "used_monitors_tv")
SOURCE = "財務省「貿易統計」"
SIX_PLACES = Decimal("0.000001")

Measure = Callable[[Totals], Decimal | None]


def tonnes(totals: Totals) -> Decimal:
    return totals.tonnes.quantize(SIX_PLACES)


def units(totals: Totals) -> Decimal:
    return Decimal(totals.count)


def yen_per_tonne(totals: Totals) -> Decimal | None:
    value = totals.unit_value()
    return None if value is None else value.quantize(SIX_PLACES)


@dataclass
class TradeData:
    """What the builders read: item totals, items, and the file of each month."""

    months: ItemMonths
    items: list[TradeItem]
    files: dict[tuple[int, date], str]

    @classmethod
    def as_of(cls, day: date) -> "TradeData":
        return cls(item_months(day), trade_items(), files_by_month(day))

    def slugs(self, indicator: str, category: str | None = None) -> list[str]:
        return [
            i.slug
            for i in self.items
            if i.indicator == indicator and category in (None, i.category)
        ]


@dataclass(frozen=True)
class SeriesSpec:
    key: str
    name_ja: str
    name_en: str
    items: tuple[str, ...]
    method: str
    unit: str = "t"
    measure: Measure = tonnes
    valuation: str = ""
    in_table: bool = False


def build_series(
    trade: TradeData, direction: int, spec: SeriesSpec, order: int
) -> ComputedSeries:
    points = []
    years = trade.months.fiscal_years(direction)
    for fiscal_year, complete in years.items():
        totals = trade.months.fiscal_year_totals(direction, spec.items, fiscal_year)
        value = spec.measure(totals)
        if value is None:
            continue  # no weight traded: a unit value does not exist
        points.append(
            fiscal_year_point(
                fiscal_year,
                value,
                spec.method,
                complete=complete,
                provenance=_provenance(trade, direction, fiscal_year),
            )
        )
    return ComputedSeries(
        key=spec.key,
        name_ja=spec.name_ja,
        name_en=spec.name_en,
        unit=spec.unit,
        points=points,
        valuation=spec.valuation,
        in_table=spec.in_table,
        order=order,
    )


def _provenance(trade: TradeData, direction: int, fiscal_year: int) -> dict[str, Any]:
    months = [date(y, m, 1) for y, m in fiscal_year_months(fiscal_year)]
    files = {
        trade.files[(direction, m)] for m in months if (direction, m) in trade.files
    }
    return {
        "source": SOURCE,
        "months_loaded": sum((direction, m) in trade.files for m in months),
        "files": sorted(files),
    }


def _item_name(item: TradeItem, direction: int, what: str = "量") -> tuple[str, str]:
    ja, en = DIRECTION_NAMES[direction]
    return f"{item.name_ja}の{ja}{what}", f"{en} of {item.name_en or item.slug}"


def _build(
    code: str, trade: TradeData, specs: list[tuple[int, SeriesSpec]]
) -> ComputedIndicator:
    series = [
        build_series(trade, direction, spec, order)
        for order, (direction, spec) in enumerate(specs)
    ]
    return ComputedIndicator(code=code, series=series)


# A


A_METHOD = (
    "Sum of the tonnes of the HS codes classified under the items of "
    "indicator A (circular resources), April to March; {what}."
)


def a_specs(trade: TradeData) -> list[tuple[int, SeriesSpec]]:
    specs = []
    for direction in DIRECTIONS:
        key = DIRECTION_KEYS[direction]
        ja, en = DIRECTION_NAMES[direction]
        specs.append(
            (
                direction,
                SeriesSpec(
                    key,
                    f"循環資源の{ja}量",
                    f"{en} of circular resources",
                    tuple(trade.slugs("A")),
                    A_METHOD.format(what="all items"),
                    in_table=True,
                ),
            )
        )
    for direction in DIRECTIONS:
        specs += [(direction, s) for s in _a_breakdown_specs(trade, direction)]
    return specs


def _a_breakdown_specs(trade: TradeData, direction: int) -> list[SeriesSpec]:
    key = DIRECTION_KEYS[direction]
    ja, en = DIRECTION_NAMES[direction]
    specs = [
        SeriesSpec(
            f"{key}-{category}",
            f"{name_ja}の{ja}量",
            f"{en} of {name_en}",
            tuple(trade.slugs("A", category)),
            A_METHOD.format(what=f"category {category}"),
        )
        for category, (name_ja, name_en) in CATEGORY_NAMES.items()
    ]
    specs += [
        SeriesSpec(
            f"{key}-item-{item.slug}",
            *_item_name(item, direction),
            (item.slug,),
            A_METHOD.format(what=f"item {item.slug}"),
        )
        for item in trade.items
        if item.indicator == "A"
    ]
    return specs


@register("A")
def build_a(as_of: date) -> ComputedIndicator:
    trade = TradeData.as_of(as_of)
    computed = _build("A", trade, a_specs(trade))
    breakdown = {
        DIRECTION_KEYS[d]: _latest_complete(trade, d, CATEGORY_NAMES, "A")
        for d in DIRECTIONS
    }
    return ComputedIndicator("A", computed.series, breakdown)


def _latest_complete(
    trade: TradeData, direction: int, categories: dict[str, Any], indicator: str
) -> dict[str, Any] | None:
    """Tonnes per category in the latest complete fiscal year."""
    complete = [fy for fy, ok in trade.months.fiscal_years(direction).items() if ok]
    if not complete:
        return None
    fiscal_year = max(complete)
    return {
        "fiscal_year": fiscal_year,
        "tonnes": {
            category: json_number(
                tonnes(
                    trade.months.fiscal_year_totals(
                        direction, trade.slugs(indicator, category), fiscal_year
                    )
                )
            )
            for category in categories
        },
    }


# B


B_METHOD = (
    "Sum of the tonnes of {what}, April to March (used clothing, retreaded "
    "tyres and used pneumatic tyres make the headline weight)."
)


def b_specs(trade: TradeData) -> list[tuple[int, SeriesSpec]]:
    specs = []
    for direction in DIRECTIONS:
        ja, en = DIRECTION_NAMES[direction]
        specs.append(
            (
                direction,
                SeriesSpec(
                    DIRECTION_KEYS[direction],
                    f"中古品の{ja}量（中古衣類・更生タイヤ・中古タイヤ）",
                    f"{en} of used clothing, retreaded and used tyres",
                    B_WEIGHT_ITEMS,
                    B_METHOD.format(what=", ".join(B_WEIGHT_ITEMS)),
                    in_table=True,
                ),
            )
        )
    for direction in DIRECTIONS:
        specs += [(direction, s) for s in _b_item_specs(trade, direction)]
    return specs


def _b_item_specs(trade: TradeData, direction: int) -> list[SeriesSpec]:
    key = DIRECTION_KEYS[direction]
    specs = []
    for item in (i for i in trade.items if i.indicator == "B"):
        method = B_METHOD.format(what=item.slug)
        specs.append(
            SeriesSpec(
                f"{key}-item-{item.slug}",
                *_item_name(item, direction),
                (item.slug,),
                method,
            )
        )
        if item.slug in COUNTED_ITEMS:
            ja, en = _item_name(item, direction, what="台数")
            specs.append(
                SeriesSpec(
                    f"{key}-item-{item.slug}-units",
                    ja,
                    f"{en} (units)",
                    (item.slug,),
                    f"Sum of the units of {item.slug}, April to March.",
                    unit="台",
                    measure=units,
                )
            )
    return specs


@register("B")
def build_b(as_of: date) -> ComputedIndicator:
    trade = TradeData.as_of(as_of)
    return _build("B", trade, b_specs(trade))


# C


C_METHOD = (
    "Total value (thousand yen, truncated) x 1000 / total tonnes of item "
    "{item}, April to March; {valuation} values. Export (FOB) and import (CIF) "
    "unit values are on different bases and are never compared."
)


def c_specs(trade: TradeData) -> list[tuple[int, SeriesSpec]]:
    specs = []
    for direction in DIRECTIONS:
        valuation = VALUATION[direction]
        for item in (i for i in trade.items if i.indicator == "A"):
            ja, en = _item_name(item, direction, what="価格")
            specs.append(
                (
                    direction,
                    SeriesSpec(
                        f"{DIRECTION_KEYS[direction]}-{item.slug}",
                        f"{ja}（{valuation}）",
                        f"{en} unit value ({valuation})",
                        (item.slug,),
                        C_METHOD.format(item=item.slug, valuation=valuation),
                        unit="円/t",
                        measure=yen_per_tonne,
                        valuation=valuation,
                    ),
                )
            )
    return specs


@register("C")
def build_c(as_of: date) -> ComputedIndicator:
    trade = TradeData.as_of(as_of)
    return _build("C", trade, c_specs(trade))
