"""Reads for the public pages: stored series by chart, the overview, one value.

Every number comes from stored ``SeriesValue`` rows (written by recompute)
or from an area's registered lists; nothing here computes a figure, it only
picks rows. A page costs a fixed number of queries whatever the number of
records behind its series, and its aggregates are cached under the time of
the latest recompute, so a new recompute is seen at once. An indicator page
is cached per language, as an area's lists are written in the reader's.
"""

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Q
from django.utils.translation import get_language

from indicators.charts import ChartShape, ChartSpec, charts_for, keys_regex
from indicators.listings import Listing, listings_for
from indicators.models import (
    AssessmentRun,
    Indicator,
    Series,
    SeriesAssessment,
    SeriesValue,
)
from indicators.periods import period_axis, period_sort_key
from indicators.provenance import SourceLink, provenance_links
from indicators.publication import (
    changes_since,
    latest_published,
    previous_published,
    published_runs,
)
from indicators.run_changes import Change
from indicators.table import SeriesRow, Table, latest_run, stored_table

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600
# What a reader may pass to choose an item or a period: a key segment or a
# period, nothing else reaches a query or a cache key.
REQUESTED_VALUE = re.compile(r"[A-Za-z0-9-]{1,40}")


@dataclass(frozen=True)
class StoredPoint:
    id: int
    value: Decimal
    complete: bool


@dataclass(frozen=True)
class Line:
    """One stored series as a chart draws it: its values by period."""

    key: str
    name_ja: str
    name_en: str
    unit: str
    valuation: str
    points: dict[str, StoredPoint]


@dataclass(frozen=True)
class Choice:
    value: str
    name_ja: str
    name_en: str


@dataclass
class ChartBlock:
    spec: ChartSpec
    unit: str
    lines: list[Line]
    axis: list[str]
    choices: list[Choice] = field(default_factory=list)
    chosen: str | None = None
    # A breakdown chart shows one period, chosen from these (latest first).
    periods: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def has_incomplete(self) -> bool:
        return any(
            not point.complete for line in self.lines for point in line.points.values()
        )


@dataclass
class IndicatorPage:
    indicator: Indicator
    charts: list[ChartBlock]
    listings: list[Listing]

    def chart(self, slug: str) -> ChartBlock | None:
        return next((c for c in self.charts if c.slug == slug), None)

    def listing(self, slug: str) -> Listing | None:
        return next((x for x in self.listings if x.slug == slug), None)


@dataclass
class IndicatorCard:
    """An indicator on the overview: its table series drawn small."""

    indicator: Indicator
    lines: list[Line]
    axis: list[str]
    rows: list[SeriesRow] = field(default_factory=list)


@dataclass
class Overview:
    run: AssessmentRun | None
    table: Table | None
    cards: list[IndicatorCard]


@dataclass(frozen=True)
class PublishedRun:
    """One published run as it was approved, and what changed from the one before."""

    run: AssessmentRun
    table: Table
    previous: AssessmentRun | None
    changes: list[Change]
    latest_pk: int | None


@dataclass(frozen=True)
class ValueDetail:
    value: "SeriesValue | RunFigure"
    links: list[SourceLink]


@dataclass(frozen=True)
class RunFigure:
    """A run's latest value as the run saw it, shaped like a stored value."""

    series: Series
    period: str
    period_end: date | None
    value: Decimal | None
    complete: bool
    method: str
    provenance: dict[str, Any]
    computed_at: datetime


def recompute_stamp() -> str:
    """When the stored series last changed: the latest recompute."""
    latest = AssessmentRun.objects.aggregate(latest=Max("computed_at"))["latest"]
    return _stamp(latest)


def indicator_page(code: str, params: Mapping[str, str]) -> IndicatorPage | None:
    """The charts and lists of one indicator, or None for an unknown code."""
    requested = requested_choices(code, params)
    chosen = "&".join(f"{slug}={value}" for slug, value in sorted(requested.items()))
    language = get_language() or "ja"
    key = f"pages:indicator:{code}:{language}:{chosen}:{recompute_stamp()}"
    page = cache.get(key)
    if page is None:
        page = _build_indicator_page(code, requested)
        if page is not None:
            cache.set(key, page, CACHE_SECONDS)
    return page


def requested_choices(code: str, params: Mapping[str, str]) -> dict[str, str]:
    """The reader's choices, one per chart slug, shaped like a segment or period."""
    slugs = {spec.slug for spec in charts_for(code)}
    return {
        slug: value
        for slug in slugs
        if (value := params.get(slug)) and REQUESTED_VALUE.fullmatch(value)
    }


