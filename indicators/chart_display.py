"""A chart block in the reader's language: Chart.js settings, table, words.

The same stored numbers appear three ways: drawn by Chart.js, in the table
under the chart (Japanese statistical notation: 年度, 万トン, separators)
and in a sentence for readers who cannot see the chart. A period that was
not loaded is ``null`` in the chart (a gap) and "…" in the table, never 0.
Downloads take the exact stored values in the stored unit.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators.charts import ChartKind, ChartShape
from indicators.listings import Cell, Listing
from indicators.models import Indicator
from indicators.numbers import MAN, display_number
from indicators.pages import ChartBlock, Choice, IndicatorCard, Line
from indicators.periods import period_sort_key
from indicators.table import SeriesRow
from indicators.templatetags.portal_format import (
    period_label,
    quantity,
    unit_label,
)

GAP = "…"


@dataclass(frozen=True)
class TableCell:
    text: str
    value_id: int | None = None
    incomplete: bool = False
    gap: bool = False

    @property
    def url(self) -> str:
        """The value page; written here, as a template would print the id
        with a thousands separator."""
        return (
            reverse("indicators:value", args=[self.value_id]) if self.value_id else ""
        )


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[TableCell]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class ChartView:
    block: ChartBlock
    title: str
    config: dict[str, Any]
    unit: str
    headers: list[str]
    rows: list[TableRow]
    text_alternative: str
    source: str
    note: str
    has_gaps: bool
    choices: list[Option] = field(default_factory=list)
    periods: list[Option] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.block.slug

    @property
    def config_id(self) -> str:
        return f"config-{self.block.slug}"


@dataclass(frozen=True)
class LatestValue:
    name: str
    row: SeriesRow
    url: str


@dataclass(frozen=True)
class CardView:
    indicator: Indicator
    name: str
    latest: list[LatestValue]
    config: dict[str, Any] | None
    text_alternative: str

    @property
    def config_id(self) -> str:
        return f"sparkline-{self.indicator.code}"


@dataclass(frozen=True)
class ListingView:
    listing: Listing
    title: str
    columns: list[str]
    rows: list[list[str]]
    source: str
    note: str


def japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


def line_name(named: Line | Choice | SeriesRow | Indicator) -> str:
    """A series, choice or indicator by its name in the reader's language."""
    return named.name_ja if japanese() or not named.name_en else named.name_en


def scale(block: ChartBlock) -> Decimal:
    """万トン in Japanese where the review prints tonnages so; else as stored."""
    if block.spec.in_man and block.unit == "t" and japanese():
        return MAN
    return Decimal(1)


def display_unit(block: ChartBlock) -> str:
    return "万トン" if scale(block) == MAN else unit_label(block.unit)


def present(block: ChartBlock, value_url: str) -> ChartView:
    """Everything the page needs to draw, tabulate and describe one chart."""
    headers, rows = _table(block)
    return ChartView(
        block=block,
        title=str(block.spec.title),
        config=chart_config(block, value_url),
        unit=display_unit(block),
        headers=headers,
        rows=rows,
        text_alternative=text_alternative(block),
        source=str(block.spec.source),
        note=str(block.spec.note),
        has_gaps=any(cell.gap for row in rows for cell in row.cells),
        choices=[
            Option(c.value, line_name(c), c.value == block.chosen)
            for c in block.choices
        ],
        periods=[Option(p, period_label(p), p == block.axis[0]) for p in block.periods],
    )


def chart_config(block: ChartBlock, value_url: str) -> dict[str, Any]:
    """The settings ``portal/charts.js`` hands to Chart.js."""
    divisor = scale(block)
    if block.spec.shape is ChartShape.BREAKDOWN:
        labels = [line_name(line) for line in block.lines]
        datasets = [_breakdown_dataset(block, divisor)]
    else:
        labels = [period_label(p) for p in block.axis]
        datasets = [_dataset(line, block.axis, divisor) for line in block.lines]
    return {
        "type": "line" if block.spec.kind is ChartKind.LINE else "bar",
        "stacked": block.spec.kind is ChartKind.STACKED_BAR,
        "labels": labels,
        "datasets": datasets,
        "unit": display_unit(block),
        "locale": "ja-JP" if japanese() else "en-GB",
        "valueUrl": value_url,
        "incompleteLabel": _("未確定"),
    }


