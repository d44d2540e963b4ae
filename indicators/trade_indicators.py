"""Series builders of indicators A, B and C from the loaded customs rows.

Keys follow the convention of ``indicators/charts.py`` (see
``indicators/trade_keys.py`` for the segments):

- A: tonnes of circular resources exported and imported per fiscal year.
  ``export`` and ``import`` go in the assessment table; ``export--<category>``,
  ``export--<category>--<item>`` and, for each item, its largest partners
  ``export--<category>--<item>--<country>`` plus ``other`` only on the page
  (the same with ``import``). Plastics waste and waste paper are also
  stored by month for the last five years, with their largest partners
  (``export-monthly--...``): China's import ban from January 2018 shows
  there.
- B: tonnes of used clothing + retreaded tyres + used pneumatic tyres per
  fiscal year and direction in the table, each kind beside it; used
  vehicles and used monitors/televisions in units, exports only (their
  mapped codes are export statistical codes), vehicles by partner.
- C: unit value in yen per tonne per item, direction and fiscal year
  (total value x 1000 / total tonnes). Exports are FOB and imports CIF, so
  each series carries its valuation and none goes in the table: C has no
  headline value.

A fiscal year with a month not loaded is kept as an incomplete point
without a position: it is never the latest value nor a point of a trend.
Each point's provenance names the months it sums and the ids of the
trade files they were loaded from.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from indicators.computed import (
    ComputedIndicator,
    ComputedSeries,
    Point,
    fiscal_year_point,
    register,
)
from indicators.customs_layouts import EXPORT, IMPORT, VALUATION
from indicators.fiscal import fiscal_year_months
from indicators.models import TradeItem
from indicators.numbers import json_number
from indicators.trade_figures import (
    SIX_PLACES,
    ItemMonths,
    PartnerTotals,
    Period,
    Totals,
    by_item_and_partner,
)
from indicators.trade_keys import (
    DIRECTION_KEYS,
    item_path,
    item_segment,
    series_key,
)
from indicators.trade_partners import (
    TOP_PARTNERS,
    PartnerSeriesSpec,
    partner_series,
    period_series,
    summed,
)
from indicators.trade_series import (
    SourceFile,
    country_names,
    files_by_month,
    item_months,
    month_end,
    partner_fiscal_years,
    partner_months,
    trade_items,
)
from indicators.trade_store import load_classifier

logger = logging.getLogger(__name__)

DIRECTIONS = (EXPORT, IMPORT)
DIRECTION_NAMES = {EXPORT: ("輸出", "Exports"), IMPORT: ("輸入", "Imports")}
CATEGORY_NAMES = {
    "biomass": ("バイオマス", "Biomass"),
    "metals": ("金属", "Metals"),
    "non_metallic_minerals": ("非金属鉱物", "Non-metallic minerals"),
    "fossil": ("化石系", "Fossil-based"),
    "other": ("その他", "Other"),
}
# B's headline weight, as the review document sums it.
B_WEIGHT_ITEMS = ("used_clothing", "retreaded_tyres", "used_pneumatic_tyres")
# Used goods counted in units (exports only), and those drawn by partner.
COUNTED_ITEMS = ("used_vehicles", "used_monitors_tv")
COUNTED_BY_PARTNER = ("used_vehicles",)
# Items of A stored by month, and how many years back from the latest month.
MONTHLY_ITEMS = ("plastics_waste", "waste_paper")
MONTHLY_YEARS = 5
SOURCE = "財務省「貿易統計」"

Measure = Callable[[Totals], Decimal | None]


def tonnes(totals: Totals) -> Decimal:
    return totals.tonnes.quantize(SIX_PLACES)


def units(totals: Totals) -> Decimal:
    return Decimal(totals.count)


@dataclass
class TradeData:
    """What the builders read: item totals, items, the file of each month,
    and (for A and B) the figures by partner country."""

    months: ItemMonths
    items: list[TradeItem]
    files: dict[tuple[int, date], SourceFile]
    partners: PartnerTotals = field(default_factory=dict)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    _provenance: dict[tuple[int, Period], dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def as_of(
        cls, day: date, *, by_partner: bool = False, indicator: str = ""
    ) -> "TradeData":
        """The figures by ``day``; with ``indicator``, only its items' codes."""
        classifier = load_classifier()
        months = item_months(day, classifier, indicator)
        trade = cls(months, trade_items(), files_by_month(day))
        if by_partner:
            figures = partner_fiscal_years(day, indicator)
            trade.partners = by_item_and_partner(figures, classifier)
            trade.names = country_names()
        return trade

    def slugs(self, indicator: str, category: str | None = None) -> list[str]:
        return [
            i.slug
            for i in self.items
            if i.indicator == indicator and category in (None, i.category)
        ]

    def item(self, slug: str) -> TradeItem | None:
        return next((i for i in self.items if i.slug == slug), None)

    def provenance(self, direction: int, period: Period) -> dict[str, Any]:
        """The months a point sums and the files they came from (shared by
        every series of the direction and period)."""
        key = (direction, period)
        if key not in self._provenance:
            self._provenance[key] = self._sources(direction, _months_of(period))
        return self._provenance[key]

    def _sources(self, direction: int, months: list[date]) -> dict[str, Any]:
        loaded = [m for m in months if (direction, m) in self.files]
        files = sorted({self.files[(direction, m)] for m in loaded}, key=lambda f: f.id)
        return {
            "source": SOURCE,
            "trade": {
                "direction": DIRECTION_KEYS[direction],
                "months": [f"{m:%Y-%m}" for m in loaded],
                "files": [f.id for f in files],
            },
            "files": [f.name for f in files],
        }


