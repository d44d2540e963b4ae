"""What an indicator's series builder returns, and the registry of builders.

Each area (cooperation registry, projects, trade, municipal survey)
registers one builder per indicator code. A builder reads record-level data
as it stood on the as-of date and returns every series of its indicator,
each point carrying the method and sources it was computed from.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Point:
    period: str
    period_end: date
    value: Decimal
    method: str
    fiscal_year: int | None = None
    position: int | None = None
    complete: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ComputedSeries:
    key: str
    name_ja: str
    name_en: str
    unit: str
    points: list[Point]
    valuation: str = ""
    in_table: bool = True
    order: int = 0

    def assessed_values(self) -> dict[int, Decimal]:
        """The values the assessment sees, by position."""
        return {p.position: p.value for p in self.points if p.position is not None}

    def latest_point(self) -> Point | None:
        """The value of the latest assessed period."""
        assessed = [p for p in self.points if p.position is not None]
        return max(assessed, key=lambda p: p.position or 0, default=None)


@dataclass(frozen=True)
class ComputedIndicator:
    code: str
    series: list[ComputedSeries]
    breakdown: dict[str, Any] | None = None


Builder = Callable[[date], ComputedIndicator]
_BUILDERS: dict[str, Builder] = {}


def register(code: str) -> Callable[[Builder], Builder]:
    def decorate(builder: Builder) -> Builder:
        _BUILDERS[code] = builder
        return builder

    return decorate


def compute_indicator(code: str, as_of: date) -> ComputedIndicator:
    """Run the registered builder, or return no series for an unbuilt indicator."""
    builder = _BUILDERS.get(code)
    if builder is None:
        return ComputedIndicator(code=code, series=[])
    return builder(as_of)


def fiscal_year_point(
    fiscal_year: int, value: Decimal, method: str, **extra: Any
) -> Point:
    """A point for a whole fiscal year (April to March), assessed by its year."""
    complete = extra.pop("complete", True)
    return Point(
        period=f"FY{fiscal_year}",
        period_end=date(fiscal_year + 1, 3, 31),
        value=value,
        method=method,
        fiscal_year=fiscal_year,
        position=fiscal_year if complete else None,
        complete=complete,
        **extra,
    )
