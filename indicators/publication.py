"""Publishing assessment runs, and reading them back with what changed.

Reviewers approve a draft run in the admin; from then on it is frozen
(see ``indicators.models.assessment``) and the public pages and
``indicator_table`` show it until the next publication. Published runs
are ordered by when they were published: "the previous published run" is
the one published before. Each publication says why in ``change_note``;
``changes_since`` lists what differs from the run published before it.
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import AssessmentRun, IndicatorAssessment, SeriesAssessment
from indicators.run_changes import (
    Arrow,
    Change,
    Latest,
    RunState,
    SeriesState,
    compare_runs,
)

logger = logging.getLogger(__name__)

PUBLISHED = AssessmentRun.Status.PUBLISHED


class PublicationRefused(Exception):
    """The run cannot be published as asked; the message says why."""


@dataclass(frozen=True)
class PublishedEntry:
    """A published run in the history, with what changed since the one before."""

    run: AssessmentRun
    previous: AssessmentRun | None
    changes: list[Change]


def published_runs() -> "QuerySet[AssessmentRun]":
    """Published runs, the one published last first."""
    return AssessmentRun.objects.filter(status=PUBLISHED).order_by(
        "-published_at", "-pk"
    )


def latest_published() -> AssessmentRun | None:
    return published_runs().first()


def previous_published(run: AssessmentRun) -> AssessmentRun | None:
    """The run published before ``run``; for a draft, the latest published one."""
    if not run.is_published or run.published_at is None:
        return latest_published()
    earlier = published_runs().filter(published_at__lt=run.published_at)
    return earlier.first()


def publish_run(run: AssessmentRun, user: Any, change_note: str) -> AssessmentRun:
    """Approve a draft for the public, saying what changed and why."""
    note = change_note.strip()
    if not note:
        raise PublicationRefused(_("公表の理由（何がなぜ変わったか）を書いてください"))
    with transaction.atomic():
        locked = AssessmentRun.objects.select_for_update().get(pk=run.pk)
        if locked.is_published:
            raise PublicationRefused(_("この評価はすでに公表されています"))
        locked.status = PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = user if getattr(user, "pk", None) else None
        locked.change_note = note
        locked.save()
    logger.info("assessment run %s as of %s published", locked.pk, locked.as_of)
    return locked


def publish_if_changed(run: AssessmentRun, user: Any, change_note: str) -> bool:
    """Publish ``run`` unless the latest published run already says the same.

    Scripts (``load_sample``) run again and again; the history gains an
    entry only when the date, the method, a value, an arrow or a text differs.
    """
    latest = latest_published()
    if latest is not None and latest.pk == run.pk:
        return False
    same_run = latest is not None and (latest.as_of, latest.method_version) == (
        run.as_of,
        run.method_version,
    )
    if same_run and not changes_since(run, latest):
        return False
    publish_run(run, user, change_note)
    return True


def changes_since(run: AssessmentRun, previous: AssessmentRun | None) -> list[Change]:
    if previous is None:
        return []
    states = run_states([run.pk, previous.pk])
    return compare_runs(states.get(previous.pk, RunState()), states[run.pk])


def published_history() -> list[PublishedEntry]:
    """Every published run, newest first, each compared with the one before."""
    runs = list(published_runs().select_related("published_by"))
    states = run_states([run.pk for run in runs])
    entries = []
    for run, previous in zip(runs, [*runs[1:], None], strict=True):
        before = states.get(previous.pk, RunState()) if previous else None
        changes = compare_runs(before, states.get(run.pk, RunState()))
        entries.append(PublishedEntry(run, previous, changes))
    return entries


def run_states(run_ids: list[int]) -> dict[int, RunState]:
    """The comparable state of each run, in two queries whatever their number."""
    states: dict[int, RunState] = {pk: RunState() for pk in run_ids}
    assessments = IndicatorAssessment.objects.filter(run_id__in=run_ids)
    for pk, code, evaluation, notes in assessments.values_list(
        "run_id", "indicator__code", "evaluation", "notes"
    ):
        states[pk].texts[code] = (evaluation, notes)
    rows = (
        SeriesAssessment.objects.filter(indicator_assessment__run_id__in=run_ids)
        .select_related("series", "indicator_assessment__indicator")
        .order_by(
            "indicator_assessment__indicator__order",
            "indicator_assessment__indicator__code",
            "series__order",
            "series__key",
        )
    )
    for row in rows:
        run_id = row.indicator_assessment.run_id
        states[run_id].series.append(_series_state(row))
    return states


def _series_state(row: SeriesAssessment) -> SeriesState:
    series = row.series
    return SeriesState(
        code=row.indicator_assessment.indicator.code,
        key=series.key,
        name_ja=series.name_ja,
        name_en=series.name_en,
        unit=series.unit,
        latest=Latest(row.latest_period or None, row.latest_value),
        long_term=Arrow(row.long_term_trend or None, row.long_term_colour or None),
        short_term=Arrow(row.short_term_trend or None, row.short_term_colour or None),
    )