def _months_of(period: Period) -> list[date]:
    if isinstance(period, date):
        return [period]
    return [date(y, m, 1) for y, m in fiscal_year_months(period)]


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
                provenance=trade.provenance(direction, fiscal_year),
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


def _build(
    trade: TradeData, specs: list[tuple[int, SeriesSpec]]
) -> list[ComputedSeries]:
    return [
        build_series(trade, direction, spec, order)
        for order, (direction, spec) in enumerate(specs)
    ]


def _item_name(item: TradeItem) -> tuple[str, str]:
    return item.name_ja, item.name_en or item.slug


def _fiscal_year_point(
    trade: TradeData, direction: int, method: str
) -> Callable[[Period, Decimal], Point]:
    """Makes the points of a partner series: one per loaded fiscal year."""
    years = trade.months.fiscal_years(direction)

    def point(period: Period, value: Decimal) -> Point:
        assert isinstance(period, int)
        return fiscal_year_point(
            period,
            value,
            method,
            complete=years[period],
            provenance=trade.provenance(direction, period),
        )

    return point


def _partner_spec(
    trade: TradeData,
    direction: int,
    key_prefix: str,
    method: str,
    order: int,
    *,
    unit: str = "t",
    measure: Callable[[Totals], Decimal] = tonnes,
) -> PartnerSeriesSpec:
    years = list(trade.months.fiscal_years(direction))
    point = _fiscal_year_point(trade, direction, method)
    return PartnerSeriesSpec(key_prefix, unit, measure, years, point, order)


def _by_partner(
    trade: TradeData, direction: int, item: str, spec: PartnerSeriesSpec
) -> list[ComputedSeries]:
    by_country = trade.partners.get((direction, item), {})
    return partner_series(by_country, trade.names, spec)


# A


A_METHOD = (
    "Sum of the tonnes of the HS codes classified under the items of "
    "indicator A (circular resources), April to March; {what}."
)
A_PARTNER_METHOD = (
    "Sum of the tonnes of item {item} traded with the partner, April to March; "
    "partners beyond the largest {top} (or without an ISO code) are summed "
    "as other countries."
)


