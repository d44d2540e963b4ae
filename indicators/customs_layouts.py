"""The layouts of the Ministry of Finance customs statistics files.

Pure Python. A layout is recognised from the header row alone:

- the national file with English headers: ``Exp or Imp, Year, HS, Country,
  Unit1, Unit2, Quantity1-Year, Quantity2-Year, Value-Year`` and twelve
  monthly triples ``Quantity1-Jan`` ... ``Value-Dec`` (April is spelled
  ``Apl`` in some years' files);
- the same with a ``Custom`` column (the customs office, i.e. port level);
- either of them with Japanese headers (``輸出入, 年, 税関, HS, 国, 単位1,
  単位2, 数量1(年), 数量2(年), 金額(年), 数量1(1月)`` ...). No Japanese
  download was at hand, so the spellings below are the ones known from
  the English layout; ``数量1-1月``, ``1月数量1`` and full-width forms are
  accepted too;
- the long monthly layout ``ym, exp_imp, Country, Custom, hs9, Q1, Q2,
  Value`` (one row per month and customs office, no unit columns: units
  come from the classification).

Every column gets a canonical name: ``direction``, ``year``, ``ym``,
``port``, ``hs``, ``partner``, ``unit1``, ``unit2``, and for the wide
layouts ``q1_MM``, ``q2_MM``, ``value_MM`` where MM is 01-12 for a month
and 00 for the year total. Messages are Japanese msgids
(``indicators.messages``).
"""

import re
import unicodedata
from dataclasses import dataclass

from indicators.messages import gettext as _
from indicators.problems import Problem

EXPORT = 1
IMPORT = 2
# How customs values each direction: exports free on board, imports with
# insurance and freight.
VALUATION = {EXPORT: "FOB", IMPORT: "CIF"}
NATIONAL = "national"
PORT = "port"

MEASURES = ("q1", "q2", "value")
MONTHS = tuple(range(1, 13))
TEXT_COLUMNS = frozenset({"hs", "partner", "port", "unit1", "unit2"})
KEY_COLUMNS = ("direction", "year", "hs", "partner", "unit1", "unit2")
LONG_COLUMNS = ("ym", "direction", "partner", "port", "hs", "q1", "q2", "value")

_ENGLISH = {
    "exp or imp": "direction",
    "year": "year",
    "custom": "port",
    "hs": "hs",
    "country": "partner",
    "unit1": "unit1",
    "unit2": "unit2",
}
_JAPANESE = {
    "輸出入": "direction",
    "輸出入別": "direction",
    "年": "year",
    "税関": "port",
    "hs": "hs",
    "統計品目番号": "hs",
    "品目コード": "hs",
    "国": "partner",
    "国コード": "partner",
    "単位1": "unit1",
    "単位2": "unit2",
}
_LONG = {
    "ym": "ym",
    "exp_imp": "direction",
    "country": "partner",
    "custom": "port",
    "hs9": "hs",
    "q1": "q1",
    "q2": "q2",
    "value": "value",
}
_ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("year",),
            ("jan",),
            ("feb",),
            ("mar",),
            ("apr", "apl"),
            ("may",),
            ("jun",),
            ("jul",),
            ("aug",),
            ("sep",),
            ("oct",),
            ("nov",),
            ("dec",),
        ]
    )
    for name in names
}
_ENGLISH_MEASURE = re.compile(r"^(quantity1|quantity2|value)-([a-z]+)$")
_JAPANESE_MEASURE = re.compile(
    r"^(?:(?P<pre>\d{1,2})月)?(?P<what>数量1|数量2|金額)"
    r"[-_ ]?\(?(?:(?P<post>\d{1,2})月|(?P<total>年|合計))?\)?$"
)
_MEASURE_NAMES = {
    "quantity1": "q1",
    "quantity2": "q2",
    "value": "value",
    "数量1": "q1",
    "数量2": "q2",
    "金額": "value",
}


class CustomsFileError(ValueError):
    """A file that cannot be read as a customs file; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Layout:
    name: str
    scope: str
    wide: bool
    columns: tuple[str, ...]  # canonical name of each file column, "" if unused
    headers: tuple[str, ...]  # the header text as the file spells it

    def label(self, canonical: str) -> str:
        """The file's own header for a canonical column, for messages."""
        return self.headers[self.columns.index(canonical)]

    def has(self, canonical: str) -> bool:
        return canonical in self.columns


def measure_column(measure: str, month: int) -> str:
    return f"{measure}_{month:02d}"


WIDE_MEASURE_COLUMNS = tuple(
    measure_column(measure, month) for month in (0, *MONTHS) for measure in MEASURES
)


def normalise(header: str) -> str:
    folded = unicodedata.normalize("NFKC", header).strip().lower()
    return re.sub(r"\s+", " ", folded)


