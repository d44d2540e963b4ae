"""What changed between two assessment runs: values, arrows and staff text.

Pure Python. A run is described by the state of each series row of its
table (latest value and the two arrows) and by each indicator's evaluation
and notes; ``compare_runs`` lists every difference, indicator by indicator
in the newer run's order. A series only one of the runs has is reported
as added or removed rather than field by field.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Aspect(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    LATEST = "latest"
    LONG_TERM = "long_term"
    SHORT_TERM = "short_term"
    EVALUATION = "evaluation"
    NOTES = "notes"


@dataclass(frozen=True)
class Latest:
    period: str | None
    value: Decimal | None


@dataclass(frozen=True)
class Arrow:
    trend: str | None
    colour: str | None


@dataclass(frozen=True)
class SeriesState:
    code: str
    key: str
    name_ja: str
    name_en: str
    unit: str
    latest: Latest
    long_term: Arrow
    short_term: Arrow


@dataclass(frozen=True)
class RunState:
    """One run's table rows in order, and its staff text by indicator code."""

    series: list[SeriesState] = field(default_factory=list)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    code: str
    aspect: Aspect
    series: SeriesState | None = None
    old: object = None
    new: object = None


def compare_runs(old: RunState | None, new: RunState) -> list[Change]:
    """Every difference from ``old`` to ``new``; with no ``old``, none."""
    if old is None:
        return []
    before = {(s.code, s.key): s for s in old.series}
    after = {(s.code, s.key): s for s in new.series}
    changes: list[Change] = []
    for code in _codes(old, new):
        for state in (s for s in new.series if s.code == code):
            changes.extend(_series_changes(before.get((code, state.key)), state))
        changes.extend(
            Change(code, Aspect.REMOVED, state)
            for state in old.series
            if state.code == code and (code, state.key) not in after
        )
        changes.extend(_text_changes(code, old.texts, new.texts))
    return changes


def _codes(old: RunState, new: RunState) -> list[str]:
    """Indicator codes in the newer run's order, then any the older alone has."""
    codes = [s.code for s in new.series] + list(new.texts)
    codes += [s.code for s in old.series] + list(old.texts)
    return list(dict.fromkeys(codes))


def _series_changes(old: SeriesState | None, new: SeriesState) -> list[Change]:
    if old is None:
        return [Change(new.code, Aspect.ADDED, new, None, new.latest)]
    pairs = [
        (Aspect.LATEST, old.latest, new.latest),
        (Aspect.LONG_TERM, old.long_term, new.long_term),
        (Aspect.SHORT_TERM, old.short_term, new.short_term),
    ]
    return [
        Change(new.code, aspect, new, before, after)
        for aspect, before, after in pairs
        if before != after
    ]


def _text_changes(
    code: str,
    old: dict[str, tuple[str, str]],
    new: dict[str, tuple[str, str]],
) -> list[Change]:
    before, after = old.get(code, ("", "")), new.get(code, ("", ""))
    aspects = (Aspect.EVALUATION, Aspect.NOTES)
    return [
        Change(code, aspect, None, b, a)
        for aspect, b, a in zip(aspects, before, after, strict=True)
        if b != a
    ]