def a_specs(trade: TradeData) -> list[tuple[int, SeriesSpec]]:
    specs = []
    for direction in DIRECTIONS:
        ja, en = DIRECTION_NAMES[direction]
        specs.append(
            (
                direction,
                SeriesSpec(
                    DIRECTION_KEYS[direction],
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
    specs = [
        SeriesSpec(
            series_key(direction, item_path(category, "")[0]),
            name_ja,
            name_en,
            tuple(trade.slugs("A", category)),
            A_METHOD.format(what=f"category {category}"),
        )
        for category, (name_ja, name_en) in CATEGORY_NAMES.items()
    ]
    specs += [
        SeriesSpec(
            series_key(direction, *item_path(item.category, item.slug)),
            *_item_name(item),
            (item.slug,),
            A_METHOD.format(what=f"item {item.slug}"),
        )
        for item in _largest_first(trade, direction, "A")
    ]
    return specs


def _largest_first(trade: TradeData, direction: int, indicator: str) -> list[TradeItem]:
    """The items by tonnes in the latest complete fiscal year, largest first:
    the order of stacked bars and of the list a reader chooses an item from."""
    complete = [fy for fy, ok in trade.months.fiscal_years(direction).items() if ok]
    items = [i for i in trade.items if i.indicator == indicator]
    if not complete:
        return items
    latest = max(complete)

    def weight(item: TradeItem) -> Decimal:
        return trade.months.fiscal_year_totals(direction, [item.slug], latest).tonnes

    return sorted(items, key=lambda item: -weight(item))


def a_partner_series(trade: TradeData) -> list[ComputedSeries]:
    series = []
    for direction in DIRECTIONS:
        for rank, item in enumerate(i for i in trade.items if i.indicator == "A"):
            prefix = series_key(direction, *item_path(item.category, item.slug))
            method = A_PARTNER_METHOD.format(item=item.slug, top=TOP_PARTNERS)
            spec = _partner_spec(trade, direction, prefix, method, 1000 + 10 * rank)
            series += _by_partner(trade, direction, item.slug, spec)
    return series


@register("A")
def build_a(as_of: date) -> ComputedIndicator:
    started = time.monotonic()
    trade = TradeData.as_of(as_of, by_partner=True)
    series = _build(trade, a_specs(trade))
    series += a_partner_series(trade)
    series += monthly_series(trade, as_of)
    breakdown = {
        DIRECTION_KEYS[d]: _latest_complete(trade, d, CATEGORY_NAMES, "A")
        for d in DIRECTIONS
    }
    logger.info(
        "indicator A: %d series, %d values in %.2f s",
        len(series),
        sum(len(s.points) for s in series),
        time.monotonic() - started,
    )
    return ComputedIndicator("A", series, breakdown)


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


# A by month


MONTHLY_METHOD = "Sum of the tonnes of item {item} exported in the month{partner}."


def monthly_series(trade: TradeData, as_of: date) -> list[ComputedSeries]:
    """Exports of the monthly items over the last years, by partner."""
    loaded = sorted(trade.months.loaded.get(EXPORT, set()))
    if not loaded:
        return []
    first = _months_back(loaded[-1], MONTHLY_YEARS)
    months = [m for m in loaded if m >= first]
    figures = by_item_and_partner(
        partner_months(as_of, EXPORT, first), load_classifier()
    )
    series = []
    for rank, slug in enumerate(MONTHLY_ITEMS):
        item = trade.item(slug)
        if item is not None:
            series += _monthly_item(trade, item, months, figures, 900 + 10 * rank)
    return series


def _months_back(last: date, years: int) -> date:
    """The first of ``years`` x 12 months ending with ``last``."""
    index = last.year * 12 + last.month - 1 - (years * 12 - 1)
    return date(index // 12, index % 12 + 1, 1)


def _monthly_item(
    trade: TradeData,
    item: TradeItem,
    months: list[date],
    figures: PartnerTotals,
    order: int,
) -> list[ComputedSeries]:
    key = series_key(EXPORT, *item_path(item.category, item.slug), monthly=True)

    def point_maker(partner: str) -> Callable[[Period, Decimal], Point]:
        method = MONTHLY_METHOD.format(item=item.slug, partner=partner)

        def point(period: Period, value: Decimal) -> Point:
            assert isinstance(period, date)
            return Point(
                period=f"{period:%Y-%m}",
                period_end=month_end(period),
                value=value,
                method=method,
                provenance=trade.provenance(EXPORT, period),
            )

        return point

    by_country = figures.get((EXPORT, item.slug), {})
    total = PartnerSeriesSpec(key, "t", tonnes, list(months), point_maker(""), order)
    partners = PartnerSeriesSpec(
        key, "t", tonnes, list(months), point_maker(" with the partner"), order + 1
    )
    everyone = summed(by_country.values())
    return [
        period_series(key, _item_name(item), total, everyone, order),
        *partner_series(by_country, trade.names, partners),
    ]


# B


B_METHOD = (
    "Sum of the tonnes of {what}, April to March (used clothing, retreaded "
    "tyres and used pneumatic tyres make the headline weight)."
)
UNITS_METHOD = "Sum of the units of {item} exported, April to March{partner}."


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
        specs += [(direction, s) for s in _b_weight_specs(trade, direction)]
    specs += [(EXPORT, s) for s in _b_counted_specs(trade)]
    return specs


def _b_weight_specs(trade: TradeData, direction: int) -> list[SeriesSpec]:
    return [
        SeriesSpec(
            series_key(direction, item_segment(item.slug)),
            *_item_name(item),
            (item.slug,),
            B_METHOD.format(what=item.slug),
        )
        for item in trade.items
        if item.slug in B_WEIGHT_ITEMS
    ]


def _b_counted_specs(trade: TradeData) -> list[SeriesSpec]:
    return [
        SeriesSpec(
            series_key(EXPORT, item_segment(item.slug)),
            *_item_name(item),
            (item.slug,),
            UNITS_METHOD.format(item=item.slug, partner=""),
            unit="units",
            measure=units,
        )
        for item in trade.items
        if item.slug in COUNTED_ITEMS
    ]


def b_partner_series(trade: TradeData) -> list[ComputedSeries]:
    series = []
    for rank, slug in enumerate(COUNTED_BY_PARTNER):
        prefix = series_key(EXPORT, item_segment(slug))
        method = UNITS_METHOD.format(item=slug, partner=" with the partner")
        spec = _partner_spec(
            trade, EXPORT, prefix, method, 100 + 10 * rank, unit="units", measure=units
        )
        series += _by_partner(trade, EXPORT, slug, spec)
    return series


@register("B")
def build_b(as_of: date) -> ComputedIndicator:
    trade = TradeData.as_of(as_of, by_partner=True, indicator="B")
    return ComputedIndicator(
        "B", _build(trade, b_specs(trade)) + b_partner_series(trade)
    )


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
            specs.append(
                (
                    direction,
                    SeriesSpec(
                        series_key(direction, *item_path(item.category, item.slug)),
                        *_item_name(item),
                        (item.slug,),
                        C_METHOD.format(item=item.slug, valuation=valuation),
                        unit="yen/t",
                        measure=Totals.unit_value,
                        valuation=valuation,
                    ),
                )
            )
    return specs


@register("C")
def build_c(as_of: date) -> ComputedIndicator:
    trade = TradeData.as_of(as_of)
    return ComputedIndicator("C", _build(trade, c_specs(trade)))
