"""Periods of stored series and the axis a chart draws them on.

Pure Python, no Django. Stored periods are written three ways:
``FY2018`` (a fiscal year), ``2018-04`` (a month) and ``2019-06-30`` (a
point in time). A chart of fiscal years or months gets a continuous axis
from the first to the last period found, so a period that was never loaded
stays on the axis as a gap instead of silently disappearing (and is never
drawn as a zero). Points in time have no regular spacing: their axis is
the dates found.
"""

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

FISCAL_YEAR = re.compile(r"^FY(\d{4})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class PeriodKind(StrEnum):
    FISCAL_YEAR = "fiscal-year"
    MONTH = "month"
    DATE = "date"


def period_kind(period: str) -> PeriodKind:
    if FISCAL_YEAR.match(period):
        return PeriodKind.FISCAL_YEAR
    if MONTH.match(period):
        return PeriodKind.MONTH
    if DAY.match(period):
        return PeriodKind.DATE
    raise ValueError(f"not a period: {period!r}")


def period_sort_key(period: str) -> tuple[int, int, int]:
    """Order periods by the day they end, whatever their kind."""
    kind = period_kind(period)
    if kind is PeriodKind.FISCAL_YEAR:
        return (int(period[2:]) + 1, 3, 31)
    if kind is PeriodKind.MONTH:
        return (int(period[:4]), int(period[5:7]), 31)
    day = date.fromisoformat(period)
    return (day.year, day.month, day.day)


def period_axis(periods: Iterable[str]) -> list[str]:
    """Every period a chart shows, gaps included, oldest first."""
    found = sorted(set(periods), key=period_sort_key)
    if not found:
        return []
    kinds = {period_kind(p) for p in found}
    if kinds == {PeriodKind.FISCAL_YEAR}:
        return _fiscal_years(found[0], found[-1])
    if kinds == {PeriodKind.MONTH}:
        return _months(found[0], found[-1])
    return found


def _fiscal_years(first: str, last: str) -> list[str]:
    return [f"FY{year}" for year in range(int(first[2:]), int(last[2:]) + 1)]


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
