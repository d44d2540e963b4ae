"""Recompute stores series and assessments, idempotently, keeping staff text."""

from datetime import date
from decimal import Decimal

import pytest

from indicators import computed
from indicators.computed import ComputedIndicator, ComputedSeries, fiscal_year_point
from indicators.models import (
    AssessmentRun,
    Indicator,
    IndicatorAssessment,
    SeriesAssessment,
    SeriesValue,
)
from indicators.recompute import recompute_all
from indicators.table import stored_table, table_as_of, table_to_json

pytestmark = pytest.mark.django_db

AS_OF = date(2019, 6, 30)


def projects_series(as_of: date) -> ComputedIndicator:
    """A stand-in builder: 10, 13, 11 projects in FY2016-FY2018."""
    counts = {2016: 10, 2017: 13, 2018: 11}
    points = [
        fiscal_year_point(year, Decimal(n), "count of selected projects")
        for year, n in counts.items()
        if date(year + 1, 3, 31) <= as_of
    ]
    series = ComputedSeries(
        "total", "選定事業数", "Selected projects", "projects", points
    )
    return ComputedIndicator("E", [series])


@pytest.fixture
def projects_builder(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(computed._BUILDERS, "E", projects_series)
    for code in "ABCDF":
        monkeypatch.setitem(
            computed._BUILDERS, code, lambda _: ComputedIndicator("-", [])
        )


@pytest.mark.usefixtures("projects_builder")
class TestRecompute:
    def test_it_stores_each_value_with_its_method(self) -> None:
        recompute_all(AS_OF)
        values = SeriesValue.objects.filter(series__indicator__code="E")
        assert {v.period: v.value for v in values} == {
            "FY2016": 10,
            "FY2017": 13,
            "FY2018": 11,
        }
        assert {v.method for v in values} == {"count of selected projects"}

    def test_it_assesses_the_latest_fiscal_year(self) -> None:
        run = recompute_all(AS_OF)
        row = SeriesAssessment.objects.get(indicator_assessment__run=run)
        assert (row.latest_period, row.latest_value) == ("FY2018", 11)
        # 13 → 11 is −15 %: down; no value in 2000: no long-term trend.
        assert row.short_term_trend == "down"
        assert row.long_term_trend == ""
        assert row.latest is not None and row.latest.value == 11

    def test_running_twice_changes_nothing(self) -> None:
        first = recompute_all(AS_OF)
        values = list(SeriesValue.objects.values_list("pk", "period", "value"))
        second = recompute_all(AS_OF)
        assert second.pk == first.pk
        assert AssessmentRun.objects.count() == 1
        assert list(SeriesValue.objects.values_list("pk", "period", "value")) == values
        assert SeriesAssessment.objects.count() == 1

    def test_staff_text_survives_a_recompute(self) -> None:
        run = recompute_all(AS_OF)
        IndicatorAssessment.objects.filter(run=run, indicator__code="E").update(
            evaluation="前年度から減少", notes="フォローアップが必要"
        )
        recompute_all(AS_OF)
        kept = IndicatorAssessment.objects.get(run=run, indicator__code="E")
        assert (kept.evaluation, kept.notes) == (
            "前年度から減少",
            "フォローアップが必要",
        )

    def test_a_new_as_of_date_starts_from_the_previous_text(self) -> None:
        run = recompute_all(AS_OF)
        run.indicators.filter(indicator__code="E").update(evaluation="減少")
        later = recompute_all(date(2020, 6, 30))
        assert later.pk != run.pk
        assert later.indicators.get(indicator__code="E").evaluation == "減少"

    def test_a_published_run_is_never_changed(self) -> None:
        run = recompute_all(AS_OF)
        run.status = AssessmentRun.Status.PUBLISHED
        run.save()
        draft = recompute_all(AS_OF)
        assert draft.pk != run.pk
        assert draft.status == AssessmentRun.Status.DRAFT

    def test_a_period_no_longer_computed_is_removed(self) -> None:
        recompute_all(AS_OF)
        recompute_all(date(2018, 6, 30))
        periods = SeriesValue.objects.values_list("period", flat=True)
        assert sorted(periods) == ["FY2016", "FY2017"]

    def test_an_indicator_without_a_headline_value_has_no_series_rows(self) -> None:
        Indicator.objects.filter(code="E").update(has_headline_value=False)
        run = recompute_all(AS_OF)
        assert not SeriesAssessment.objects.filter(indicator_assessment__run=run)


@pytest.mark.usefixtures("projects_builder")
class TestTable:
    def test_the_json_table_has_the_documented_shape(self) -> None:
        run = recompute_all(AS_OF)
        table = table_to_json(stored_table(run))
        assert table["as_of"] == "2019-06-30"
        e = next(i for i in table["indicators"] if i["code"] == "E")
        assert e["headline"] is True
        assert e["series"] == [
            {
                "key": "total",
                "unit": "projects",
                "latest": {"period": "FY2018", "value": 11},
                "target": None,
                "desired_direction": "up",
                "long_term": {"trend": None, "colour": None},
                "short_term": {"trend": "down", "colour": None},
            }
        ]

    def test_an_as_of_table_sees_only_periods_ended_by_then(self) -> None:
        table = table_to_json(table_as_of(date(2018, 6, 30)))
        e = next(i for i in table["indicators"] if i["code"] == "E")
        # FY2017 is the latest: 10 → 13 is +30 %.
        assert e["series"][0]["latest"] == {"period": "FY2017", "value": 13}
        assert e["series"][0]["short_term"]["trend"] == "up"

    def test_a_target_colours_the_arrows(self) -> None:
        # b₂ over FY2016-FY2018 = 0.5; p(2020) = 11 + 0.5 × 2 = 12 ≥ 12: blue.
        Indicator.objects.filter(code="E").update(target_value=12, target_year=2020)
        table = table_to_json(table_as_of(AS_OF))
        e = next(i for i in table["indicators"] if i["code"] == "E")
        assert e["series"][0]["target"] == {"value": 12, "year": 2020}
        assert e["series"][0]["short_term"] == {"trend": "down", "colour": "blue"}


@pytest.mark.usefixtures("projects_builder")
def test_a_recompute_finding_the_same_adds_no_version_to_the_history() -> None:
    recompute_all(AS_OF)
    versions = (IndicatorAssessment.history.count(), SeriesAssessment.history.count())

    recompute_all(AS_OF)

    assert (
        IndicatorAssessment.history.count(),
        SeriesAssessment.history.count(),
    ) == versions


@pytest.mark.usefixtures("projects_builder")
def test_a_new_run_takes_the_text_of_the_newest_run_that_has_any() -> None:
    early_draft = recompute_all(date(2020, 6, 30))  # recomputed later, no text
    written = recompute_all(AS_OF)
    written.indicators.filter(indicator__code="E").update(evaluation="減少")
    recompute_all(date(2020, 6, 30))  # the empty draft is now the newest

    later = recompute_all(date(2021, 6, 30))

    assert early_draft.indicators.get(indicator__code="E").evaluation == ""
    assert later.indicators.get(indicator__code="E").evaluation == "減少"
