"""Series builders of D (cooperation registry) and E (overseas-expansion projects).

Each reads the records as they stood on the as-of date (through
``indicators.cooperation_records``), hands them to the rules in
``indicators.cooperation`` and ``indicators.expansion``, and returns the
series the assessment table shows and the charts draw, keyed as
``indicators.charts`` describes:

- D: ``total`` (the table's row), ``framework--<mou|jcm|accp>``,
  ``combination--<...>`` and ``added--<mou|jcm|accp>`` (new members in the
  year to each assessed date);
- E: ``selected`` (the table's row), ``applications``, ``selection-rate``,
  and ``selected--<programme>``, ``applications--<programme>``.

Every point's provenance names the records it counts (countries and
membership ids for D, project and application-count ids for E), the files
that were loaded into the register, and the public list to look them up in.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from indicators import cooperation_records as records
from indicators.charts import segment_of
from indicators.computed import (
    ComputedIndicator,
    ComputedSeries,
    Point,
    fiscal_year_point,
    register,
)
from indicators.cooperation import (
    COMBINATION_SEGMENTS,
    FRAMEWORKS,
    CountPoint,
    Spell,
    breakdown,
    count_series,
    new_members,
)
from indicators.expansion import YearTally, counting_rule, tally_by_year
from indicators.fiscal import (
    fiscal_year_of,
    last_ended_fiscal_year,
    same_day_years_earlier,
)
from indicators.numbers import json_number

logger = logging.getLogger(__name__)

Names = tuple[str, str]

# D's series names (Japanese, English); the lists reuse them.
TOTAL_NAMES = (
    "覚書締結等を行った国の数",
    "Countries with a memorandum, JCM or ACCP membership",
)
FRAMEWORK_NAMES: dict[str, Names] = {
    "MOU": ("協力覚書", "Memorandum of cooperation"),
    "JCM": ("JCM", "JCM"),
    "ACCP": ("ACCP", "ACCP"),
}
COMBINATION_NAMES: dict[str, Names] = {
    "MOU_only": ("協力覚書のみ", "Memorandum only"),
    "JCM_only": ("JCMのみ", "JCM only"),
    "ACCP_only": ("ACCPのみ", "ACCP only"),
    "MOU_and_JCM": ("協力覚書とJCM", "Memorandum and JCM"),
    "JCM_and_ACCP": ("JCMとACCP", "JCM and ACCP"),
    "MOU_and_ACCP": ("協力覚書とACCP", "Memorandum and ACCP"),
    "all_three": ("三つすべて", "All three"),
}
# E's series names.
SELECTED_NAMES = ("選定事業数", "Selected projects")
APPLICATIONS_NAMES = ("応募件数", "Applications")
RATE_NAMES = ("採択率（%）", "Selection rate (%)")

COUNTRIES_METHOD = (
    "distinct countries with an MOU, JCM or ACCP membership in force on the "
    "date (start and end dates included)"
)
FRAMEWORK_METHOD = (
    "countries with a {framework} membership in force on the date (start and "
    "end dates included)"
)
COMBINATION_METHOD = "countries holding exactly these frameworks on the date: {}"
ADDED_METHOD = (
    "countries in {framework} on the date that were not in it on the same "
    "date a year earlier (new members, not the net change)"
)

# The chart whose date D's list of countries follows (indicators.charts).
COMBINATIONS_CHART = "combinations"


@register("D")
def build_cooperation_countries(as_of: date) -> ComputedIndicator:
    started = time.monotonic()
    spells = records.membership_spells(as_of)
    points = count_series(spells, as_of)
    if not points:
        return ComputedIndicator(code="D", series=[])

    imports = records.register_imports("memberships")
    series = [
        _total(points, imports),
        *_frameworks(points, imports),
        *_combinations(points, imports),
        *_additions(spells, points, imports),
    ]
    logger.info(
        "D as of %s: %d memberships, %d days in %.2f s",
        as_of,
        len(spells),
        len(points),
        time.monotonic() - started,
    )
    # Charts draw their datasets in this order.
    ordered = [replace(s, order=order) for order, s in enumerate(series)]
    return ComputedIndicator("D", ordered, breakdown=breakdown(spells, as_of))


def _total(points: list[CountPoint], imports: list[int]) -> ComputedSeries:
    values = [
        _day_point(
            p,
            p.countries_held(),
            COUNTRIES_METHOD,
            imports,
            in_force=p.by_framework,
        )
        for p in points
    ]
    return ComputedSeries("total", *TOTAL_NAMES, "countries", values)


def _frameworks(points: list[CountPoint], imports: list[int]) -> list[ComputedSeries]:
    return [
        ComputedSeries(
            f"framework--{framework.lower()}",
            *FRAMEWORK_NAMES[framework],
            "countries",
            [
                _day_point(
                    p,
                    p.members(framework),
                    FRAMEWORK_METHOD.format(framework=framework),
                    imports,
                    framework=framework,
                )
                for p in points
            ],
            in_table=False,
        )
        for framework in FRAMEWORKS
    ]


def _combinations(points: list[CountPoint], imports: list[int]) -> list[ComputedSeries]:
    return [
        ComputedSeries(
            f"combination--{segment}",
            *COMBINATION_NAMES[combination],
            "countries",
            [
                _day_point(
                    p,
                    p.in_combination(combination),
                    COMBINATION_METHOD.format(combination),
                    imports,
                )
                for p in points
            ],
            in_table=False,
        )
        for combination, segment in COMBINATION_SEGMENTS.items()
    ]


def _additions(
    spells: list[Spell], points: list[CountPoint], imports: list[int]
) -> list[ComputedSeries]:
    """New members in the year to each assessed date (the same date each year)."""
    assessed = [p for p in points if p.position is not None]
    return [_added(spells, assessed, f, imports) for f in FRAMEWORKS]


def _added(
    spells: list[Spell], days: list[CountPoint], framework: str, imports: list[int]
) -> ComputedSeries:
    values = []
    for point in days:
        earlier = same_day_years_earlier(point.day, 1)
        values.append(
            _day_point(
                point,
                new_members(spells, framework, point.day, earlier),
                ADDED_METHOD.format(framework=framework),
                imports,
                framework=framework,
                compared_with=earlier.isoformat(),
            )
        )
    ja, en = FRAMEWORK_NAMES[framework]
    return ComputedSeries(
        f"added--{framework.lower()}",
        f"{ja}（1年間の増加）",
        f"{en} (joined in the year)",
        "countries",
        values,
        in_table=False,
    )


def _day_point(
    point: CountPoint,
    countries: list[str],
    method: str,
    imports: list[int],
    framework: str = "",
    **extra: Any,
) -> Point:
    """A count on one day, naming its countries and the memberships behind them."""
    return Point(
        period=point.day.isoformat(),
        period_end=point.day,
        value=Decimal(len(countries)),
        method=method,
        fiscal_year=point.fiscal_year,
        position=point.position,
        provenance={
            "member_countries": countries,
            "memberships": point.records_of(countries, framework),
            "imports": imports,
            "listing": country_listing_link(point.day),
            **extra,
        },
    )


def country_listing_link(day: date) -> dict[str, Any]:
    """The public list of countries as of ``day`` (see indicators.provenance)."""
    return {
        "indicator": "D",
        "list": "countries",
        "choices": {COMBINATIONS_CHART: day.isoformat()},
    }


@dataclass(frozen=True)
class ProjectRecords:
    """What E's points name: record ids by call (fiscal year, programme)."""

    projects: dict[tuple[int, str], list[int]]
    applications: dict[tuple[int, str], int]
    names: dict[str, Names]
    project_imports: list[int]
    application_imports: list[int]

    def project_ids(self, fiscal_year: int, programmes: list[str]) -> list[int]:
        found = [self.projects.get((fiscal_year, p), []) for p in programmes]
        return sorted(pk for ids in found for pk in ids)

    def application_ids(self, fiscal_year: int, programmes: list[str]) -> list[int]:
        found = [self.applications.get((fiscal_year, p)) for p in programmes]
        return sorted(pk for pk in found if pk is not None)


