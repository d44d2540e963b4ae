"""Rebuild every stored series and the assessment of each indicator.

Running it twice for the same as-of date gives the same rows: series values
are upserted by period, stale periods removed, and the draft run for that
date updated in place (staff text untouched). A published run is frozen,
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
            stored = {s.key: store_series(indicator, s) for s in computed.series}
            _store_assessment(run, indicator, computed, stored, method)
        run.save(update_fields=["data_as_of", "computed_at"])
    logger.info(
        "recompute as of %s: %d indicators in %.2f s",
        as_of,
        run.indicators.count(),
        time.monotonic() - started,
    )
    return run


def store_series(indicator: Indicator, computed: ComputedSeries) -> Series:
    """Upsert a series and its values; periods no longer computed are removed."""
    series, _ = Series.objects.update_or_create(
        indicator=indicator,
        key=computed.key,
        defaults={
            "name_ja": computed.name_ja,
            "name_en": computed.name_en,
            "unit": computed.unit,
            "valuation": computed.valuation,
            "in_table": computed.in_table,
            "order": computed.order,
        },
    )
    now = timezone.now()
    rows = [
        SeriesValue(
            series=series,
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
        for p in computed.points
    ]
    SeriesValue.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["series", "period"],
        update_fields=[
            "period_end",
            "fiscal_year",
            "position",
            "value",
            "complete",
            "method",
            "provenance",
            "computed_at",
        ],
    )
    periods = [p.period for p in computed.points]
    series.values.exclude(period__in=periods).delete()
    return series


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
