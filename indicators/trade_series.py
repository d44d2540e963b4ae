"""Reading trade figures out of the database, for the series builders and pages.

All sums run in SQL per HS code and month (a few thousand groups); the
classification is applied afterwards in Python, so an edited mapping
takes effect at the next recompute without re-reading any file. Only
months whose last day is on or before the as-of date count.
"""

import calendar
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from indicators.hs_classification import Classifier
from indicators.models import (
    Country,
    CustomsPartner,
    HsClassification,
    TradeItem,
    TradePeriod,
    TradeRow,
)
from indicators.trade_figures import (
    CodeMonth,
    CodePartnerFigure,
    ItemMonths,
    Period,
    Totals,
    by_item,
)
from indicators.trade_store import load_classifier


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _last_month_by(as_of: date) -> date:
    """The first day of the latest month that has ended by ``as_of``."""
    first = as_of.replace(day=1)
    if month_end(first) <= as_of:
        return first
    return (first - timedelta(days=1)).replace(day=1)


def loaded_months(as_of: date) -> dict[int, set[date]]:
    """The months loaded for each direction that ended by ``as_of``."""
    loaded: dict[int, set[date]] = defaultdict(set)
    periods = TradePeriod.objects.filter(month__lte=_last_month_by(as_of))
    for direction, month in periods.values_list("direction", "month"):
        loaded[direction].add(month)
    return dict(loaded)


@dataclass(frozen=True)
class SourceFile:
    id: int
    name: str


def files_by_month(as_of: date) -> dict[tuple[int, date], SourceFile]:
    """The file each loaded month comes from."""
    periods = TradePeriod.objects.filter(month__lte=_last_month_by(as_of))
    return {
        (direction, month): SourceFile(pk, name)
        for direction, month, pk, name in periods.values_list(
            "direction", "month", "file_id", "file__name"
        )
    }


def _code_month_totals(rows: QuerySet[TradeRow]) -> list[CodeMonth]:
    grouped = (
        rows.values("direction", "hs_code", "month")
        .order_by()
        .annotate(
            sum_tonnes=Sum("tonnes"),
            sum_count=Sum("count"),
            sum_value=Sum("value"),
            sum_weighed_value=Sum("value", filter=Q(tonnes__isnull=False)),
        )
    )
    return [
        CodeMonth(
            direction=g["direction"],
            hs_code=g["hs_code"],
            month=g["month"],
            totals=Totals(
                tonnes=g["sum_tonnes"] or Decimal(0),
                count=g["sum_count"] or 0,
                value=g["sum_value"] or 0,
                weighed_value=g["sum_weighed_value"] or 0,
            ),
        )
        for g in grouped
    ]


def item_months(
    as_of: date, classifier: Classifier | None = None, indicator: str = ""
) -> ItemMonths:
    """Monthly totals per direction and item, with the months loaded; with
    ``indicator``, only the codes mapped to its items are read."""
    classifier = classifier or load_classifier()
    rows = _rows_by(as_of, indicator)
    return by_item(_code_month_totals(rows), classifier, loaded_months(as_of))


def item_months_traded_with(
    as_of: date, country: str = "", partner: str = ""
) -> ItemMonths:
    """As ``item_months``, of the rows with one country (alpha-2) or one
    customs partner code only, when given."""
    rows = _rows_by(as_of, "")
    if country:
        rows = rows.filter(partner__country__alpha2=country)
    if partner:
        rows = rows.filter(partner__code=partner)
    return by_item(_code_month_totals(rows), load_classifier(), loaded_months(as_of))


def _rows_by(as_of: date, indicator: str) -> QuerySet[TradeRow]:
    """The rows of the months ended by ``as_of``, narrowed to the codes of
    one indicator's items (B's few codes) when one is named."""
    rows = TradeRow.objects.filter(month__lte=_last_month_by(as_of))
    if not indicator:
        return rows
    codes = HsClassification.objects.filter(item__indicator=indicator)
    prefixes = set(codes.values_list("hs_code", flat=True))
    if not prefixes:
        return rows.none()
    return rows.filter(reduce(or_, [Q(hs_code__startswith=p) for p in prefixes]))


def trade_items() -> list[TradeItem]:
    return list(TradeItem.objects.all())


def partner_fiscal_years(as_of: date, indicator: str = "") -> list[CodePartnerFigure]:
    """Totals per code, partner country and half fiscal year, summed in SQL.

    April-December and January-March are grouped apart, as the two halves
    of a fiscal year fall in different classification years: some 40,000
    groups for twenty years of trade instead of one per row.
    """
    rows = _rows_by(as_of, indicator)
    grouped = (
        rows.annotate(
            year=ExtractYear("month"),
            early=Case(When(month__month__lt=4, then=Value(1)), default=Value(0)),
        )
        .values("direction", "hs_code", "partner__country__alpha2", "year", "early")
        .order_by()
        .annotate(sum_tonnes=Sum("tonnes"), sum_count=Sum("count"))
    )
    return [_partner_figure(g, g["year"], g["year"] - g["early"]) for g in grouped]