@register("E")
def build_expansion_projects(as_of: date) -> ComputedIndicator:
    started = time.monotonic()
    programmes = records.counted_years()
    selections = records.project_selections()
    applications = records.application_numbers()
    tallies = [
        tally
        for year, tally in tally_by_year(
            programmes,
            [(s.programme, s.fiscal_year) for s in selections],
            [(a.programme, a.fiscal_year, a.applications) for a in applications],
        ).items()
        if year <= fiscal_year_of(as_of)
    ]
    if not tallies:
        return ComputedIndicator(code="E", series=[])

    project_records = _project_records(selections, applications)
    last_ended = last_ended_fiscal_year(as_of)
    method = counting_rule(programmes)
    codes = [p.programme for p in programmes]
    series = _expansion_series(tallies, last_ended, method, project_records)
    series += _programme_series(tallies, last_ended, method, project_records, codes)
    logger.info(
        "E as of %s: %d projects, %d fiscal years in %.2f s",
        as_of,
        len(selections),
        len(tallies),
        time.monotonic() - started,
    )
    return ComputedIndicator(
        code="E",
        series=series,
        breakdown=_latest_year_breakdown(tallies, last_ended),
    )


def _project_records(
    selections: list[records.Selection], applications: list[records.Applications]
) -> ProjectRecords:
    projects: dict[tuple[int, str], list[int]] = defaultdict(list)
    for selection in selections:
        projects[selection.fiscal_year, selection.programme].append(selection.project)
    return ProjectRecords(
        projects=dict(projects),
        applications={(a.fiscal_year, a.programme): a.record for a in applications},
        names=records.programme_names(),
        project_imports=records.register_imports("projects"),
        application_imports=records.register_imports("applications"),
    )