def sparkline_config(lines: list[Line], axis: list[str]) -> dict[str, Any]:
    return {
        "type": "line",
        "sparkline": True,
        "labels": [period_label(p) for p in axis],
        "datasets": [_dataset(line, axis, Decimal(1)) for line in lines],
        "locale": "ja-JP" if japanese() else "en-GB",
    }


def present_card(card: IndicatorCard, run_pk: int | None = None) -> CardView:
    """An indicator on the overview: latest values and a small chart.

    Each latest value of run ``run_pk`` links to its figure page, which
    keeps the value as the run saw it."""
    latest = []
    for row in card.rows:
        url = ""
        if run_pk is not None and row.figure_id is not None and row.latest_period:
            url = reverse("indicators:run_figure", args=[run_pk, row.figure_id])
        latest.append(LatestValue(line_name(row), row, url))
    config = sparkline_config(card.lines, card.axis) if card.lines else None
    return CardView(
        indicator=card.indicator,
        name=line_name(card.indicator),
        latest=latest,
        config=config,
        text_alternative=_sparkline_words(card),
    )


def present_listing(listing: Listing) -> ListingView:
    return ListingView(
        listing=listing,
        title=str(listing.title),
        columns=[str(column) for column in listing.columns],
        rows=[[_listing_cell(cell) for cell in row] for row in listing.rows],
        source=str(listing.source),
        note=str(listing.note),
    )


def text_alternative(block: ChartBlock) -> str:
    """The chart in one paragraph: its kind, span and latest values."""
    kind = {
        ChartKind.LINE: _("折れ線グラフ"),
        ChartKind.BAR: _("棒グラフ"),
        ChartKind.STACKED_BAR: _("積み上げ棒グラフ"),
    }[block.spec.kind]
    if not block.axis:
        return _("%(title)s（%(kind)s）。") % {"title": block.spec.title, "kind": kind}
    last = _last_complete(block)
    values = _("、").join(
        f"{line_name(line)} {_cell(line, last, scale(block)).text}"
        for line in block.lines
    )
    words = {
        "title": block.spec.title,
        "kind": kind,
        "first": period_label(block.axis[0]),
        "last": period_label(last),
        "unit": display_unit(block),
        "values": values,
    }
    if block.spec.shape is ChartShape.BREAKDOWN or len(block.axis) == 1:
        text = _("%(title)s（%(kind)s、%(unit)s）。%(last)s：%(values)s。")
    else:
        text = _(
            "%(title)s（%(kind)s、%(unit)s）。%(first)sから%(last)sまで。"
            "%(last)s：%(values)s。"
        )
    return str(text % words) + _(
        "値は下の表にあります。「…」はデータが読み込まれていない期間です。"
    )


def _last_complete(block: ChartBlock) -> str:
    """The newest period with a complete value: a partial year is not
    described as the latest state."""
    complete = [
        period
        for period in block.axis
        if any(
            (point := line.points.get(period)) and point.complete
            for line in block.lines
        )
    ]
    return complete[-1] if complete else block.axis[-1]


def download_table(block: ChartBlock) -> list[list[Cell]]:
    """The chart's values exactly as stored, with a header row and notes."""
    unit = unit_label(block.unit)
    if block.spec.shape is ChartShape.BREAKDOWN:
        period = block.axis[0] if block.axis else ""
        rows: list[list[Cell]] = [
            [_("項目"), f"{period_label(period)}（{unit}）", _("注記")]
        ]
        for line in block.lines:
            point = line.points.get(period)
            rows.append(
                [line_name(line), point.value if point else None, _note([line], period)]
            )
    else:
        rows = [
            [_("期間"), *[f"{line_name(x)}（{unit}）" for x in block.lines], _("注記")]
        ]
        for period in block.axis:
            values = [_exact(line, period) for line in block.lines]
            rows.append([period_label(period), *values, _note(block.lines, period)])
    return rows + download_notes(str(block.spec.source), str(block.spec.note))


