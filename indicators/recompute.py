"""Rebuild every stored series and the assessment of each indicator.

Running it twice for the same as-of date gives the same rows: series values
are upserted by period, stale periods removed, and the draft run for that
date updated in place (staff text untouched); series a builder no longer
computes are removed. A published run is frozen,
so a recompute after publication starts a new draft.
"""

import logging
import time
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from indicators.assessment import DEFAULT_METHOD, Method
from indicators.computed import ComputedIndicator, ComputedSeries, compute_indicator
from indicators.models import (
    AssessmentRun,
    Indicator,
    IndicatorAssessment,
    Series,
    SeriesAssessment,
    SeriesValue,
)
from indicators.table import SeriesRow, assess_series, table_series

logger = logging.getLogger(__name__)

STORED_PRECISION = Decimal("1e-8")


def recompute_all(as_of: date, method: Method = DEFAULT_METHOD) -> AssessmentRun:
    started = time.monotonic()
    with transaction.atomic():
        run = _draft_run(as_of, method)
        run.data_as_of = timezone.now()
        for indicator in Indicator.objects.all():
            computed = compute_indicator(indicator.code, as_of)
            stored = store_series(indicator, computed.series)
            _remove_stale_series(indicator, stored)
            _store_assessment(run, indicator, computed, stored, method)
        run.save(update_fields=["data_as_of", "computed_at"])
    logger.info(
        "recompute as of %s: %d indicators in %.2f s",
        as_of,
        run.indicators.count(),
        time.monotonic() - started,
    )
    return run


SERIES_FIELDS = ["name_ja", "name_en", "unit", "valuation", "in_table", "order"]
VALUE_FIELDS = [
    "period_end",
    "fiscal_year",
    "position",
    "value",
    "complete",
    "method",
    "provenance",
    "computed_at",
]


def store_series(
    indicator: Indicator, computed: list[ComputedSeries]
) -> dict[str, Series]:
    """Upsert an indicator's series and their values in a few queries (an
    indicator such as A has hundreds of series); periods no longer
    computed are removed."""
    stored = _upsert_series(indicator, computed)
    now = timezone.now()
    rows = [
        SeriesValue(
            series=stored[c.key],
            period=p.period,
            period_end=p.period_end,
            fiscal_year=p.fiscal_year,
            position=p.position,
            value=p.value,
            complete=p.complete,
            method=p.method,
            provenance=p.provenance,
            computed_at=now,
        )
        for c in computed
        for p in c.points
    ]
    SeriesValue.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["series", "period"],
        update_fields=VALUE_FIELDS,
    )
    # Every value computed now carries ``now``; the others are stale.
    series_ids = [s.pk for s in stored.values()]
    SeriesValue.objects.filter(series_id__in=series_ids).exclude(
        computed_at=now
    ).delete()
    return stored


def _upsert_series(
    indicator: Indicator, computed: list[ComputedSeries]
) -> dict[str, Series]:
    existing = {
        s.key: s for s in indicator.series.filter(key__in=[c.key for c in computed])
    }
    changed, added = [], []
    for c in computed:
        fields = {name: getattr(c, name) for name in SERIES_FIELDS}
        series = existing.get(c.key)
        if series is None:
            added.append(Series(indicator=indicator, key=c.key, **fields))
        elif any(getattr(series, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(series, name, value)
            changed.append(series)
    Series.objects.bulk_update(changed, SERIES_FIELDS, batch_size=500)
    for series in Series.objects.bulk_create(added, batch_size=500):
        existing[series.key] = series
    if added and any(s.pk is None for s in added):
        # A backend that returns no ids on bulk insert: read them back.
        existing = {s.key: s for s in indicator.series.all()}
    return existing


def _remove_stale_series(indicator: Indicator, stored: dict[str, Series]) -> None:
    """Drop the series a builder no longer computes (renamed keys, partners
    that left the top few), unless an assessment still refers to one. An
    indicator with no series computed (no builder) keeps what it has."""
    if not stored:
        return
    stale = indicator.series.exclude(key__in=list(stored)).filter(
        seriesassessment__isnull=True
    )
    stale.delete()


def _draft_run(as_of: date, method: Method) -> AssessmentRun:
    now = timezone.now()
    run = AssessmentRun.objects.filter(
        as_of=as_of,
        method_version=method.version,
        status=AssessmentRun.Status.DRAFT,
    ).first()
    if run is None:
        run = AssessmentRun.objects.create(
            as_of=as_of, method_version=method.version, computed_at=now
        )
    run.computed_at = now
    return run


def _store_assessment(
    run: AssessmentRun,
    indicator: Indicator,
    computed: ComputedIndicator,
    stored: dict[str, Series],
    method: Method,
) -> None:
    assessment, created = IndicatorAssessment.objects.get_or_create(
        run=run, indicator=indicator
    )
    # Saved only when something changed, so each version in its history is
    # a real change, not a nightly recompute finding the same.
    if created:
        _carry_over_text(assessment)
    if created or assessment.breakdown != computed.breakdown:
        assessment.breakdown = computed.breakdown
        assessment.save()

    rows = []
    if indicator.has_headline_value:
        rows = [assess_series(indicator, s, method) for s in table_series(computed)]
    assessment.series.exclude(series__key__in=[r.key for r in rows]).delete()
    for row in rows:
        _store_series_assessment(assessment, stored[row.key], row)


def _store_series_assessment(
    assessment: IndicatorAssessment, series: Series, row: SeriesRow
) -> None:
    latest = None
    if row.latest_period is not None:
        latest = series.values.filter(period=row.latest_period).first()
    values = {
        "latest_id": latest.pk if latest else None,
        "latest_period_end": latest.period_end if latest else None,
        "latest_complete": latest.complete if latest else True,
        "latest_method": latest.method if latest else "",
        "latest_provenance": latest.provenance if latest else {},
        "latest_period": row.latest_period or "",
        "latest_value": row.latest_value,
        "long_term_trend": row.long_term.trend or "",
        "long_term_colour": row.long_term.colour or "",
        "long_term_change": row.long_term.change,
        "short_term_trend": row.short_term.trend or "",
        "short_term_colour": row.short_term.colour or "",
        "short_term_change": row.short_term.change,
    }
    stored, created = SeriesAssessment.objects.get_or_create(
        indicator_assessment=assessment, series=series, defaults=values
    )
    if created or all(_same(getattr(stored, k), v) for k, v in values.items()):
        return
    for name, value in values.items():
        setattr(stored, name, value)
    stored.save()


def _same(stored: object, computed: object) -> bool:
    """Equal as stored: the database keeps ratios to ten decimal places."""
    if isinstance(stored, Decimal) and isinstance(computed, Decimal):
        return abs(stored - computed) < STORED_PRECISION
    return stored == computed


def _carry_over_text(assessment: IndicatorAssessment) -> None:
    """A new run starts with the evaluation and notes of the previous one.

    The previous one is the newest that has any text: a draft recomputed
    after the text was written elsewhere (say, for today's date, while the
    reviewers wrote on the run they then published) must not pass on its
    emptiness.
    """
    previous = (
        IndicatorAssessment.objects.filter(indicator=assessment.indicator)
        .exclude(pk=assessment.pk)
        .exclude(evaluation="", notes="")
        .order_by("-run__computed_at")
        .first()
    )
    if previous is not None:
        assessment.evaluation = previous.evaluation
        assessment.notes = previous.notes
