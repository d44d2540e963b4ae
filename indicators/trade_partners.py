"""Partner-country and monthly series of indicators A and B.

Pure Python. An item's partners are ranked by what they took over all the
periods shown; the largest few get a series each and the rest (with the
partners that have no ISO code) are summed into one ``other`` series, so
the number of stored series stays small whatever the number of partners.
Every loaded period gets a value: zero where a partner had no trade.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from indicators.computed import ComputedSeries, Point
from indicators.trade_figures import Period, Totals
from indicators.trade_keys import OTHER_NAMES, country_segment

TOP_PARTNERS = 5

Measure = Callable[[Totals], Decimal]
ByPeriod = dict[Period, Totals]
PointMaker = Callable[[Period, Decimal], Point]


@dataclass(frozen=True)
class PartnerSeriesSpec:
    """What the partner series of one item share: key, unit and points."""

    key_prefix: str
    unit: str
    measure: Measure
    periods: Sequence[Period]
    point: PointMaker
    order: int


def top_partners(
    by_country: dict[str, ByPeriod], measure: Measure, count: int = TOP_PARTNERS
) -> list[str]:
    """The ISO codes of the largest partners over all periods, largest first."""
    sums = {
        country: sum((measure(t) for t in by_period.values()), Decimal(0))
        for country, by_period in by_country.items()
        if country
    }
    ranked = sorted((c for c, s in sums.items() if s > 0), key=lambda c: (-sums[c], c))
    return ranked[:count]


def summed(periods: Iterable[ByPeriod]) -> ByPeriod:
    total: ByPeriod = {}
    for by_period in periods:
        for period, totals in by_period.items():
            total.setdefault(period, Totals()).add(totals)
    return total


def partner_series(
    by_country: dict[str, ByPeriod],
    names: dict[str, tuple[str, str]],
    spec: PartnerSeriesSpec,
) -> list[ComputedSeries]:
    """One series per top partner, then ``other`` if anything is left."""
    top = top_partners(by_country, spec.measure)
    rest = summed(v for c, v in by_country.items() if c not in top)
    members: list[tuple[str, tuple[str, str], ByPeriod]] = [
        (c, names.get(c, (c.upper(), c.upper())), by_country[c]) for c in top
    ]
    if any(spec.measure(t) > 0 for t in rest.values()):
        members.append(("", OTHER_NAMES, rest))
    return [
        period_series(
            f"{spec.key_prefix}--{country_segment(country)}",
            name,
            spec,
            by_period,
            spec.order + rank,
        )
        for rank, (country, name, by_period) in enumerate(members)
    ]


def period_series(
    key: str,
    name: tuple[str, str],
    spec: PartnerSeriesSpec,
    by_period: ByPeriod,
    order: int,
) -> ComputedSeries:
    """A series with a value for every period of ``spec``, zero if no trade."""
    points = [
        spec.point(period, spec.measure(by_period.get(period, Totals())))
        for period in spec.periods
    ]
    return ComputedSeries(
        key=key,
        name_ja=name[0],
        name_en=name[1],
        unit=spec.unit,
        points=points,
        in_table=False,
        order=order,
    )
