"""Trade figures by item and fiscal year: the arithmetic of indicators A-C.

Pure Python. Monthly totals per HS code are mapped to items with the
classification valid in their calendar year, then summed into Japanese
fiscal years (April to March). A month that was not loaded is a gap; a
loaded month without trade in an item counts as zero. A fiscal year is
complete when all twelve of its months are loaded for that direction.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from indicators.fiscal import fiscal_year_months, fiscal_year_of
from indicators.hs_classification import Classifier

THOUSAND = Decimal(1000)
# Figures leave this module with the six decimals a stored series value keeps.
SIX_PLACES = Decimal("0.000001")


@dataclass
class Totals:
    """Summed figures; ``weighed_value`` is the value of the rows with a weight."""

    tonnes: Decimal = Decimal(0)
    count: int = 0
    value: int = 0
    weighed_value: int = 0

    def add(self, other: "Totals") -> None:
        self.tonnes += other.tonnes
        self.count += other.count
        self.value += other.value
        self.weighed_value += other.weighed_value

    def unit_value(self) -> Decimal | None:
        """Yen per tonne to six decimals: values are thousands of yen. None
        without a weight."""
        if self.tonnes <= 0:
            return None
        return (self.weighed_value * THOUSAND / self.tonnes).quantize(SIX_PLACES)


@dataclass(frozen=True)
class CodeMonth:
    """The totals of one HS code in one month and direction."""

    direction: int
    hs_code: str
    month: date
    totals: Totals


@dataclass
class ItemMonths:
    """Monthly totals per (direction, item), and the months loaded."""

    loaded: dict[int, set[date]]
    totals: dict[tuple[int, str], dict[date, Totals]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    def add(self, direction: int, item: str, month: date, totals: Totals) -> None:
        by_month = self.totals[(direction, item)]
        by_month.setdefault(month, Totals()).add(totals)

    def fiscal_years(self, direction: int) -> dict[int, bool]:
        """Each fiscal year with a loaded month, and whether all 12 are loaded."""
        return fiscal_years_of(self.loaded.get(direction, set()))

    def fiscal_year_totals(
        self, direction: int, items: Iterable[str], fiscal_year: int
    ) -> Totals:
        summed = Totals()
        months = [date(y, m, 1) for y, m in fiscal_year_months(fiscal_year)]
        for item in items:
            by_month = self.totals.get((direction, item), {})
            for month in months:
                if month in by_month:
                    summed.add(by_month[month])
        return summed


def fiscal_years_of(loaded: set[date]) -> dict[int, bool]:
    years = sorted({fiscal_year_of(month) for month in loaded})
    return {
        year: all(date(y, m, 1) in loaded for y, m in fiscal_year_months(year))
        for year in years
    }


def by_item(
    code_months: Iterable[CodeMonth],
    classifier: Classifier,
    loaded: dict[int, set[date]],
) -> ItemMonths:
    """Map each code's monthly totals to its item in that calendar year."""
    result = ItemMonths(loaded=loaded)
    for row in code_months:
        item = classifier.item_for(row.hs_code, row.month.year)
        if item is not None:
            result.add(row.direction, item, row.month, row.totals)
    return result


# Partners: the same figures split by partner country.

Period = int | date  # a fiscal year, or the first day of a month


@dataclass(frozen=True)
class CodePartnerFigure:
    """Totals of one HS code with one partner country over one period.

    ``year`` is the calendar year whose classification applies: a fiscal
    year is read as its April-December and January-March halves, as an
    HS revision takes effect on 1 January.
    """

    direction: int
    hs_code: str
    country: str  # ISO alpha-2, "" for a partner without one
    year: int
    period: Period
    totals: Totals


# (direction, item) -> country -> period -> totals
PartnerTotals = dict[tuple[int, str], dict[str, dict[Period, Totals]]]


def by_item_and_partner(
    figures: Iterable[CodePartnerFigure], classifier: Classifier
) -> PartnerTotals:
    """Each code's figures summed per item, partner country and period."""
    result: PartnerTotals = defaultdict(lambda: defaultdict(dict))
    for figure in figures:
        item = classifier.item_for(figure.hs_code, figure.year)
        if item is None:
            continue
        by_period = result[(figure.direction, item)][figure.country]
        by_period.setdefault(figure.period, Totals()).add(figure.totals)
    return result
