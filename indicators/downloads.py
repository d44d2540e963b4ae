"""Files readers download: CSV (UTF-8 with BOM) and XLSX.

The BOM lets Excel open Japanese text in a CSV without garbling it. Text
that a spreadsheet would take for a formula (starting with = + - @, a tab
or a carriage return) gets a leading apostrophe, so a series name or a
staff note can never run as a formula; numbers are written as numbers and
are left alone.
"""

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from indicators.chart_display import japanese
from indicators.listings import Cell, Listing
from indicators.models import Indicator
from indicators.numbers import json_number, plain_decimal
from indicators.table import SeriesRow, Table
from indicators.templatetags.portal_format import (
    arrow_text,
    period_label,
    unit_label,
)

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit for a sheet name.
SHEET_NAME_MAX = 31

Rows = Sequence[Sequence[Cell]]


def neutralise(text: str) -> str:
    """Text that could be read as a formula, made plain with an apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_bytes(rows: Rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[tuple[str, Rows]]) -> bytes:
    """A workbook with one sheet per (name, rows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in sheets:
        sheet = workbook.create_sheet(neutralise(name)[:SHEET_NAME_MAX])
        for row in rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return neutralise(cell)
    if isinstance(cell, Decimal):
        return plain_decimal(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def _xlsx_cell(cell: Cell) -> object:
    if isinstance(cell, str):
        return neutralise(cell)
    if isinstance(cell, Decimal):
        return json_number(cell)
    return cell