def partner_months(as_of: date, direction: int, first: date) -> list[CodePartnerFigure]:
    """Totals per code, partner country and month from ``first`` on."""
    rows = TradeRow.objects.filter(
        direction=direction, month__gte=first, month__lte=_last_month_by(as_of)
    )
    grouped = (
        rows.values("direction", "hs_code", "partner__country__alpha2", "month")
        .order_by()
        .annotate(sum_tonnes=Sum("tonnes"), sum_count=Sum("count"))
    )
    return [_partner_figure(g, g["month"].year, g["month"]) for g in grouped]


def _partner_figure(
    group: Mapping[str, Any], year: int, period: Period
) -> CodePartnerFigure:
    return CodePartnerFigure(
        direction=group["direction"],
        hs_code=group["hs_code"],
        country=group["partner__country__alpha2"] or "",
        year=year,
        period=period,
        totals=Totals(
            tonnes=group["sum_tonnes"] or Decimal(0), count=group["sum_count"] or 0
        ),
    )


def country_names() -> dict[str, tuple[str, str]]:
    """Japanese and English short names by ISO alpha-2 code."""
    return {
        alpha2: (name_ja or name_en, name_en)
        for alpha2, name_ja, name_en in Country.objects.values_list(
            "alpha2", "name_ja", "name_en"
        )
    }


@dataclass(frozen=True)
class PartnerMonths:
    """Tonnes per month with one partner; None where the month is not loaded."""

    code: str
    name_ja: str
    name_en: str
    tonnes: list[Decimal | None]

    def total(self) -> Decimal:
        return sum((t for t in self.tonnes if t is not None), Decimal(0))


@dataclass(frozen=True)
class MonthlyTrade:
    item: str
    direction: int
    months: list[date]
    loaded: list[bool]
    partners: list[PartnerMonths]


def monthly_tonnes_by_partner(
    item: str, direction: int, first: date, last: date, *, top: int | None = None
) -> MonthlyTrade:
    """Monthly tonnes of one item with each partner, e.g. plastics-waste exports.

    Months not loaded are None (a gap); a loaded month without trade with a
    partner is zero. With ``top``, the partners beyond the largest ``top``
    (by total over the range) are summed into one entry with code "".
    """
    months = _months_between(first, last)
    loaded_set = loaded_months(month_end(months[-1])).get(direction, set())
    loaded = [m in loaded_set for m in months]
    tonnes = _tonnes_by_partner_and_month(item, direction, months[0], months[-1])
    partners = [
        _partner_months(partner, tonnes[partner.code], months, loaded)
        for partner in CustomsPartner.objects.filter(code__in=tonnes)
    ]
    partners.sort(key=lambda p: (-p.total(), p.code))
    if top is not None and len(partners) > top:
        partners = [*partners[:top], _others(partners[top:], len(months))]
    return MonthlyTrade(item, direction, months, loaded, partners)


def _months_between(first: date, last: date) -> list[date]:
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month_end(month) + timedelta(days=1)).replace(day=1)
    return months


def _tonnes_by_partner_and_month(
    item: str, direction: int, first: date, last: date
) -> dict[str, dict[date, Decimal]]:
    classifier = load_classifier()
    rows = (
        TradeRow.objects.filter(direction=direction, month__range=(first, last))
        .values("partner__code", "hs_code", "month")
        .order_by()
        .annotate(sum_tonnes=Sum("tonnes"))
    )
    tonnes: dict[str, dict[date, Decimal]] = defaultdict(dict)
    for row in rows:
        if classifier.item_for(row["hs_code"], row["month"].year) != item:
            continue
        by_month = tonnes[row["partner__code"]]
        by_month[row["month"]] = by_month.get(row["month"], Decimal(0)) + (
            row["sum_tonnes"] or Decimal(0)
        )
    return tonnes


def _partner_months(
    partner: CustomsPartner,
    tonnes: dict[date, Decimal],
    months: list[date],
    loaded: list[bool],
) -> PartnerMonths:
    values = [
        tonnes.get(month, Decimal(0)) if is_loaded else None
        for month, is_loaded in zip(months, loaded, strict=True)
    ]
    return PartnerMonths(partner.code, partner.name_ja, partner.name_en, values)


def _others(rest: list[PartnerMonths], length: int) -> PartnerMonths:
    summed: list[Decimal | None] = []
    for index in range(length):
        cells = [p.tonnes[index] for p in rest]
        if cells[0] is None:  # the month is not loaded for anyone
            summed.append(None)
        else:
            summed.append(sum((c or Decimal(0) for c in cells), Decimal(0)))
    return PartnerMonths("", "その他", "Others", summed)
