"""The assessment method: long-term and short-term trend of a series.

Pure Python, no Django. A series is a mapping from an integer period (the
fiscal year, or for a point-in-time count the year of the same calendar
date) to an observed value. All arithmetic is exact (``Fraction``), so a
change of exactly 10 % is never counted as flat through rounding.

Choices the source document leaves open, fixed here and versioned by
``Method.version``:

- the long-term relative change is the fitted slope times the span from the
  base year to the latest period, measured against the observed base-year
  value (not a fitted one);
- the projection towards a target starts at the observed latest value;
- when the base (or previous) value is zero the relative change is
  undefined and the direction follows the sign of the slope (or change);
- a colour is given only when the indicator has both a target and a
  desired direction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

Number = int | Decimal | Fraction


class Trend(StrEnum):
    UP = "up"
    FLAT = "flat"
    DOWN = "down"


class Colour(StrEnum):
    BLUE = "blue"
    RED = "red"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    NONE = "none"


@dataclass(frozen=True)
class Method:
    """Parameters of the method; changing any of them is a new version."""

    version: str = "2026.1"
    base_year: int = 2000
    long_term_flat_below: Fraction = Fraction(10, 100)
    short_term_flat_below: Fraction = Fraction(1, 100)
    short_term_window: int = 3


DEFAULT_METHOD = Method()


@dataclass(frozen=True)
class Target:
    value: Fraction
    year: int


@dataclass(frozen=True)
class TrendResult:
    """One assessed trend; ``trend`` is None when the series cannot be assessed."""

    trend: Trend | None = None
    colour: Colour | None = None
    relative_change: Fraction | None = None
    slope: Fraction | None = None
    projection: Fraction | None = None

    @property
    def assessed(self) -> bool:
        return self.trend is not None


NOT_ASSESSED = TrendResult()


def least_squares_slope(points: Mapping[int, Fraction]) -> Fraction:
    """Slope b of the ordinary least-squares line y = a + b·t."""
    if len(points) < 2:
        raise ValueError("a slope needs at least two points")
    n = len(points)
    mean_t = Fraction(sum(points), n)
    mean_y = sum(points.values(), Fraction(0)) / n
    spread = sum(((t - mean_t) ** 2 for t in points), Fraction(0))
    covariance = sum(
        ((t - mean_t) * (y - mean_y) for t, y in points.items()), Fraction(0)
    )
    return covariance / spread


def long_term_trend(
    values: Mapping[int, Number],
    *,
    target: Target | None = None,
    desired: Direction = Direction.NONE,
    method: Method = DEFAULT_METHOD,
    base_year: int | None = None,
) -> TrendResult:
    """Direction of the regression line from the base year to the latest value."""
    series = _exact(values)
    base = method.base_year if base_year is None else base_year
    if not series or base not in series:
        return NOT_ASSESSED
    latest = max(series)
    window = {t: y for t, y in series.items() if base <= t <= latest}
    if len(window) < 2:
        return NOT_ASSESSED

    slope = least_squares_slope(window)
    change = _relative(slope * (latest - base), series[base])
    trend = _classify(change, slope, method.long_term_flat_below)
    projection = _project(series[latest], slope, latest, target)
    return TrendResult(
        trend=trend,
        colour=_colour(projection, target, desired),
        relative_change=change,
        slope=slope,
        projection=projection,
    )


def short_term_trend(
    values: Mapping[int, Number],
    *,
    target: Target | None = None,
    desired: Direction = Direction.NONE,
    method: Method = DEFAULT_METHOD,
) -> TrendResult:
    """Change from the previous period; colour from the last few periods' slope."""
    series = _exact(values)
    if not series:
        return NOT_ASSESSED
    latest = max(series)
    if latest - 1 not in series:
        return NOT_ASSESSED

    step = series[latest] - series[latest - 1]
    change = _relative(step, series[latest - 1])
    trend = _classify(change, step, method.short_term_flat_below)

    first = latest - method.short_term_window + 1
    recent = {t: y for t, y in series.items() if first <= t <= latest}
    slope = least_squares_slope(recent)
    projection = _project(series[latest], slope, latest, target)
    return TrendResult(
        trend=trend,
        colour=_colour(projection, target, desired),
        relative_change=change,
        slope=slope,
        projection=projection,
    )


def _exact(values: Mapping[int, Number]) -> dict[int, Fraction]:
    return {int(t): Fraction(v) for t, v in values.items()}


def _relative(change: Fraction, reference: Fraction) -> Fraction | None:
    """Change relative to |reference|; None when the reference is zero."""
    if reference == 0:
        return None
    return change / abs(reference)


def _classify(
    change: Fraction | None, sign_of: Fraction, flat_below: Fraction
) -> Trend:
    if change is not None and abs(change) < flat_below:
        return Trend.FLAT
    if sign_of > 0:
        return Trend.UP
    if sign_of < 0:
        return Trend.DOWN
    return Trend.FLAT


def _project(
    latest_value: Fraction, slope: Fraction, latest: int, target: Target | None
) -> Fraction | None:
    if target is None:
        return None
    if latest >= target.year:
        return latest_value
    return latest_value + slope * (target.year - latest)


def _colour(
    projection: Fraction | None, target: Target | None, desired: Direction
) -> Colour | None:
    if projection is None or target is None or desired is Direction.NONE:
        return None
    if desired is Direction.UP:
        reaches = projection >= target.value
    else:
        reaches = projection <= target.value
    return Colour.BLUE if reaches else Colour.RED
