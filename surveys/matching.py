"""Matching a survey row to the municipality that answers for it.

Pure Python. A row is matched by its local government code when it has one,
else by prefecture and name (see ``surveys.names`` for the spellings that
fold together). The municipality a row names may no longer exist on the
survey date: after a merger or renaming its successor answers for it, and a
name that only came into force later is read as its single predecessor.
Anything that cannot be pinned to exactly one respondent is a ``MatchError``
naming the column and listing the candidates. Messages and notes are
Japanese msgids (``indicators.messages``).
"""

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from indicators.messages import gettext as _
from surveys.codes import CodeError, WrongCheckDigit, parse_code
from surveys.names import (
    as_written,
    normalise_name,
    normalise_prefecture,
    prefecture_named,
    split_prefecture,
    without_district,
)
from surveys.population import RESPONDENT_KINDS, in_force

CODE_COLUMN = "municipality_code"
NAME_COLUMN = "municipality_name"
PREFECTURE_COLUMN = "prefecture"

KIND_LABELS = {
    "designated_city_ward": "政令指定都市の区",
    "northern_territories_village": "北方領土の村",
}

# A chain of renamings and mergers longer than this is a loop in the data.
MAX_CHAIN = 20
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Entry:
    """One municipality of the registry, under one name and code."""

    key: int
    code: str
    prefecture: str
    name: str
    kind: str
    valid_from: date | None = None
    valid_to: date | None = None
    successor_code: str = ""
    kana: str = ""

    @property
    def label(self) -> str:
        return f"{self.prefecture}{self.name}（{self.code}）"

    def in_force(self, day: date) -> bool:
        return in_force(self.valid_from, self.valid_to, day)


@dataclass(frozen=True)
class WrittenMunicipality:
    """The municipality columns of a row, as written."""

    code: str = ""
    name: str = ""
    prefecture: str = ""


@dataclass(frozen=True)
class Match:
    respondent: Entry
    written: Entry
    by_code: bool
    notes: tuple[str, ...] = ()


class MatchError(ValueError):
    def __init__(self, column: str, message: str, candidates: Iterable[Entry] = ()):
        self.column = column
        self.candidates = list(dict.fromkeys(candidates))[:MAX_CANDIDATES]
        if self.candidates:
            listed = _("、").join(c.label for c in self.candidates)
            message = _("%(message)s 候補: %(candidates)s") % {
                "message": message,
                "candidates": listed,
            }
        super().__init__(message)


class Directory:
    """The registry held in memory, indexed by code, name and successor."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        self._by_code: dict[str, list[Entry]] = defaultdict(list)
        self._by_name: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            self._by_code[entry.code].append(entry)
            self._by_name[normalise_name(entry.name)].append(entry)
        self._predecessors: dict[int, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            successor = self.successor(entry)
            if successor is not None:
                self._predecessors[successor.key].append(entry)

    def with_code(self, code: str) -> list[Entry]:
        return list(self._by_code.get(code, []))

    def named(self, name_key: str, prefecture: str = "") -> list[Entry]:
        found = self._by_name.get(name_key, [])
        if not prefecture:
            return list(found)
        wanted = normalise_prefecture(prefecture)
        return [e for e in found if normalise_prefecture(e.prefecture) == wanted]

    def successor(self, entry: Entry) -> Entry | None:
        """The municipality in force the day after ``entry`` ended."""
        if not entry.successor_code or entry.valid_to is None:
            return None
        day_after = entry.valid_to + timedelta(days=1)
        versions = self._by_code.get(entry.successor_code, [])
        return next((v for v in versions if v.in_force(day_after)), None)

    def predecessors(self, entry: Entry) -> list[Entry]:
        return list(self._predecessors.get(entry.key, []))

    def similar_names(self, name_key: str, prefecture: str = "") -> list[Entry]:
        """Registry entries whose names look like ``name_key``, closest first."""
        pool = [e for e in self.entries if not prefecture or e.prefecture == prefecture]
        keys = {normalise_name(e.name): e for e in pool}
        close = difflib.get_close_matches(name_key, keys, MAX_CANDIDATES, 0.5)
        return [keys[k] for k in close]


def match_municipality(
    directory: Directory, written: WrittenMunicipality, day: date
) -> Match:
    """The respondent on ``day`` that a row's municipality columns name."""
    if written.code.strip():
        return _match_by_code(directory, written, day)
    if written.name.strip():
        return _match_by_name(directory, written, day)
    raise MatchError(CODE_COLUMN, _("自治体コードも自治体名もありません"))


