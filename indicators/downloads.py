"""Files readers download: CSV (UTF-8 with BOM) and XLSX.

The BOM lets Excel open Japanese text in a CSV without garbling it. Text
that a spreadsheet would take for a formula (starting with = + - @, a tab
or a carriage return) gets a leading apostrophe, so a series name or a
staff note can never run as a formula; numbers are written as numbers and
are left alone.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from indicators.chart_display import japanese
from indicators.listings import Cell, Listing
from indicators.models import Indicator
from indicators.table import SeriesRow, Table
from indicators.templatetags.portal_format import (
    arrow_text,
    period_label,
    unit_label,
)

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Rows = Sequence[Sequence[Cell]]


def listing_rows(listing: Listing) -> list[list[Cell]]:
    rows: list[list[Cell]] = [[str(column) for column in listing.columns]]
    rows += [list(row) for row in listing.rows]
    rows.append([])
    if listing.source:
        rows.append([_("出典"), str(listing.source)])
    if listing.note:
        rows.append([_("注"), str(listing.note)])
    return rows


def assessment_rows(table: Table) -> list[list[Cell]]:
    """The assessment table as staff paste it into a report."""
    rows: list[list[Cell]] = [
        [
            _("記号"),
            _("指標"),
            _("代表指標"),
            _("系列"),
            _("数値目標"),
            _("最新値"),
            _("単位"),
            _("最新値の期間"),
            _("目指すべき方向"),
            _("長期的な傾向"),
            _("短期的な動向"),
            _("進捗の評価"),
            _("留意点"),
        ]
    ]
    for row in table.rows:
        rows += _indicator_rows(row.indicator, row.series, row.evaluation, row.notes)
    rows += [
        [],
        [_("評価基準日"), table.as_of],
        [_("評価方法の版"), table.method_version],
    ]
    return rows


def _indicator_rows(
    indicator: Indicator, series: Sequence[SeriesRow], evaluation: str, notes: str
) -> list[list[Cell]]:
    english = not japanese()
    name = indicator.name_en if english else indicator.name_ja
    headline = _("代表指標") if indicator.headline else _("補助指標")
    target = _target(indicator)
    if not series:
        dashes: list[Cell] = ["―"] * 6
        return [
            [indicator.code, name, headline, "―", target, *dashes, evaluation, notes]
        ]
    desired = indicator.desired_direction
    desired_text = "―" if desired == "none" else arrow_text(desired)
    return [
        [
            indicator.code,
            name,
            headline,
            item.name_en if english else item.name_ja,
            target,
            item.latest_value,
            unit_label(item.unit),
            period_label(item.latest_period),
            desired_text,
            arrow_text(item.long_term.trend, item.long_term.colour),
            arrow_text(item.short_term.trend, item.short_term.colour),
            evaluation,
            notes,
        ]
        for item in series
    ]


def _target(indicator: Indicator) -> Cell:
    target = indicator.target_as_json()
    if target is None:
        return "―"
    return f"{target['value']}（{target['year']}）"
