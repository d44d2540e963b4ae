"""Series builders of D (cooperation registry) and E (overseas-expansion projects).

Each reads the records as they stood on the as-of date, hands them to the
rules in ``indicators.cooperation`` and ``indicators.expansion``, and
returns the series the recompute stores and the assessment table shows.
"""

import logging
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
from indicators.cooperation import CountPoint, Spell, breakdown, count_series
from indicators.expansion import CountedYears, YearTally, counting_rule, tally_by_year
from indicators.fiscal import fiscal_year_of, last_ended_fiscal_year
from indicators.models import ApplicationCount, Membership, Programme, Project
from indicators.numbers import json_number

logger = logging.getLogger(__name__)

# Names (Japanese, English) of E's series.
SELECTED_NAMES = ("採択件数", "Selected projects")
APPLICATIONS_NAMES = ("応募件数", "Applications")
RATE_NAMES = ("採択率（%）", "Selection rate (%)")

COUNTRIES_METHOD = (
    "distinct countries with an MOU, JCM or ACCP membership in force on the "
    "date (start and end dates included)"
)


@register("D")
def build_cooperation_countries(as_of: date) -> ComputedIndicator:
    spells = membership_spells(as_of)
    points = count_series(spells, as_of)
    logger.debug(
        "D as of %s: %d memberships, %d points", as_of, len(spells), len(points)
    )
    if not points:
        return ComputedIndicator(code="D", series=[])
    series = ComputedSeries(
        key="countries",
        name_ja="覚書締結等を行った国の数",
        name_en="Countries with a memorandum, JCM or ACCP membership",
        unit="countries",
        points=[_country_point(p) for p in points],
    )
    return ComputedIndicator(
        code="D", series=[series], breakdown=breakdown(spells, as_of)
    )


@register("E")
def build_expansion_projects(as_of: date) -> ComputedIndicator:
    programmes = counted_years()
    tallies = [
        tally
        for year, tally in tally_by_year(
            programmes, project_selections(), application_numbers()
        ).items()
        if year <= fiscal_year_of(as_of)
    ]
    logger.debug("E as of %s: %d fiscal years", as_of, len(tallies))
    if not tallies:
        return ComputedIndicator(code="E", series=[])

    last_ended = last_ended_fiscal_year(as_of)
    method = counting_rule(programmes)
    return ComputedIndicator(
        code="E",
        series=_expansion_series(tallies, last_ended, method),
        breakdown=_latest_year_breakdown(tallies, last_ended),
    )


def membership_spells(as_of: date) -> list[Spell]:
    """Every membership that had begun by ``as_of``."""
    rows = Membership.objects.filter(joined_on__lte=as_of).values_list(
        "country__alpha2", "framework", "joined_on", "left_on"
    )
    return [Spell(*row) for row in rows]


def counted_years() -> list[CountedYears]:
    rows = Programme.objects.values_list("code", "counted_from", "counted_until")
    return [CountedYears(*row) for row in rows]


def project_selections() -> list[tuple[str, int]]:
    return list(Project.objects.values_list("programme__code", "fiscal_year"))


def application_numbers() -> list[tuple[str, int, int]]:
    return list(
        ApplicationCount.objects.values_list(
            "programme__code", "fiscal_year", "applications"
        )
    )


def _country_point(point: CountPoint) -> Point:
    return Point(
        period=point.day.isoformat(),
        period_end=point.day,
        value=Decimal(point.countries),
        method=COUNTRIES_METHOD,
        fiscal_year=point.fiscal_year,
        position=point.position,
        provenance={"in_force": point.by_framework},
    )


def _expansion_series(
    tallies: list[YearTally], last_ended: int, method: str
) -> list[ComputedSeries]:
    """E's selected projects, and beside it (not in the table) the applications
    and the selection rate."""
    selected, applied, rates = [], [], []
    for tally in tallies:
        selected.append(_year_point(tally, tally.total_selected, method, last_ended))
        if tally.total_applications is not None:
            applications = tally.total_applications
            applied.append(_year_point(tally, applications, method, last_ended))
        if tally.selection_rate is not None:
            rates.append(_year_point(tally, tally.selection_rate, method, last_ended))

    def beside(
        key: str, names: tuple[str, str], unit: str, points: list[Point]
    ) -> ComputedSeries:
        return ComputedSeries(key, *names, unit, points, in_table=False, order=1)

    return [
        ComputedSeries("selected-projects", *SELECTED_NAMES, "projects", selected),
        beside("applications", APPLICATIONS_NAMES, "applications", applied),
        beside("selection-rate", RATE_NAMES, "%", rates),
    ]


def _year_point(
    tally: YearTally, value: int | Decimal, method: str, last_ended: int
) -> Point:
    return fiscal_year_point(
        tally.fiscal_year,
        Decimal(value),
        method,
        complete=tally.fiscal_year <= last_ended,
        provenance={"selected": tally.selected, "applications": tally.applications},
    )


def _latest_year_breakdown(
    tallies: list[YearTally], last_ended: int
) -> dict[str, Any] | None:
    """The latest ended fiscal year by programme, as the table shows beside E."""
    ended = [t for t in tallies if t.fiscal_year <= last_ended]
    if not ended:
        return None
    latest = ended[-1]
    rate = latest.selection_rate
    return {
        "fiscal_year": latest.fiscal_year,
        "selected": latest.selected,
        "applications": latest.total_applications,
        "selection_rate": json_number(rate) if rate is not None else None,
    }