def respondent_on(
    directory: Directory, entry: Entry, day: date, column: str = CODE_COLUMN
) -> Entry:
    """The respondent that answers for ``entry`` on ``day``, following changes.

    Raises MatchError (located in ``column``) when the chain of successors
    or predecessors does not lead to a respondent in force on that day.
    """
    current = entry
    for _step in range(MAX_CHAIN):
        if current.in_force(day):
            return _checked_respondent(current, entry, column)
        current = _step_towards(directory, current, day, (entry, column))
    raise MatchError(
        column, _("%(entry)s の変更履歴が循環しています") % {"entry": entry.label}
    )


def _step_towards(
    directory: Directory, entry: Entry, day: date, start: tuple[Entry, str]
) -> Entry:
    """One step along the registry's changes towards ``day``."""
    written, column = start
    if entry.valid_to is not None and entry.valid_to < day:
        successor = directory.successor(entry)
        if successor is None:
            message = _(
                "%(entry)s は %(day)s に廃止され、後継の自治体が登録されていません"
            )
            abolished = {"entry": written.label, "day": entry.valid_to.isoformat()}
            raise MatchError(column, message % abolished, [entry])
        return successor
    predecessors = directory.predecessors(entry)
    if len(predecessors) != 1:
        raise MatchError(
            column,
            _("%(entry)s は調査日 %(day)s にはまだ存在しません")
            % {"entry": written.label, "day": day.isoformat()},
            predecessors,
        )
    return predecessors[0]


def _checked_respondent(respondent: Entry, written: Entry, column: str) -> Entry:
    if respondent.kind not in RESPONDENT_KINDS:
        kind = KIND_LABELS.get(respondent.kind, respondent.kind)
        raise MatchError(
            column,
            _("%(entry)s は調査の対象ではありません（%(kind)s）")
            % {"entry": written.label, "kind": kind},
        )
    return respondent


def _match_by_code(
    directory: Directory, written: WrittenMunicipality, day: date
) -> Match:
    code = _parsed_code(directory, written)
    versions = directory.with_code(code)
    if not versions:
        raise MatchError(
            CODE_COLUMN,
            _("自治体コード %(code)s は登録されていません") % {"code": code},
            _name_candidates(directory, written),
        )
    entry = next((v for v in versions if v.in_force(day)), versions[0])
    respondent = respondent_on(directory, entry, day)
    _check_prefecture_agrees(written, entry)
    notes = [
        *_change_notes(entry, respondent),
        *_name_check(directory, written, respondent, day),
    ]
    return Match(respondent, entry, by_code=True, notes=tuple(notes))


def _parsed_code(directory: Directory, written: WrittenMunicipality) -> str:
    try:
        return parse_code(written.code)
    except WrongCheckDigit as exc:
        same_five = [e for e in directory.entries if e.code[:5] == exc.written[:5]]
        candidates = same_five + _name_candidates(directory, written)
        raise MatchError(CODE_COLUMN, str(exc), candidates) from None
    except CodeError as exc:
        raise MatchError(
            CODE_COLUMN, str(exc), _name_candidates(directory, written)
        ) from None


def _check_prefecture_agrees(written: WrittenMunicipality, entry: Entry) -> None:
    if not written.prefecture.strip():
        return
    prefecture = _written_prefecture(written.prefecture)
    if prefecture != entry.prefecture:
        raise MatchError(
            PREFECTURE_COLUMN,
            _("自治体コードは %(entry)s を指しますが、都道府県は %(prefecture)s です")
            % {"entry": entry.label, "prefecture": written.prefecture},
            [entry],
        )


def _name_check(
    directory: Directory, written: WrittenMunicipality, respondent: Entry, day: date
) -> list[str]:
    """Refuse a name that points elsewhere; note one that points nowhere.

    A name found in no municipality of the written prefecture is looked for
    in the whole country: 札幌市 beside a code of 群馬県 points elsewhere.
    """
    if not written.name.strip():
        return []
    named = _named_entries(directory, written) or directory.named(
        normalise_name(written.name)
    )
    pointed = _respondents(directory, named, day)
    if not pointed:
        return [
            _("自治体名「%(name)s」は登録簿の名称と一致しません（コードで照合）")
            % {"name": written.name}
        ]
    if respondent in pointed:
        return []
    message = _(
        "自治体コードは %(entry)s を指しますが、"
        "自治体名「%(name)s」は%(named)s を指します"
    )
    named_entries = _("、").join(e.label for e in pointed)
    raise MatchError(
        NAME_COLUMN,
        message
        % {"entry": respondent.label, "name": written.name, "named": named_entries},
        [respondent, *pointed],
    )


