"""Management commands of the foundation: reference data, recompute, the table."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from indicators.models import AssessmentRun, Indicator, ReferenceSeries
from indicators.tasks import request_recompute

pytestmark = pytest.mark.django_db


def test_load_reference_adds_the_six_indicators_and_no_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_reference")
    assert list(Indicator.objects.values_list("code", flat=True)) == list("ABCDEF")
    assert Indicator.objects.filter(headline=True).count() == 2
    assert ReferenceSeries.objects.count() == 6
    assert not AssessmentRun.objects.exists()
    assert "reference data loaded" in capsys.readouterr().out


def test_load_reference_never_overwrites_a_staff_edit() -> None:
    call_command("load_reference")
    Indicator.objects.filter(code="D").update(target_value=60, target_year=2025)
    call_command("load_reference")
    d = Indicator.objects.get(code="D")
    assert (d.target_value, d.target_year) == (60, 2025)
    assert Indicator.objects.count() == 6


def test_c_has_no_headline_value_as_in_the_review() -> None:
    call_command("load_reference")
    assert not Indicator.objects.get(code="C").has_headline_value


def test_indicator_table_without_a_recompute_says_what_to_do() -> None:
    with pytest.raises(CommandError, match="recompute"):
        call_command("indicator_table")


@pytest.mark.usefixtures("reference_data")
def test_recompute_sync_stores_a_run_for_the_given_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("recompute", "--sync", "--as-of", "2019-06-30")
    run = AssessmentRun.objects.get()
    assert run.as_of == date(2019, 6, 30)
    assert run.indicators.count() == 6
    assert "recomputed 6 indicators as of 2019-06-30" in capsys.readouterr().out


@pytest.mark.usefixtures("reference_data")
def test_recompute_without_sync_goes_through_the_task(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("recompute", "--as-of", "2019-06-30")
    assert AssessmentRun.objects.filter(as_of=date(2019, 6, 30)).exists()
    assert "recompute queued" in capsys.readouterr().out


@pytest.mark.usefixtures("reference_data")
def test_the_table_prints_as_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("recompute", "--sync", "--as-of", "2019-06-30")
    capsys.readouterr()
    call_command("indicator_table", "--draft", "--format", "json")
    table = json.loads(capsys.readouterr().out)
    assert table["as_of"] == "2019-06-30"
    assert [i["code"] for i in table["indicators"]] == list("ABCDEF")
    call_command("indicator_table", "--draft", "--format", "csv")
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("code,indicator,headline,series,unit,target")


@pytest.mark.usefixtures("reference_data")
def test_a_recompute_is_queued_only_after_the_change_commits(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request_recompute(date(2019, 6, 30))
        assert not AssessmentRun.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert AssessmentRun.objects.filter(as_of=date(2019, 6, 30)).exists()


@pytest.mark.usefixtures("reference_data")
def test_a_database_error_asks_celery_to_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    from celery.exceptions import Retry
    from django.db import OperationalError

    from indicators import tasks

    def lost_connection(day: date) -> AssessmentRun:
        raise OperationalError("connection lost")

    monkeypatch.setattr(tasks, "recompute_all", lost_connection)
    # In-process Celery surfaces the retry request instead of sleeping on it.
    with pytest.raises(Retry):
        tasks.recompute.delay("2019-06-30")
    assert not AssessmentRun.objects.exists()


@pytest.mark.usefixtures("reference_data")
def test_a_recompute_finding_the_lock_taken_does_not_run_alongside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from indicators import tasks
    from indicators.locks import job_lock

    with job_lock(tasks.RECOMPUTE_LOCK):
        assert tasks.recompute.delay("2019-06-30").get() is None
    assert not AssessmentRun.objects.exists()


@pytest.mark.usefixtures("reference_data")
def test_load_sample_fills_demo_text_but_keeps_what_staff_wrote() -> None:
    from indicators.models import IndicatorAssessment

    call_command("load_sample")
    run = AssessmentRun.objects.get(as_of=date(2019, 6, 30))
    d = IndicatorAssessment.objects.get(run=run, indicator__code="D")
    assert d.evaluation == "取組は順調に進んでいる。"
    IndicatorAssessment.objects.filter(pk=d.pk).update(evaluation="職員の評価")
    call_command("load_sample")
    d.refresh_from_db()
    assert d.evaluation == "職員の評価"


def test_load_reference_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_reference", "--dry-run")
    assert not Indicator.objects.exists()
    assert "nothing written" in capsys.readouterr().out


@pytest.mark.usefixtures("reference_data")
def test_recompute_dry_run_stores_no_run(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("recompute", "--dry-run", "--as-of", "2019-06-30")
    assert not AssessmentRun.objects.exists()
    assert (
        "recomputed 6 indicators as of 2019-06-30 (dry run" in capsys.readouterr().out
    )


@pytest.mark.usefixtures("reference_data")
def test_load_sample_dry_run_loads_and_rolls_back() -> None:
    from indicators.models import Membership

    call_command("load_sample", "--dry-run")
    assert not Membership.objects.exists()
    assert not AssessmentRun.objects.exists()
