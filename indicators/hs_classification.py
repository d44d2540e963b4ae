"""Which item of the indicators an HS code belongs to in a given year.

Pure Python. A mapping row ties a 6-digit HS subheading or a 9-digit
statistical code to an item for a range of calendar years, so that each HS
revision (2002, 2007, 2012, 2017, 2022) can map its own codes. A 9-digit
row wins over the 6-digit row above it. Watched headings (4 or 6 digits)
are headings where every code is expected to be mapped: a code under one
with no mapping for its year is a new code waiting for a mapping row.
"""

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


class Status(enum.Enum):
    CLASSIFIED = "classified"
    UNMAPPED = "unmapped"  # under a watched heading, but no mapping that year
    OUTSIDE = "outside"


@dataclass(frozen=True)
class Mapping:
    hs_code: str
    valid_from: int
    valid_to: int | None
    item: str
    unit1: str = ""
    unit2: str = ""

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (
            self.valid_to is None or year <= self.valid_to
        )


@dataclass(frozen=True)
class Heading:
    heading: str
    valid_from: int
    valid_to: int | None

    def covers(self, year: int) -> bool:
        return self.valid_from <= year and (
            self.valid_to is None or year <= self.valid_to
        )


class Classifier:
    """Looks up the mapping of a 9-digit code for a calendar year."""

    def __init__(
        self, mappings: Iterable[Mapping], headings: Iterable[Heading] = ()
    ) -> None:
        self._mappings: dict[str, list[Mapping]] = defaultdict(list)
        for mapping in mappings:
            self._mappings[mapping.hs_code].append(mapping)
        self._headings: dict[str, list[Heading]] = defaultdict(list)
        for heading in headings:
            self._headings[heading.heading].append(heading)

    def mapping_for(self, hs_code: str, year: int) -> Mapping | None:
        """The 9-digit row if one covers the year, else the 6-digit row."""
        for key in (hs_code, hs_code[:6]):
            for mapping in self._mappings.get(key, ()):
                if mapping.covers(year):
                    return mapping
        return None

    def item_for(self, hs_code: str, year: int) -> str | None:
        mapping = self.mapping_for(hs_code, year)
        return mapping.item if mapping else None

    def is_watched(self, hs_code: str, year: int) -> bool:
        return any(
            heading.covers(year)
            for key in (hs_code[:4], hs_code[:6])
            for heading in self._headings.get(key, ())
        )

    def status(self, hs_code: str, year: int) -> Status:
        if self.mapping_for(hs_code, year) is not None:
            return Status.CLASSIFIED
        if self.is_watched(hs_code, year):
            return Status.UNMAPPED
        return Status.OUTSIDE

    def prefixes(self) -> dict[int, set[str]]:
        """Every mapped code and watched heading in any year, by length.

        A file's rows are first narrowed to codes starting with one of
        these (cheap on a million rows); the exact year check then runs
        on the few rows left.
        """
        by_length: dict[int, set[str]] = defaultdict(set)
        for key in [*self._mappings, *self._headings]:
            by_length[len(key)].add(key)
        return dict(by_length)