def _expansion_series(
    tallies: list[YearTally],
    last_ended: int,
    method: str,
    project_records: ProjectRecords,
) -> list[ComputedSeries]:
    """E's selected projects, and beside it (not in the table) the applications
    and the selection rate."""
    selected, applied, rates = [], [], []
    for tally in tallies:
        year, selecting = tally.fiscal_year, list(tally.selected)
        applying = list(tally.applications)
        at = YearRule(last_ended, method).of(year)

        named = _named(project_records, year, selecting, [])
        selected.append(at.point(tally.total_selected, named, tally.selected))
        if tally.total_applications is not None:
            named = _named(project_records, year, [], applying)
            by_programme = tally.applications
            applied.append(at.point(tally.total_applications, named, by_programme))
        if tally.selection_rate is not None:
            named = _named(project_records, year, selecting, applying)
            rates.append(at.point(tally.selection_rate, named))

    def beside(
        key: str, names: Names, unit: str, points: list[Point], order: int
    ) -> ComputedSeries:
        return ComputedSeries(key, *names, unit, points, in_table=False, order=order)

    return [
        ComputedSeries("selected", *SELECTED_NAMES, "projects", selected),
        # Applications are proposed projects, counted in the same unit (件),
        # so the chart draws them beside the selections.
        beside("applications", APPLICATIONS_NAMES, "projects", applied, 1),
        beside("selection-rate", RATE_NAMES, "%", rates, 2),
    ]


def _programme_series(
    tallies: list[YearTally],
    last_ended: int,
    method: str,
    project_records: ProjectRecords,
    codes: list[str],
) -> list[ComputedSeries]:
    """Selections and applications per programme, in the years it counts."""
    series = []
    for order, code in enumerate(codes):
        names = project_records.names.get(code, (code, code))
        selected, applied = _programme_points(
            tallies, YearRule(last_ended, method), project_records, code
        )
        for measure, points, first in (
            ("selected", selected, 10),
            ("applications", applied, 20),
        ):
            if points:
                key = f"{measure}--{segment_of(code)}"
                series.append(
                    ComputedSeries(
                        key,
                        *names,
                        "projects",
                        points,
                        in_table=False,
                        order=first + order,
                    )
                )
    return series


def _programme_points(
    tallies: list[YearTally],
    rule: "YearRule",
    project_records: ProjectRecords,
    code: str,
) -> tuple[list[Point], list[Point]]:
    """A programme's selections and applications by year.

    A programme whose applications are recorded for a year but none of whose
    projects were selected has a true zero; one with nothing recorded that
    year has no value.
    """
    selected, applied = [], []
    for tally in tallies:
        year = tally.fiscal_year
        at = rule.of(year)
        if code in tally.selected or code in tally.applications:
            named = _named(project_records, year, [code], [])
            selected.append(at.point(tally.selected.get(code, 0), named))
        if code in tally.applications:
            named = _named(project_records, year, [], [code])
            applied.append(at.point(tally.applications[code], named))
    return selected, applied


def _named(
    project_records: ProjectRecords,
    fiscal_year: int,
    selecting: list[str],
    applying: list[str],
) -> dict[str, Any]:
    """The provenance of an E value: the records and files it counts."""
    named: dict[str, Any] = {}
    imports: set[int] = set()
    if selecting:
        named["projects"] = project_records.project_ids(fiscal_year, selecting)
        named["listing"] = {"indicator": "E", "list": "projects"}
        imports.update(project_records.project_imports)
    if applying:
        named["application_counts"] = project_records.application_ids(
            fiscal_year, applying
        )
        imports.update(project_records.application_imports)
    named["imports"] = sorted(imports, reverse=True)
    return named


@dataclass(frozen=True)
class YearRule:
    """How E's points are made: the method, and which years have ended."""

    last_ended: int
    method: str

    def of(self, fiscal_year: int) -> "YearPoints":
        return YearPoints(fiscal_year, fiscal_year <= self.last_ended, self.method)


@dataclass(frozen=True)
class YearPoints:
    """Points of one fiscal year, assessed once the year has ended."""

    fiscal_year: int
    complete: bool
    method: str

    def point(
        self,
        value: int | Decimal,
        provenance: dict[str, Any],
        by_programme: dict[str, int] | None = None,
    ) -> Point:
        if by_programme is not None:
            provenance = {**provenance, "by_programme": by_programme}
        return fiscal_year_point(
            self.fiscal_year,
            Decimal(value),
            self.method,
            complete=self.complete,
            provenance=provenance,
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
