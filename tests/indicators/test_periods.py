"""The axis a chart draws: gaps stay on it, points in time keep their dates."""

import pytest

from indicators.periods import PeriodKind, period_axis, period_kind


def test_fiscal_years_not_loaded_stay_on_the_axis_as_gaps() -> None:
    assert period_axis(["FY2018", "FY2000", "FY2017"]) == [
        f"FY{year}" for year in range(2000, 2019)
    ]


def test_months_run_across_the_turn_of_the_year() -> None:
    assert period_axis(["2018-02", "2017-11"]) == [
        "2017-11",
        "2017-12",
        "2018-01",
        "2018-02",
    ]


def test_points_in_time_keep_only_the_dates_found_in_order() -> None:
    assert period_axis(["2019-06-30", "2018-06-30", "2019-03-31"]) == [
        "2018-06-30",
        "2019-03-31",
        "2019-06-30",
    ]


def test_an_empty_chart_has_no_axis() -> None:
    assert period_axis([]) == []


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        ("FY2018", PeriodKind.FISCAL_YEAR),
        ("2018-04", PeriodKind.MONTH),
        ("2019-06-30", PeriodKind.DATE),
    ],
)
def test_each_way_of_writing_a_period_is_recognised(
    period: str, kind: PeriodKind
) -> None:
    assert period_kind(period) is kind


def test_anything_else_is_not_a_period() -> None:
    with pytest.raises(ValueError, match="not a period"):
        period_kind("2018")
