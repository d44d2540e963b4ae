"""Dates and fiscal years as Japanese staff write them.

Pure Python. Accepts ISO dates, ``2019/6/1``, ``2019年6月1日``, era dates
(``令和元年6月1日``, ``R1.6.1``, ``平成31年4月30日``, ``H31.4.30``), Excel
serial numbers, and for fiscal years ``2018``, ``FY2018``, ``2018年度``,
``平成30年度``, ``H30``, ``令和元年度``, ``R1``; full-width digits anywhere.
Messages are Japanese msgids (``indicators.messages``).
"""

import re
import unicodedata
from datetime import date, datetime, timedelta

from indicators.messages import gettext as _

# Era name, romaji initial, first day of the era.
ERAS = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 1, 25)),
)
_ERA_BY_NAME = {name: start for name, _, start in ERAS}
_ERA_BY_INITIAL = {initial: start for _, initial, start in ERAS}

# Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_RANGE = (20_000, 80_000)  # 1954 to 2119: plausible serials only

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_KANJI = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ERA_KANJI = re.compile(
    r"^(令和|平成|昭和|大正|明治)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$"
)
_ERA_SHORT = re.compile(r"^([RHSTM])(\d{1,2}|元)[.\-/](\d{1,2})[.\-/](\d{1,2})$")
_FY_PLAIN = re.compile(r"^(?:FY)?(\d{4})(?:年度)?$")
_FY_ERA = re.compile(r"^(令和|平成|昭和)(\d{1,2}|元)(?:年度)?$")
_FY_ERA_SHORT = re.compile(r"^([RHS])(\d{1,2}|元)(?:年度)?$")


class DateNotation(ValueError):
    """A cell that is not a date or fiscal year in any accepted notation."""


def normalise_notation(text: str) -> str:
    """Full-width forms to ASCII, spaces removed, Latin letters upper-cased."""
    folded = unicodedata.normalize("NFKC", text).strip().upper()
    return re.sub(r"\s+", "", folded)


def parse_japanese_date(value: object) -> date:
    """A date from any accepted notation; raises DateNotation otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(value, str(value))
    text = normalise_notation(str(value))
    if not text:
        raise DateNotation(_("日付が空です"))
    for parse in (_plain_date, _era_date, _serial_date):
        parsed = parse(text)
        if parsed is not None:
            return parsed
    raise DateNotation(
        _(
            "%(value)s は日付として読めません（2019-06-01、2019/6/1、2019年6月1日、"
            "令和元年6月1日、R1.6.1 のように書いてください）"
        )
        % {"value": repr(value)}
    )


def parse_fiscal_year(value: object) -> int:
    """A fiscal year from any accepted notation; raises DateNotation otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _plausible_year(value, str(value))
    text = normalise_notation(str(value))
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a year read from a spreadsheet as a float
    match = _FY_PLAIN.match(text)
    if match:
        return _plausible_year(int(match.group(1)), value)
    match = _FY_ERA.match(text) or _FY_ERA_SHORT.match(text)
    if match:
        era, year = match.groups()
        start = _ERA_BY_NAME.get(era) or _ERA_BY_INITIAL[era]
        return start.year + _era_year(year) - 1
    raise DateNotation(
        _(
            "%(value)s は年度として読めません（2018、FY2018、2018年度、平成30年度、"
            "H30 のように書いてください）"
        )
        % {"value": repr(value)}
    )


def _plain_date(text: str) -> date | None:
    match = _ISO.match(text) or _KANJI.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return _checked_date(year, month, day, text)


def _era_date(text: str) -> date | None:
    match = _ERA_KANJI.match(text)
    start = None
    if match:
        start = _ERA_BY_NAME[match.group(1)]
    else:
        match = _ERA_SHORT.match(text)
        if match:
            start = _ERA_BY_INITIAL[match.group(1)]
    if match is None or start is None:
        return None
    year, month, day = match.groups()[1:]
    gregorian = _checked_date(
        start.year + _era_year(year) - 1, int(month), int(day), text
    )
    if gregorian < start:
        raise DateNotation(
            _("%(date)s は元号の始まり（%(start)s）より前の日付です")
            % {"date": repr(text), "start": start.isoformat()}
        )
    return gregorian


def _serial_date(text: str) -> date | None:
    try:
        serial = float(text)
    except ValueError:
        return None
    return _from_excel_serial(serial, text)


def _from_excel_serial(serial: float, shown: str) -> date:
    if not _EXCEL_RANGE[0] <= serial <= _EXCEL_RANGE[1]:
        raise DateNotation(
            _("%(value)s は Excel の日付のシリアル値としてありえません")
            % {"value": repr(shown)}
        )
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _era_year(text: str) -> int:
    return 1 if text == "元" else int(text)


def _checked_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateNotation(
            _("%(value)s は暦にない日付です") % {"value": repr(shown)}
        ) from None


def _plausible_year(year: int, shown: object) -> int:
    if not 1900 <= year <= 2200:
        raise DateNotation(
            _("%(value)s は年度としてありえません") % {"value": repr(shown)}
        )
    return year