def overview(drafts: bool = False) -> Overview:
    """The published assessment table and a small chart per indicator.

    With ``drafts`` (staff only), the newest recompute's run instead.
    """
    run = latest_run(drafts)
    table = stored_table(run) if run is not None else None
    # The small charts draw the stored series, which the latest recompute
    # wrote (it may be newer than the run shown).
    key = f"pages:overview:{recompute_stamp()}"
    cards: list[IndicatorCard] | None = cache.get(key)
    if cards is None:
        cards = _build_cards()
        cache.set(key, cards, CACHE_SECONDS)
    rows = {row.indicator.code: row.series for row in table.rows} if table else {}
    for card in cards:
        card.rows = rows.get(card.indicator.code, [])
    return Overview(run, table, cards)


def published_run(pk: int) -> PublishedRun | None:
    """A published run by id; drafts are not public and give None."""
    run = published_runs().filter(pk=pk).first()
    if run is None:
        return None
    previous = previous_published(run)
    latest = latest_published()
    return PublishedRun(
        run=run,
        table=stored_table(run),
        previous=previous,
        changes=changes_since(run, previous),
        latest_pk=latest.pk if latest else None,
    )


def value_detail(pk: int) -> ValueDetail | None:
    """One stored value with its series, method and provenance links."""
    value = (
        SeriesValue.objects.select_related("series__indicator").filter(pk=pk).first()
    )
    if value is None:
        return None
    return ValueDetail(value, provenance_links(value.provenance or {}))


def figure_detail(run_pk: int, pk: int, drafts: bool = False) -> ValueDetail | None:
    """The latest value of one series of a run, frozen with the run; a
    draft's only with ``drafts`` (staff)."""
    runs = AssessmentRun.objects.all() if drafts else published_runs()
    stored = (
        SeriesAssessment.objects.select_related(
            "series__indicator", "indicator_assessment__run"
        )
        .filter(indicator_assessment__run__in=runs.filter(pk=run_pk), pk=pk)
        .exclude(latest_period="")
        .first()
    )
    if stored is None:
        return None
    figure = RunFigure(
        series=stored.series,
        period=stored.latest_period,
        period_end=stored.latest_period_end,
        value=stored.latest_value,
        complete=stored.latest_complete,
        method=stored.latest_method,
        provenance=stored.latest_provenance or {},
        computed_at=stored.indicator_assessment.run.computed_at,
    )
    return ValueDetail(figure, provenance_links(figure.provenance))


