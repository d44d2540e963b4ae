"""Local government codes (全国地方公共団体コード, JIS X 0402) and their check digit.

Pure Python. A code is two digits of prefecture and three of municipality,
followed by a check digit: weigh the five digits by 6, 5, 4, 3 and 2, take
the remainder of the sum by 11, subtract it from 11 and keep the last digit.
Staff write either the six-digit form or the five-digit form without the
check digit, often with full-width digits or a hyphen before the last digit.
Messages are Japanese msgids (``indicators.messages``).
"""

import re
import unicodedata

from indicators.messages import gettext as _

WEIGHTS = (6, 5, 4, 3, 2)

_SEPARATORS = re.compile(r"[\s\-ー－‐]")


class CodeError(ValueError):
    """A cell that is not a local government code."""


class WrongCheckDigit(CodeError):
    """Six digits whose last digit is not the check digit of the first five."""

    def __init__(self, written: str, expected: str) -> None:
        super().__init__(
            _("%(code)s: 検査数字が違います（%(code5)s の検査数字は %(expected)s）")
            % {"code": written, "code5": written[:5], "expected": expected}
        )
        self.written = written
        self.expected = expected


def check_digit(code5: str) -> str:
    """The check digit of a five-digit code."""
    total = sum(
        int(digit) * weight for digit, weight in zip(code5, WEIGHTS, strict=True)
    )
    return str((11 - total % 11) % 10)


def with_check_digit(code5: str) -> str:
    return code5 + check_digit(code5)


def parse_code(value: object) -> str:
    """The six-digit code of a cell holding the five- or six-digit form.

    A number read from a spreadsheet has lost its leading zero: four digits
    are a five-digit code of prefectures 01 to 09. A six-digit code of those
    prefectures that lost its zero cannot be told from a five-digit code; it
    reads as another (almost always unregistered) code, and the row's name
    then shows the mistake.
    """
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(value)))
    if not text.isascii() or not text.isdigit():
        raise CodeError(not_a_code(value))
    if len(text) == 4 and isinstance(value, int):
        text = "0" + text
    if len(text) == 5:
        return with_check_digit(text)
    if len(text) == 6:
        expected = check_digit(text[:5])
        if text[5] != expected:
            raise WrongCheckDigit(text, expected)
        return text
    raise CodeError(not_a_code(value))


def not_a_code(value: object) -> str:
    return _("%(value)s: 自治体コードは5桁または6桁の数字です") % {"value": repr(value)}