def _match_by_name(
    directory: Directory, written: WrittenMunicipality, day: date
) -> Match:
    named = _named_entries(directory, written)
    if not named:
        raise MatchError(
            NAME_COLUMN,
            _("自治体名「%(name)s」に当たる自治体がありません")
            % {"name": written.name},
            _name_candidates(directory, written),
        )
    if len(named) == 1:
        # A single candidate says itself why it is no respondent, if it is not.
        respondent_on(directory, named[0], day, NAME_COLUMN)
    respondents = _respondents(directory, named, day)
    if len(respondents) != 1:
        raise _ambiguity(written, named, respondents, day)
    respondent = next(iter(respondents))
    entry = respondents[respondent]
    notes = [*_spelling_notes(written, entry), *_change_notes(entry, respondent)]
    return Match(respondent, entry, by_code=False, notes=tuple(notes))


def _named_entries(directory: Directory, written: WrittenMunicipality) -> list[Entry]:
    """Registry entries the name and prefecture columns could mean."""
    prefecture, name_key = _place(written)
    named = directory.named(name_key, prefecture)
    if not named:
        short = without_district(name_key)
        if short:
            named = directory.named(short, prefecture)
    return named


def _place(written: WrittenMunicipality) -> tuple[str, str]:
    """(prefecture, name key) from the prefecture column and a prefixed name."""
    prefixed, name_key = split_prefecture(written.name)
    if not written.prefecture.strip():
        return prefixed, name_key
    prefecture = _written_prefecture(written.prefecture)
    if prefixed and prefixed != prefecture:
        raise MatchError(
            PREFECTURE_COLUMN,
            _("都道府県 %(prefecture)s と自治体名「%(name)s」が食い違います")
            % {"prefecture": written.prefecture, "name": written.name},
        )
    return prefecture, name_key


def _written_prefecture(written: str) -> str:
    prefecture = prefecture_named(written)
    if prefecture is None:
        raise MatchError(
            PREFECTURE_COLUMN,
            _("都道府県「%(prefecture)s」が分かりません") % {"prefecture": written},
        )
    return prefecture


def _respondents(
    directory: Directory, named: list[Entry], day: date
) -> dict[Entry, Entry]:
    """Respondent on ``day`` -> the entry that led to it, for every entry
    that leads to one; the others (wards, villages without administration,
    dissolved without successor) drop out when any candidate is a respondent.
    """
    found: dict[Entry, Entry] = {}
    for entry in named:
        try:
            found.setdefault(respondent_on(directory, entry, day), entry)
        except MatchError:
            continue
    return found


def _ambiguity(
    written: WrittenMunicipality,
    named: list[Entry],
    respondents: dict[Entry, Entry],
    day: date,
) -> MatchError:
    if len(respondents) > 1:
        return MatchError(
            NAME_COLUMN,
            _(
                "自治体名「%(name)s」に当たる自治体が複数あります"
                "（都道府県か自治体コードを書いてください）"
            )
            % {"name": written.name},
            respondents,
        )
    return MatchError(
        NAME_COLUMN,
        _("自治体名「%(name)s」は調査日 %(day)s の調査対象に当たりません")
        % {"name": written.name, "day": day.isoformat()},
        named,
    )


def _name_candidates(directory: Directory, written: WrittenMunicipality) -> list[Entry]:
    if not written.name.strip():
        return []
    try:
        prefecture, name_key = _place(written)
    except MatchError:
        prefecture, name_key = "", normalise_name(written.name)
    named = directory.named(name_key, prefecture)
    return named or directory.similar_names(name_key, prefecture)


def _spelling_notes(written: WrittenMunicipality, entry: Entry) -> list[str]:
    notes = []
    if as_written(written.name) != entry.name:
        notes.append(
            _("表記「%(written)s」を「%(name)s」と照合")
            % {"written": written.name, "name": entry.name}
        )
    if not written.prefecture.strip() and not written.name.strip().startswith(
        entry.prefecture
    ):
        notes.append(
            _("都道府県の記載なし（%(prefecture)s）") % {"prefecture": entry.prefecture}
        )
    return notes


def _change_notes(entry: Entry, respondent: Entry) -> list[str]:
    if entry == respondent:
        return []
    return [
        _("%(entry)s は調査日には %(respondent)s：後継として集計")
        % {"entry": entry.label, "respondent": respondent.label}
    ]
