"""Indicator D: the countries in a cooperation framework on a date.

Pure Python. A country counts once however many frameworks it is in (a
memorandum of cooperation, the Joint Crediting Mechanism, the African
Clean Cities Platform). A membership is in force from its start date
through its end date, both days included.

The series has a point at the end of each fiscal year (31 March) for the
charts. The assessment compares like with like: the count on the as-of
date and on the same calendar date of each earlier year, back to the first
recorded membership, each placed at the year of its date.

Each point keeps who held what on its day, so the series builder can name
the countries and memberships behind every count it stores.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from indicators.fiscal import fiscal_year_end, fiscal_year_of, same_day_years_earlier

FRAMEWORKS = ("MOU", "JCM", "ACCP")

# The breakdown's keys, by the exact set of frameworks a country holds.
COMBINATIONS: dict[frozenset[str], str] = {
    frozenset({"MOU"}): "MOU_only",
    frozenset({"JCM"}): "JCM_only",
    frozenset({"ACCP"}): "ACCP_only",
    frozenset({"MOU", "JCM"}): "MOU_and_JCM",
    frozenset({"JCM", "ACCP"}): "JCM_and_ACCP",
    frozenset({"MOU", "ACCP"}): "MOU_and_ACCP",
    frozenset(FRAMEWORKS): "all_three",
}
# The same combinations as segments of series keys (see indicators.charts).
COMBINATION_SEGMENTS = {
    "MOU_only": "mou-only",
    "JCM_only": "jcm-only",
    "ACCP_only": "accp-only",
    "MOU_and_JCM": "mou-jcm",
    "JCM_and_ACCP": "jcm-accp",
    "MOU_and_ACCP": "mou-accp",
    "all_three": "all-three",
}


@dataclass(frozen=True)
class Spell:
    """One membership: a country (alpha-2) in a framework between two dates.

    ``record`` is the stored membership's id, carried only to name it.
    """

    country: str
    framework: str
    joined_on: date
    left_on: date | None = None
    record: int | None = None

    def in_force_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class CountPoint:
    """Who held which frameworks on one day, and the spells that made it so.

    ``position`` is set for the days the assessment uses, ``fiscal_year``
    for the fiscal-year ends.
    """

    day: date
    held: dict[str, frozenset[str]]
    spells: tuple[Spell, ...] = ()
    position: int | None = None
    fiscal_year: int | None = None

    @property
    def countries(self) -> int:
        return len(self.held)

    @property
    def by_framework(self) -> dict[str, int]:
        return {f: len(self.members(f)) for f in FRAMEWORKS}

    def countries_held(self) -> list[str]:
        """Every country in any framework on the day, in code order."""
        return sorted(self.held)

    def members(self, framework: str) -> list[str]:
        """The countries in ``framework`` on the day, in code order."""
        return sorted(c for c, held in self.held.items() if framework in held)

    def in_combination(self, combination: str) -> list[str]:
        """The countries holding exactly ``combination`` (a breakdown key)."""
        return sorted(
            c for c, held in self.held.items() if COMBINATIONS[held] == combination
        )

    def records_of(self, countries: Iterable[str], framework: str = "") -> list[int]:
        """Ids of the spells in force for ``countries`` (in ``framework``)."""
        wanted = set(countries)
        return sorted(
            s.record
            for s in self.spells
            if s.record is not None
            and s.country in wanted
            and framework in ("", s.framework)
        )


def frameworks_by_country(spells: Iterable[Spell], day: date) -> dict[str, set[str]]:
    """The frameworks each country holds on ``day``; countries holding none left out."""
    held: dict[str, set[str]] = {}
    for spell in spells:
        if spell.in_force_on(day):
            held.setdefault(spell.country, set()).add(spell.framework)
    return held


def members_of(spells: Iterable[Spell], framework: str, day: date) -> set[str]:
    return {
        s.country for s in spells if s.framework == framework and s.in_force_on(day)
    }


def count_on(
    spells: list[Spell],
    day: date,
    position: int | None = None,
    fiscal_year: int | None = None,
) -> CountPoint:
    """Distinct countries in any framework on ``day``, with what each holds."""
    held = frameworks_by_country(spells, day)
    in_force = tuple(s for s in spells if s.in_force_on(day))
    frozen = {country: frozenset(f) for country, f in held.items()}
    return CountPoint(day, frozen, in_force, position, fiscal_year)


def combination_counts(spells: list[Spell], day: date) -> dict[str, int]:
    """Countries by the exact combination of frameworks they hold on ``day``."""
    counts = dict.fromkeys(COMBINATIONS.values(), 0)
    for frameworks in frameworks_by_country(spells, day).values():
        counts[COMBINATIONS[frozenset(frameworks)]] += 1
    return counts


def new_members(
    spells: list[Spell], framework: str, day: date, earlier: date
) -> list[str]:
    """The countries in ``framework`` on ``day`` that were not on ``earlier``.

    These are new members, not the net change: a country that left in the
    meantime does not offset one that joined.
    """
    joined = members_of(spells, framework, day) - members_of(spells, framework, earlier)
    return sorted(joined)


def additions(spells: list[Spell], day: date, earlier: date) -> dict[str, int]:
    """Per framework, the number of new members since ``earlier``."""
    return {f: len(new_members(spells, f, day, earlier)) for f in FRAMEWORKS}


def breakdown(spells: list[Spell], day: date) -> dict[str, Any]:
    """The breakdown the assessment table shows beside D's value, as JSON."""
    year_before = same_day_years_earlier(day, 1)
    return {
        **combination_counts(spells, day),
        "additions": additions(spells, day, year_before),
        "compared_with": year_before.isoformat(),
    }


def assessment_days(as_of: date, first: date) -> list[date]:
    """The as-of date and the same date of each earlier year, back to ``first``."""
    days = []
    years_back = 0
    day = as_of
    while day >= first:
        days.append(day)
        years_back += 1
        day = same_day_years_earlier(as_of, years_back)
    return sorted(days)


def fiscal_year_ends(first: date, as_of: date) -> list[date]:
    """Each 31 March from the end of the fiscal year of ``first`` up to ``as_of``."""
    ends = []
    fiscal_year = fiscal_year_of(first)
    while fiscal_year_end(fiscal_year) <= as_of:
        ends.append(fiscal_year_end(fiscal_year))
        fiscal_year += 1
    return ends


def count_series(spells: list[Spell], as_of: date) -> list[CountPoint]:
    """D's points: fiscal-year ends and the assessment days, in date order.

    Empty when no membership had begun by ``as_of``: before the registry
    starts there is no value, not a zero.
    """
    started = [s.joined_on for s in spells if s.joined_on <= as_of]
    if not started:
        return []
    first = min(started)
    assessed = {day: day.year for day in assessment_days(as_of, first)}
    year_ends = {day: fiscal_year_of(day) for day in fiscal_year_ends(first, as_of)}
    return [
        count_on(
            spells,
            day,
            position=assessed.get(day),
            fiscal_year=year_ends.get(day),
        )
        for day in sorted(assessed.keys() | year_ends.keys())
    ]
