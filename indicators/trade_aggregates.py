"""Trade aggregates for the API: items' totals per fiscal year or month.

Pure Python over ``ItemMonths`` (the monthly totals per direction and item
that the A-C builders read). Each record carries its quantity and unit
(tonnes, or units for the used goods counted by number), its value in
thousands of yen and its valuation basis: exports are valued FOB, imports
CIF, so export and import values are never summed together.

Grouped by category or indicator, only items weighed in tonnes are summed:
a count of vehicles cannot be added to tonnes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from indicators.customs_layouts import EXPORT, IMPORT, VALUATION
from indicators.fiscal import fiscal_year_of
from indicators.trade_figures import SIX_PLACES, ItemMonths, Totals

DIRECTION_NAMES = {EXPORT: "export", IMPORT: "import"}
# Used goods the statistics count by number (exports only).
COUNTED_ITEMS = frozenset({"used_vehicles", "used_monitors_tv"})
TONNES, UNITS = "t", "units"
VALUE_UNIT = "thousand yen"


@dataclass(frozen=True)
class ItemInfo:
    slug: str
    category: str
    indicator: str


@dataclass(frozen=True)
class Group:
    """What a record sums: one item, a category's or an indicator's items."""

    indicator: str
    category: str | None
    item: str | None
    slugs: tuple[str, ...]

    @property
    def unit(self) -> str:
        return UNITS if self.item in COUNTED_ITEMS else TONNES


@dataclass(frozen=True)
class Aggregate:
    period: str
    fiscal_year: int
    month: date | None
    complete: bool
    direction: str
    group: Group
    totals: Totals
    valuation: str

    @property
    def quantity(self) -> Decimal:
        if self.group.unit == UNITS:
            return Decimal(self.totals.count)
        return self.totals.tonnes.quantize(SIX_PLACES)


def groups(items: Iterable[ItemInfo], by: str) -> list[Group]:
    """The groups of ``by`` (``item``, ``category`` or ``indicator``), in order."""
    items = list(items)
    if by == "item":
        return [Group(i.indicator, i.category, i.slug, (i.slug,)) for i in items]
    weighed = [i for i in items if i.slug not in COUNTED_ITEMS]
    found: dict[tuple[str, str | None], list[str]] = {}
    for i in weighed:
        key = (i.indicator, i.category if by == "category" else None)
        found.setdefault(key, []).append(i.slug)
    return [Group(k[0], k[1], None, tuple(s)) for k, s in found.items()]


def fiscal_year_aggregates(
    months: ItemMonths, group_list: list[Group], direction: int
) -> list[Aggregate]:
    records = []
    for year, complete in months.fiscal_years(direction).items():
        for group in group_list:
            totals = months.fiscal_year_totals(direction, group.slugs, year)
            records.append(
                _aggregate(f"FY{year}", year, None, complete, direction, group, totals)
            )
    return records


def month_aggregates(
    months: ItemMonths, group_list: list[Group], direction: int
) -> list[Aggregate]:
    records = []
    for month in sorted(months.loaded.get(direction, set())):
        for group in group_list:
            totals = _month_totals(months, direction, group.slugs, month)
            year = fiscal_year_of(month)
            period = f"{month:%Y-%m}"
            records.append(
                _aggregate(period, year, month, True, direction, group, totals)
            )
    return records


def _month_totals(
    months: ItemMonths, direction: int, slugs: Iterable[str], month: date
) -> Totals:
    # A loaded month without trade in an item counts as zero.
    summed = Totals()
    for slug in slugs:
        found = months.totals.get((direction, slug), {}).get(month)
        if found is not None:
            summed.add(found)
    return summed


def _aggregate(
    period: str,
    fiscal_year: int,
    month: date | None,
    complete: bool,
    direction: int,
    group: Group,
    totals: Totals,
) -> Aggregate:
    return Aggregate(
        period=period,
        fiscal_year=fiscal_year,
        month=month,
        complete=complete,
        direction=DIRECTION_NAMES[direction],
        group=group,
        totals=totals,
        valuation=VALUATION[direction],
    )