def detect_layout(headers: list[str], source: str) -> Layout:
    """The layout of a file from its header row; CustomsFileError if none fits."""
    names = [normalise(h) for h in headers]
    candidates = [
        _long_layout(names),
        _wide_layout(names, [_english_column(n) for n in names], "en"),
        _wide_layout(names, [_japanese_column(n) for n in names], "ja"),
    ]
    for name, scope, wide, columns, missing in candidates:
        if not missing:
            _check_duplicates(columns, headers, source)
            return Layout(name, scope, wide, tuple(columns), tuple(headers))
    closest = min(candidates, key=lambda c: len(c[4]))
    missing = [display_header(closest[0], c) for c in closest[4]]
    raise CustomsFileError([_unknown_layout(source, closest[0], missing)])


_Candidate = tuple[str, str, bool, list[str], list[str]]


def _long_layout(names: list[str]) -> _Candidate:
    columns = [_LONG.get(n, "") for n in names]
    missing = [c for c in LONG_COLUMNS if c not in columns]
    return "port_long", PORT, False, columns, missing


def _wide_layout(names: list[str], columns: list[str], language: str) -> _Candidate:
    required = [*KEY_COLUMNS, *WIDE_MEASURE_COLUMNS]
    missing = [c for c in required if c not in columns]
    scope = PORT if "port" in columns else NATIONAL
    return f"{scope}_{language}", scope, True, columns, missing


def _english_column(name: str) -> str:
    if name in _ENGLISH:
        return _ENGLISH[name]
    match = _ENGLISH_MEASURE.match(name)
    if match is None or match.group(2) not in _ENGLISH_MONTHS:
        return ""
    month = _ENGLISH_MONTHS[match.group(2)]
    return measure_column(_MEASURE_NAMES[match.group(1)], month)


def _japanese_column(name: str) -> str:
    if name in _JAPANESE:
        return _JAPANESE[name]
    match = _JAPANESE_MEASURE.match(name)
    if match is None:
        return ""
    given = [g for g in ("pre", "post", "total") if match.group(g)]
    if len(given) != 1:
        return ""
    month = int(match.group("pre") or match.group("post") or 0)
    if month > 12:
        return ""
    return measure_column(_MEASURE_NAMES[match.group("what")], month)


def display_header(layout_name: str, canonical: str) -> str:
    """How a layout spells a canonical column (for "missing column" messages)."""
    if layout_name == "port_long":
        return _LONG_DISPLAY[canonical]
    japanese = layout_name.endswith("_ja")
    measure, _sep, month = canonical.partition("_")
    if not month:
        return (_JAPANESE_DISPLAY if japanese else _ENGLISH_DISPLAY)[canonical]
    if japanese:
        when = f"{int(month)}月" if int(month) else "年"
        return f"{_JAPANESE_MEASURES[measure]}({when})"
    return f"{_ENGLISH_MEASURES[measure]}-{_ENGLISH_MONTH_NAMES[int(month)]}"


_ENGLISH_DISPLAY = {
    "direction": "Exp or Imp",
    "year": "Year",
    "port": "Custom",
    "hs": "HS",
    "partner": "Country",
    "unit1": "Unit1",
    "unit2": "Unit2",
}
_JAPANESE_DISPLAY = {
    "direction": "輸出入",
    "year": "年",
    "port": "税関",
    "hs": "HS",
    "partner": "国",
    "unit1": "単位1",
    "unit2": "単位2",
}
_LONG_DISPLAY = {
    "ym": "ym",
    "direction": "exp_imp",
    "partner": "Country",
    "port": "Custom",
    "hs": "hs9",
    "q1": "Q1",
    "q2": "Q2",
    "value": "Value",
}
_ENGLISH_MEASURES = {"q1": "Quantity1", "q2": "Quantity2", "value": "Value"}
_JAPANESE_MEASURES = {"q1": "数量1", "q2": "数量2", "value": "金額"}
_ENGLISH_MONTH_NAMES = {
    number: name.title() for name, number in _ENGLISH_MONTHS.items() if name != "apl"
}


def _check_duplicates(columns: list[str], headers: list[str], source: str) -> None:
    seen: dict[str, str] = {}
    problems = []
    for column, header in zip(columns, headers, strict=True):
        if column and column in seen:
            message = _("%(header)s は列 %(column)s と同じ列です") % {
                "header": repr(header),
                "column": repr(seen[column]),
            }
            problems.append(Problem(source, message, row=1))
        seen.setdefault(column, header)
    if problems:
        raise CustomsFileError(problems)


def _unknown_layout(source: str, closest: str, missing: list[str]) -> Problem:
    shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
    message = _(
        "様式が分かりません。見出しの行がどの通関統計の様式にも合いません"
        "（全国・税関別の英語または日本語の見出し、または月別の縦長の様式 "
        "ym, exp_imp, Country, Custom, hs9, Q1, Q2, Value）。"
        "最も近い %(closest)s には %(missing)s がありません"
    )
    return Problem(source, message % {"closest": closest, "missing": shown}, row=1)
