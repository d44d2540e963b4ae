"""Japanese fiscal years: April of year N to March of year N+1 is FY N."""

from datetime import date


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(fiscal_year: int) -> date:
    return date(fiscal_year, 4, 1)


def fiscal_year_end(fiscal_year: int) -> date:
    return date(fiscal_year + 1, 3, 31)


def last_ended_fiscal_year(as_of: date) -> int:
    """The latest fiscal year whose last day is on or before ``as_of``."""
    fiscal_year = fiscal_year_of(as_of)
    if as_of < fiscal_year_end(fiscal_year):
        fiscal_year -= 1
    return fiscal_year


def fiscal_year_months(fiscal_year: int) -> list[tuple[int, int]]:
    """The twelve (year, month) pairs of a fiscal year, April first."""
    return [
        (fiscal_year + (month < 4), month)
        for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
    ]


def same_day_years_earlier(day: date, years: int) -> date:
    """The same calendar date ``years`` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
