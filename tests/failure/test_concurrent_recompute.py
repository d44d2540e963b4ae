"""Two recomputes at once against PostgreSQL: one runs, the other does not.

The first recompute is held inside its series builder while a second one
starts from another thread (its own database connection): the command
refuses, an in-process task skips, and a worker's task asks to be retried
later. When the first finishes there is one run, with the right values.
"""

import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command
from django.db import connection

from indicators import computed, tasks
from indicators.computed import ComputedIndicator, ComputedSeries, fiscal_year_point
from indicators.models import AssessmentRun, SeriesAssessment

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

AS_OF = "2019-06-30"


class HeldBuilder:
    """Indicator E's builder (10, 13, 11 projects), held until released."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, as_of: date) -> ComputedIndicator:
        self.entered.set()
        assert self.release.wait(15), "the held recompute was never released"
        points = [
            fiscal_year_point(year, Decimal(n), "count of selected projects")
            for year, n in {2016: 10, 2017: 13, 2018: 11}.items()
        ]
        series = ComputedSeries("total", "選定事業数", "Projects", "projects", points)
        return ComputedIndicator("E", [series])


@pytest.fixture
def held(
    reference_data: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HeldBuilder]:
    builder = HeldBuilder()
    monkeypatch.setitem(computed._BUILDERS, "E", builder)
    for code in "ABCDF":
        monkeypatch.setitem(
            computed._BUILDERS, code, lambda _: ComputedIndicator("-", [])
        )
    yield builder
    builder.release.set()


def in_thread(errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            call_command("recompute", "--sync", "--as-of", AS_OF)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_recompute_while_one_runs_is_refused_skipped_or_retried(
    held: HeldBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[BaseException] = []
    first = in_thread(errors)
    assert held.entered.wait(15), "the first recompute never started"

    with pytest.raises(CommandError, match="another recompute is running"):
        call_command("recompute", "--sync", "--as-of", AS_OF)
    skipped = tasks.recompute.apply(args=[AS_OF]).get()
    retried = worker_retry(monkeypatch)

    held.release.set()
    first.join(20)
    assert not first.is_alive() and errors == []
    assert skipped is None
    assert retried == {"countdown": 30, "max_retries": 20}
    run = AssessmentRun.objects.get()
    row = SeriesAssessment.objects.get(indicator_assessment__run=run)
    assert (row.latest_period, row.latest_value) == ("FY2018", 11)


def worker_retry(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Run the task as a worker would (not eagerly); return how it asked to retry."""
    asked: dict[str, object] = {}

    def retry(**options: object) -> Retry:
        asked.update({k: options[k] for k in ("countdown", "max_retries")})
        return Retry("retry requested")

    task = tasks.recompute._get_current_object()  # type: ignore[attr-defined]
    monkeypatch.setattr(task, "retry", retry)
    task.push_request(is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry):
            task.run(AS_OF)
    finally:
        task.pop_request()
    return asked


def test_after_the_first_finishes_the_next_recompute_runs(held: HeldBuilder) -> None:
    held.release.set()
    call_command("recompute", "--sync", "--as-of", AS_OF)
    call_command("recompute", "--sync", "--as-of", AS_OF)

    assert AssessmentRun.objects.count() == 1
