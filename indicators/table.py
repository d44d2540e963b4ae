"""The assessment table (Table 2 of the review): one row per indicator series.

A table is built either from a stored assessment run (what the last
recompute found) or directly from the records as they stood on a date.
Both give the same rows; the renderers below turn them into JSON, CSV or
plain text.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from indicators.assessment import (
    DEFAULT_METHOD,
    Method,
    TrendResult,
    long_term_trend,
    short_term_trend,
)
from indicators.computed import ComputedIndicator, ComputedSeries, compute_indicator
from indicators.exporting import write_csv
from indicators.models import AssessmentRun, Indicator, IndicatorAssessment
from indicators.numbers import json_number
from indicators.publication import published_runs


@dataclass(frozen=True)
class Arrow:
    trend: str | None = None
    colour: str | None = None
    change: Decimal | None = None


@dataclass(frozen=True)
class SeriesRow:
    key: str
    name_ja: str
    name_en: str
    unit: str
    latest_period: str | None
    latest_value: Decimal | None
    long_term: Arrow
    short_term: Arrow
    # The stored row of a run (SeriesAssessment), whose figure page keeps
    # the latest value as the run saw it.
    figure_id: int | None = None


@dataclass
class IndicatorRow:
    indicator: Indicator
    series: list[SeriesRow]
    breakdown: dict[str, Any] | None = None
    evaluation: str = ""
    notes: str = ""


@dataclass
class Table:
    as_of: date
    method_version: str
    rows: list[IndicatorRow] = field(default_factory=list)
    computed_at: datetime | None = None


def assess_series(
    indicator: Indicator, series: ComputedSeries, method: Method = DEFAULT_METHOD
) -> SeriesRow:
    """Apply the assessment method to one computed series."""
    values = series.assessed_values()
    target, desired = indicator.target, indicator.desired
    long_term = long_term_trend(
        values,
        target=target,
        desired=desired,
        method=method,
        base_year=indicator.base_year,
    )
    short_term = short_term_trend(values, target=target, desired=desired, method=method)
    latest = series.latest_point()
    return SeriesRow(
        key=series.key,
        name_ja=series.name_ja,
        name_en=series.name_en,
        unit=series.unit,
        latest_period=latest.period if latest else None,
        latest_value=latest.value if latest else None,
        long_term=_arrow(long_term),
        short_term=_arrow(short_term),
    )


def table_series(computed: ComputedIndicator) -> list[ComputedSeries]:
    return [s for s in computed.series if s.in_table]


def table_as_of(as_of: date, method: Method = DEFAULT_METHOD) -> Table:
    """Assess every indicator from the records as they stood on ``as_of``."""
    return with_staff_texts(assessed_table_as_of(as_of, method))


def assessed_table_as_of(as_of: date, method: Method = DEFAULT_METHOD) -> Table:
    """The computed part of ``table_as_of``: every row, without staff text."""
    table = Table(as_of=as_of, method_version=method.version)
    for indicator in Indicator.objects.all():
        computed = compute_indicator(indicator.code, as_of)
        rows = []
        if indicator.has_headline_value:
            rows = [assess_series(indicator, s, method) for s in table_series(computed)]
        table.rows.append(IndicatorRow(indicator, rows, computed.breakdown))
    return table


def with_staff_texts(table: Table) -> Table:
    """The table with the evaluation and notes a table as of a date shows."""
    texts = _latest_texts()
    for row in table.rows:
        row.evaluation, row.notes = texts.get(row.indicator.pk, ("", ""))
    return table


def stored_table(run: AssessmentRun) -> Table:
    """The table as a recompute stored it."""
    table = Table(
        as_of=run.as_of, method_version=run.method_version, computed_at=run.computed_at
    )
    assessments = (
        run.indicators.select_related("indicator")
        .prefetch_related("series__series")
        .order_by("indicator__order", "indicator__code")
    )
    for assessment in assessments:
        rows = [_stored_row(s) for s in assessment.series.all()]
        table.rows.append(
            IndicatorRow(
                assessment.indicator,
                rows,
                assessment.breakdown,
                assessment.evaluation,
                assessment.notes,
            )
        )
    return table


def latest_run(drafts: bool = False) -> AssessmentRun | None:
    """The run the public sees: the one published last.

    With ``drafts``, the newest recompute's run whatever its status, as
    staff preview it before publication.
    """
    if drafts:
        return AssessmentRun.objects.order_by("-computed_at").first()
    return published_runs().first()


def table_to_json(table: Table) -> dict[str, Any]:
    return {
        "as_of": table.as_of.isoformat(),
        "method": table.method_version,
        "indicators": [_indicator_json(row) for row in table.rows],
    }


CSV_COLUMNS = [
    "code",
    "indicator",
    "headline",
    "series",
    "unit",
    "target",
    "latest_period",
    "latest_value",
    "desired_direction",
    "long_term_trend",
    "long_term_colour",
    "short_term_trend",
    "short_term_colour",
    "evaluation",
    "notes",
]


def table_to_csv(table: Table) -> str:
    """The table as CSV; staff text that looks like a formula is neutralised."""
    lines: list[list[Any]] = [list(CSV_COLUMNS)]
    for row in table.rows:
        rows: list[SeriesRow | None] = list(row.series) or [None]
        lines += [_csv_cells(row, series) for series in rows]
    out = io.StringIO()
    write_csv(out, lines, lineterminator="\n")
    return out.getvalue()


def table_to_text(table: Table) -> str:
    lines = [f"as of {table.as_of.isoformat()}  method {table.method_version}"]
    for row in table.rows:
        indicator = row.indicator
        lines.append(f"{indicator.code}) {indicator.name_ja}")
        for series in row.series:
            latest = (
                f"{json_number(series.latest_value)} {series.unit} "
                f"({series.latest_period})"
                if series.latest_value is not None
                else "―"
            )
            lines.append(
                f"    {series.key:<12} {latest:<40} "
                f"long {_arrow_text(series.long_term):<10} "
                f"short {_arrow_text(series.short_term)}"
            )
        if not row.series:
            lines.append("    ―")
        if row.evaluation:
            lines.append(f"    evaluation: {row.evaluation}")
    return "\n".join(lines) + "\n"


def _arrow(result: TrendResult) -> Arrow:
    change = result.relative_change
    return Arrow(
        trend=result.trend.value if result.trend else None,
        colour=result.colour.value if result.colour else None,
        change=Decimal(change.numerator) / Decimal(change.denominator)
        if change is not None
        else None,
    )


def _stored_row(stored: Any) -> SeriesRow:
    series = stored.series
    return SeriesRow(
        key=series.key,
        name_ja=series.name_ja,
        name_en=series.name_en,
        unit=series.unit,
        latest_period=stored.latest_period or None,
        latest_value=stored.latest_value,
        long_term=Arrow(
            stored.long_term_trend or None,
            stored.long_term_colour or None,
            stored.long_term_change,
        ),
        short_term=Arrow(
            stored.short_term_trend or None,
            stored.short_term_colour or None,
            stored.short_term_change,
        ),
        figure_id=stored.pk,
    )


def _latest_texts() -> dict[int, tuple[str, str]]:
    """Staff evaluation and notes per indicator, from the newest published run.

    A draft's texts are not yet approved for the public, so none is taken.
    """
    texts: dict[int, tuple[str, str]] = {}
    newest_first = IndicatorAssessment.objects.filter(
        run__status=AssessmentRun.Status.PUBLISHED
    ).order_by("-run__published_at", "-run__pk")
    for assessment in newest_first.only("indicator_id", "evaluation", "notes"):
        texts.setdefault(
            assessment.indicator_id, (assessment.evaluation, assessment.notes)
        )
    return texts


def _indicator_json(row: IndicatorRow) -> dict[str, Any]:
    indicator = row.indicator
    return {
        "code": indicator.code,
        "name_ja": indicator.name_ja,
        "name_en": indicator.name_en,
        "headline": indicator.headline,
        "series": [_series_json(indicator, s) for s in row.series],
        "breakdown": row.breakdown,
        "evaluation": row.evaluation,
        "notes": row.notes,
    }


def _series_json(indicator: Indicator, row: SeriesRow) -> dict[str, Any]:
    latest = None
    if row.latest_value is not None:
        latest = {"period": row.latest_period, "value": json_number(row.latest_value)}
    desired = indicator.desired_direction
    return {
        "key": row.key,
        "unit": row.unit,
        "latest": latest,
        "target": indicator.target_as_json(),
        "desired_direction": None if desired == "none" else desired,
        "long_term": {"trend": row.long_term.trend, "colour": row.long_term.colour},
        "short_term": {"trend": row.short_term.trend, "colour": row.short_term.colour},
    }


def _csv_cells(row: IndicatorRow, series: SeriesRow | None) -> list[Any]:
    indicator = row.indicator
    target = indicator.target_as_json()
    cells: list[Any] = [
        indicator.code,
        indicator.name_ja,
        indicator.headline,
        series.key if series else "",
        series.unit if series else indicator.unit,
        f"{target['value']} ({target['year']})" if target else "",
    ]
    if series is None:
        cells += ["", "", "", "", "", "", ""]
    else:
        cells += [
            series.latest_period or "",
            series.latest_value.normalize() if series.latest_value is not None else "",
            ""
            if indicator.desired_direction == "none"
            else indicator.desired_direction,
            series.long_term.trend or "",
            series.long_term.colour or "",
            series.short_term.trend or "",
            series.short_term.colour or "",
        ]
    return [*cells, row.evaluation, row.notes]


def _arrow_text(arrow: Arrow) -> str:
    if arrow.trend is None:
        return "―"
    return f"{arrow.trend}/{arrow.colour}" if arrow.colour else arrow.trend
