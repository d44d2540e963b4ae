"""Template filters for Japanese statistical notation: 年度, 万トン, separators."""

import json
from datetime import date
from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators.numbers import group_digits, in_man, plain_decimal
from indicators.periods import MONTH

register = template.Library()

UNIT_LABELS = {
    "t": ("トン", "t"),
    "countries": ("カ国", "countries"),
    "projects": ("件", "projects"),
    "municipalities": ("団体", "municipalities"),
    "yen/t": ("円/トン", "yen/t"),
    "units": ("台", "units"),
    "cases": ("件", "cases"),
}
MAN_FROM = Decimal(100_000)


def _japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


@register.filter
def period_label(period: str | None) -> str:
    """``FY2018`` → 2018年度 / FY2018; ``2018-04`` → 2018年4月 / Apr 2018;
    ``2019-06-30`` → 2019年6月30日時点."""
    if not period:
        return "―"
    if period.startswith("FY"):
        return f"{period[2:]}年度" if _japanese() else period
    if MONTH.match(period):
        month = date(int(period[:4]), int(period[5:7]), 1)
        return f"{month.year}年{month.month}月" if _japanese() else f"{month:%b %Y}"
    day = date.fromisoformat(period)
    if _japanese():
        return f"{day.year}年{day.month}月{day.day}日時点"
    return _("%(date)s時点") % {"date": day.isoformat()}


@register.filter
def unit_label(unit: str) -> str:
    ja, en = UNIT_LABELS.get(unit, (unit, unit))
    return ja if _japanese() else en


@register.filter
def quantity(value: Decimal | int | None, unit: str = "") -> str:
    """A value with its unit; large tonnages in 万トン as the review prints them."""
    if value is None:
        return "―"
    value = Decimal(value)
    if unit == "t" and _japanese() and abs(value) >= MAN_FROM:
        return f"約{in_man(value)}万トン"
    places = 0 if value == value.to_integral_value() or abs(value) >= 100 else 1
    number = group_digits(value, places)
    label = unit_label(unit)
    if _japanese():
        return f"{number}{label}" if unit in UNIT_LABELS else f"{number} {label}"
    return f"{number} {label}"


@register.filter
def exact(value: Decimal) -> str:
    return plain_decimal(value)


@register.filter
def pretty_json(document: object) -> str:
    """A stored JSON document indented for reading, Japanese kept as is."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


ARROWS = {"up": "↗", "flat": "→", "down": "↘"}


def _trend_text(trend: str) -> str:
    return {"up": _("増加"), "flat": _("横ばい"), "down": _("減少")}[trend]


def _colour_text(colour: str) -> str:
    return {"blue": _("青（目標達成の見込み）"), "red": _("赤（目標未達の見込み）")}[
        colour
    ]


def arrow_text(trend: str | None, colour: str | None = None) -> str:
    """An arrow in words, e.g. 増加、青（目標達成の見込み）."""
    if not trend:
        return _("評価なし")
    text = _trend_text(trend)
    if colour:
        text = _("%(trend)s、%(colour)s") % {
            "trend": text,
            "colour": _colour_text(colour),
        }
    return text


@register.inclusion_tag("indicators/arrow.html")
def trend_arrow(trend: str | None, colour: str | None = None) -> dict[str, object]:
    symbol = ARROWS[trend] if trend else "―"
    return {"symbol": symbol, "text": arrow_text(trend, colour), "colour": colour or ""}


@register.simple_tag(takes_context=True)
def this_page_in(context: dict[str, object], language: str) -> str:
    """The address of the current page, query included, in another language."""
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        return "/" if language == "ja" else f"/{language}/"
    return translate_url(request.get_full_path(), language)
