"""Indicator F from a survey's responses: who cooperates, and how.

Pure Python. F for a fiscal year is the number of distinct municipalities
that answered either cooperation option. A municipality that chose both is
counted once in F and appears in the overlap; the kinds of cooperation are
counted among the cooperating municipalities, and one may have several.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from surveys.answers import KINDS, Answers


@dataclass(frozen=True)
class Tally:
    fiscal_year: int
    population: int
    responses: int = 0
    cooperating: int = 0
    specific_partner: int = 0
    general_cooperation: int = 0
    no_cooperation: int = 0
    both: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def breakdown(self) -> dict[str, Any]:
        """The breakdown published beside F (Table: answers and kinds)."""
        return {
            "population": self.population,
            "specific_partner": self.specific_partner,
            "general_cooperation": self.general_cooperation,
            "no_cooperation": self.no_cooperation,
            "both": self.both,
            "kinds": dict(self.kinds),
            "fiscal_year": self.fiscal_year,
        }


def tally_answers(
    answers: Iterable[Answers], fiscal_year: int, population: int
) -> Tally:
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for answer in answers:
        counts["responses"] += 1
        counts["specific_partner"] += answer.specific_partner
        counts["general_cooperation"] += answer.general_cooperation
        counts["both"] += answer.specific_partner and answer.general_cooperation
        counts["no_cooperation"] += answer.no_cooperation and not answer.cooperates
        if answer.cooperates:
            counts["cooperating"] += 1
            kinds.update(answer.kinds)
    return Tally(
        fiscal_year=fiscal_year,
        population=population,
        kinds={kind: kinds[kind] for kind in KINDS},
        **counts,
    )
