"""Indicator F from a survey's responses: who cooperates, and how.

Pure Python. F for a fiscal year is the number of distinct municipalities
that answered either cooperation option. A municipality that chose both is
counted once in F and appears in the overlap; the kinds of cooperation are
counted among the cooperating municipalities, and one may have several.

Each figure is a *selection* of municipalities, named here once (e.g.
``cooperating``, ``no_cooperation``, ``kind:sister_city``): the tally counts
them, and the series builder names the municipalities each one holds.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from surveys.answers import KINDS, Answers

COOPERATING = "cooperating"
KIND_PREFIX = "kind:"

# The answer breakdown, each as a test of one municipality's answers.
ANSWER_SELECTIONS: dict[str, Callable[[Answers], bool]] = {
    "specific_partner": lambda a: a.specific_partner,
    "general_cooperation": lambda a: a.general_cooperation,
    "both": lambda a: a.specific_partner and a.general_cooperation,
    # "No cooperation" counts only where no cooperation answer was given.
    "no_cooperation": lambda a: a.no_cooperation and not a.cooperates,
}


def kind_selection(kind: str) -> str:
    return f"{KIND_PREFIX}{kind}"


def selection_test(selection: str) -> Callable[[Answers], bool]:
    """Whether a municipality's answers fall in ``selection``."""
    if selection == COOPERATING:
        return lambda a: a.cooperates
    if selection.startswith(KIND_PREFIX):
        kind = selection.removeprefix(KIND_PREFIX)
        return lambda a: a.cooperates and kind in a.kinds
    if selection in ANSWER_SELECTIONS:
        return ANSWER_SELECTIONS[selection]
    raise ValueError(f"unknown selection: {selection!r}")


def selected(
    answers_by_code: Iterable[tuple[str, Answers]], selection: str
) -> list[str]:
    """The codes of the municipalities in ``selection``, in code order."""
    test = selection_test(selection)
    return sorted(code for code, answers in answers_by_code if test(answers))


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
    given = list(answers)

    def count(selection: str) -> int:
        test = selection_test(selection)
        return sum(1 for answer in given if test(answer))

    return Tally(
        fiscal_year=fiscal_year,
        population=population,
        responses=len(given),
        cooperating=count(COOPERATING),
        **{name: count(name) for name in ANSWER_SELECTIONS},
        kinds={kind: count(kind_selection(kind)) for kind in KINDS},
    )