def download_notes(source: str, note: str) -> list[list[Cell]]:
    notes: list[list[Cell]] = [[], [_("出典"), source]]
    if note:
        notes.append([_("注"), note])
    notes.append([_("空欄"), _("データが読み込まれていない期間（ゼロではありません）")])
    return notes


def _dataset(line: Line, axis: list[str], divisor: Decimal) -> dict[str, Any]:
    points = [line.points.get(period) for period in axis]
    return {
        "label": line_name(line),
        "data": [float(p.value / divisor) if p else None for p in points],
        "ids": [p.id if p else None for p in points],
        "incomplete": [bool(p and not p.complete) for p in points],
    }


def _breakdown_dataset(block: ChartBlock, divisor: Decimal) -> dict[str, Any]:
    period = block.axis[0] if block.axis else ""
    points = [line.points.get(period) for line in block.lines]
    return {
        "label": period_label(period),
        "data": [float(p.value / divisor) if p else None for p in points],
        "ids": [p.id if p else None for p in points],
        "incomplete": [bool(p and not p.complete) for p in points],
    }


def _table(block: ChartBlock) -> tuple[list[str], list[TableRow]]:
    divisor = scale(block)
    if block.spec.shape is ChartShape.BREAKDOWN:
        period = block.axis[0] if block.axis else ""
        rows = [
            TableRow(line_name(line), [_cell(line, period, divisor)])
            for line in block.lines
        ]
        return [_("項目"), period_label(period)], rows
    headers = [_("期間"), *[line_name(line) for line in block.lines]]
    rows = [
        TableRow(
            period_label(period),
            [_cell(line, period, divisor) for line in block.lines],
        )
        for period in block.axis
    ]
    return headers, rows


def _cell(line: Line, period: str, divisor: Decimal) -> TableCell:
    point = line.points.get(period)
    if point is None:
        return TableCell(GAP, gap=True)
    return TableCell(
        display_number(point.value / divisor),
        value_id=point.id,
        incomplete=not point.complete,
    )


def _exact(line: Line, period: str) -> Decimal | None:
    point = line.points.get(period)
    return point.value if point else None


def _note(lines: list[Line], period: str) -> str:
    incomplete = [
        line_name(line)
        for line in lines
        if (point := line.points.get(period)) is not None and not point.complete
    ]
    if not incomplete:
        return ""
    return _("未確定：%(series)s") % {"series": _("、").join(incomplete)}


def _sparkline_words(card: IndicatorCard) -> str:
    """Each line from its first to its last value; a period whose data is not
    all in says so, as the small chart draws it dashed."""
    sentences = []
    for line in card.lines:
        periods = sorted(line.points, key=period_sort_key)
        first, last = periods[0], periods[-1]
        sentences.append(
            _("%(name)s：%(first)s %(first_value)sから%(last)s %(last_value)sまで")
            % {
                "name": line_name(line),
                "first": _marked_period(line, first),
                "first_value": quantity(line.points[first].value, line.unit),
                "last": _marked_period(line, last),
                "last_value": quantity(line.points[last].value, line.unit),
            }
        )
    return "".join(sentence + _("。") for sentence in sentences).strip()


def _marked_period(line: Line, period: str) -> str:
    if line.points[period].complete:
        return period_label(period)
    return _("%(period)s（未確定）") % {"period": period_label(period)}


def _listing_cell(cell: Cell) -> str:
    if cell is None:
        return "―"
    if isinstance(cell, bool):
        return _("はい") if cell else _("いいえ")
    if isinstance(cell, int | Decimal):
        return display_number(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)
