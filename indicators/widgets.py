"""django-import-export widgets for the notations staff actually type.

Each ``clean`` raises ValueError with a message fit for the row report, a
Japanese msgid in the reader's language (``indicators.messages``).
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from import_export import widgets

from indicators.japanese_dates import (
    DateNotation,
    normalise_notation,
    parse_fiscal_year,
    parse_japanese_date,
)
from indicators.messages import gettext as _


class FiscalYearWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        if value in (None, ""):
            return None
        try:
            return parse_fiscal_year(value)
        except DateNotation as exc:
            raise ValueError(str(exc)) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class JapaneseDateWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> date | None:
        if value in (None, ""):
            return None
        try:
            return parse_japanese_date(value)
        except DateNotation as exc:
            raise ValueError(str(exc)) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        if kwargs.get("force_native_type"):
            return value
        return value.isoformat() if value else ""


class ExactDecimalWidget(widgets.Widget):
    """A decimal number; thousands separators and full-width digits accepted.

    Values are stored with up to 18 digits before the point; a larger one
    (or an exponent such as 1e400) is refused here rather than turned into
    infinity or a rounded float by the database. With ``decimal_places``
    (the model field's), a number with more places than the column keeps
    (0.1234567, or 1e-400, for six) is refused as the admin's form refuses
    it, rather than rounded by the database.
    """

    LARGEST = Decimal(10) ** 18

    def __init__(self, decimal_places: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decimal_places = decimal_places

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        if value in (None, ""):
            return None
        text = normalise_notation(str(value)).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("%(value)s は数値ではありません") % shown(value)
            ) from None
        if not number.is_finite():
            raise ValueError(_("%(value)s は有限の数値ではありません") % shown(value))
        if abs(number) >= self.LARGEST:
            raise ValueError(_("%(value)s は大きすぎます（18桁まで）") % shown(value))
        if self.decimal_places is not None and _places(number) > self.decimal_places:
            raise ValueError(
                _("%(value)s は小数点以下%(places)s桁までにしてください（丸めません）")
                % {**shown(value), "places": self.decimal_places}
            )
        return number

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        # Spreadsheet exports ask for the number itself, so that it is written
        # as a number and a negative one is not mistaken for a formula.
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class NonNegativeDecimalWidget(ExactDecimalWidget):
    """A quantity or a count: tonnes and cases are never below zero."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal | None:
        number = super().clean(value, row, **kwargs)
        if number is not None and number < 0:
            raise ValueError(
                _("%(value)s は負の数です。数量は負になりません") % shown(value)
            )
        return number


class NonNegativeIntegerWidget(ExactDecimalWidget):
    def clean(  # type: ignore[override]
        self, value: Any, row: Any = None, **kwargs: Any
    ) -> int | None:
        number = super().clean(value, row, **kwargs)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            raise ValueError(_("%(value)s は0以上の整数ではありません") % shown(value))
        return int(number)


def _places(number: Decimal) -> int:
    """Digits after the point as written (0.10 has two), as Django counts them."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def shown(value: Any) -> dict[str, str]:
    """A cell as a message quotes it."""
    return {"value": repr(value)}