def _stamp(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else "never"


def _build_indicator_page(code: str, requested: dict[str, str]) -> IndicatorPage | None:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return None
    specs = charts_for(code)

    choices = _choices(indicator, specs)
    chosen = {
        slug: _pick([c.value for c in options], requested.get(slug))
        for slug, options in choices.items()
    }
    # A chart that offers a choice but found nothing to choose is left out.
    drawable = [s for s in specs if not s.choices or chosen.get(s.slug)]

    found = _matching_series(indicator, drawable, chosen)
    members = {s.slug: _members(s, found, chosen.get(s.slug)) for s in drawable}
    periods = _breakdown_periods(drawable, members)
    shown = {
        slug: _pick(options, requested.get(slug)) for slug, options in periods.items()
    }
    points = _points(members, shown)

    charts = []
    for spec in drawable:
        block = _block(spec, members[spec.slug], points, shown.get(spec.slug))
        if block is not None:
            block.choices, block.chosen = (
                choices.get(spec.slug, []),
                chosen.get(spec.slug),
            )
            block.periods = periods.get(spec.slug, [])
            charts.append(block)
    return IndicatorPage(indicator, charts, listings_for(code, _shown(charts)))


def _shown(charts: list[ChartBlock]) -> dict[str, str]:
    """What each drawn chart shows: its chosen item, or a breakdown's period."""
    shown = {}
    for block in charts:
        if block.chosen:
            shown[block.slug] = block.chosen
        elif block.spec.shape is ChartShape.BREAKDOWN and block.axis:
            shown[block.slug] = block.axis[0]
    return shown


def _choices(indicator: Indicator, specs: list[ChartSpec]) -> dict[str, list[Choice]]:
    """What each chart with a ``choices`` template offers, in one query."""
    patterns = {
        s.slug: re.compile(keys_regex((s.choices,))) for s in specs if s.choices
    }
    if not patterns:
        return {}
    condition = reduce(or_, [Q(key__regex=p.pattern) for p in patterns.values()])
    candidates = Series.objects.filter(indicator=indicator).filter(condition)
    options: dict[str, list[Choice]] = {slug: [] for slug in patterns}
    for series in candidates.order_by("order", "key"):
        for slug, pattern in patterns.items():
            match = pattern.match(series.key)
            if match and match.group(1) not in {c.value for c in options[slug]}:
                options[slug].append(
                    Choice(match.group(1), series.name_ja, series.name_en)
                )
    return options


def _pick(options: list[str], requested: str | None) -> str | None:
    if requested in options:
        return requested
    return options[0] if options else None


def _matching_series(
    indicator: Indicator, specs: list[ChartSpec], chosen: dict[str, str | None]
) -> list[Series]:
    if not specs:
        return []
    condition = reduce(
        or_, [Q(key__regex=keys_regex(s.keys, chosen.get(s.slug))) for s in specs]
    )
    query = Series.objects.filter(indicator=indicator).filter(condition)
    return list(query.order_by("order", "key"))


def _members(spec: ChartSpec, found: list[Series], choice: str | None) -> list[Series]:
    """The series a chart draws, in a single unit: in the order of the
    templates that match them, then by the series' order and key."""
    patterns = [re.compile(keys_regex((t,), choice)) for t in spec.keys]
    ranked = []
    for series in found:
        rank = next((i for i, p in enumerate(patterns) if p.match(series.key)), None)
        if rank is not None:
            ranked.append((rank, series.order, series.key, series))
    matched = [series for *_, series in sorted(ranked, key=lambda r: r[:3])]
    if not matched:
        return []
    unit = spec.unit or matched[0].unit
    return [s for s in matched if s.unit == unit]


def _breakdown_periods(
    specs: list[ChartSpec], members: dict[str, list[Series]]
) -> dict[str, list[str]]:
    """Periods a breakdown chart can show, latest first (a query per chart)."""
    periods = {}
    for spec in specs:
        if spec.shape is ChartShape.BREAKDOWN and members[spec.slug]:
            found = SeriesValue.objects.filter(series__in=members[spec.slug])
            distinct = set(found.values_list("period", flat=True).distinct())
            periods[spec.slug] = sorted(distinct, key=period_sort_key, reverse=True)
    return periods


def _points(
    members: dict[str, list[Series]], shown: dict[str, str | None]
) -> dict[int, dict[str, StoredPoint]]:
    """The values every chart draws, in one query."""
    over_time = {
        s.pk for slug, series in members.items() if slug not in shown for s in series
    }
    conditions = [Q(series_id__in=over_time)] if over_time else []
    for slug, period in shown.items():
        ids = [s.pk for s in members[slug]]
        conditions.append(Q(series_id__in=ids, period=period))
    if not conditions:
        return {}
    rows = SeriesValue.objects.filter(reduce(or_, conditions)).values_list(
        "id", "series_id", "period", "value", "complete"
    )
    points: dict[int, dict[str, StoredPoint]] = {}
    for pk, series_id, period, value, complete in rows:
        points.setdefault(series_id, {})[period] = StoredPoint(pk, value, complete)
    return points


def _block(
    spec: ChartSpec,
    members: list[Series],
    points: dict[int, dict[str, StoredPoint]],
    period: str | None,
) -> ChartBlock | None:
    lines = [_line(s, points.get(s.pk, {})) for s in members]
    lines = [line for line in lines if line.points]
    if not lines:
        return None
    if spec.shape is ChartShape.BREAKDOWN:
        axis = [period] if period else []
    else:
        axis = period_axis(p for line in lines for p in line.points)
    return ChartBlock(spec=spec, unit=lines[0].unit, lines=lines, axis=axis)


def _line(series: Series, points: dict[str, StoredPoint]) -> Line:
    return Line(
        key=series.key,
        name_ja=series.name_ja,
        name_en=series.name_en,
        unit=series.unit,
        valuation=series.valuation,
        points=points,
    )


def _build_cards() -> list[IndicatorCard]:
    """Each indicator with the series of its table row, in two queries."""
    values = (
        SeriesValue.objects.filter(
            series__in_table=True, series__indicator__has_headline_value=True
        )
        .select_related("series")
        .order_by("series__order", "series__key")
    )
    by_indicator: dict[int, dict[int, Line]] = {}
    for value in values:
        series = value.series
        found = by_indicator.setdefault(series.indicator_id, {})
        line = found.setdefault(series.pk, _line(series, {}))
        line.points[value.period] = StoredPoint(value.pk, value.value, value.complete)
    cards = []
    for indicator in Indicator.objects.all():
        lines = list(by_indicator.get(indicator.pk, {}).values())
        axis = period_axis(p for line in lines for p in line.points)
        cards.append(IndicatorCard(indicator, lines, axis))
    return cards


def latest_point(line: Line) -> tuple[str, StoredPoint] | None:
    """The newest period of a line that has a value."""
    if not line.points:
        return None
    period = max(line.points, key=period_sort_key)
    return period, line.points[period]
