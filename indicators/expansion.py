"""Indicator E: projects selected to take the circular industry abroad.

Pure Python. E for a fiscal year is the number of projects selected that
year by the programmes that count in that year. The review counts the
feasibility programme alone up to FY2016 and, from FY2017, that programme
and the CO2-reduction subsidy programme together; each programme's counted
years are kept with the programme, so the rule is data, applied here.

Applications are counted the same way, and the selection rate is the
selected projects over the applications. A fiscal year has a value only
when the register holds something for it (applications or a selection)
from a programme counted that year: a year nobody entered is a gap.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

RATE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CountedYears:
    """The fiscal years in which a programme's selections count towards E."""

    programme: str
    first: int
    last: int | None = None

    def counts_in(self, fiscal_year: int) -> bool:
        return self.first <= fiscal_year and (
            self.last is None or fiscal_year <= self.last
        )


@dataclass
class YearTally:
    fiscal_year: int
    selected: dict[str, int] = field(default_factory=dict)
    applications: dict[str, int] = field(default_factory=dict)

    @property
    def total_selected(self) -> int:
        return sum(self.selected.values())

    @property
    def total_applications(self) -> int | None:
        """None when no counted programme has its applications recorded."""
        if not self.applications:
            return None
        return sum(self.applications.values())

    @property
    def selection_rate(self) -> Decimal | None:
        """Selected projects per 100 applications, to two decimal places."""
        applications = self.total_applications
        if not applications:
            return None
        rate = Decimal(100 * self.total_selected) / Decimal(applications)
        return rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def tally_by_year(
    programmes: Iterable[CountedYears],
    selections: Iterable[tuple[str, int]],
    applications: Iterable[tuple[str, int, int]],
) -> dict[int, YearTally]:
    """Counted selections and applications per fiscal year, years in order.

    ``selections`` holds (programme, fiscal year) once per selected project;
    ``applications`` holds (programme, fiscal year, number of applications).
    """
    windows = {p.programme: p for p in programmes}
    tallies: dict[int, YearTally] = {}

    for programme, fiscal_year in selections:
        if _counted(windows, programme, fiscal_year):
            tally = tallies.setdefault(fiscal_year, YearTally(fiscal_year))
            tally.selected[programme] = tally.selected.get(programme, 0) + 1
    for programme, fiscal_year, number in applications:
        if _counted(windows, programme, fiscal_year):
            tally = tallies.setdefault(fiscal_year, YearTally(fiscal_year))
            tally.applications[programme] = number

    return dict(sorted(tallies.items()))


def counting_rule(programmes: Iterable[CountedYears]) -> str:
    """The rule in words, for the method note of each value."""
    parts = [
        f"{p.programme} FY{p.first}-" + (f"FY{p.last}" if p.last else "")
        for p in sorted(programmes, key=lambda p: (p.first, p.programme))
    ]
    return "selected projects of the programmes counted that year: " + ", ".join(parts)


def _counted(windows: dict[str, CountedYears], programme: str, year: int) -> bool:
    window = windows.get(programme)
    return window is not None and window.counts_in(year)
