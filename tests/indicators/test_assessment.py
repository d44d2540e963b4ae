"""The assessment method, branch by branch, with values worked out by hand."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.assessment import (
    Colour,
    Direction,
    Method,
    Target,
    Trend,
    least_squares_slope,
    long_term_trend,
    short_term_trend,
)


class TestLeastSquaresSlope:
    def test_three_points_give_the_textbook_slope(self) -> None:
        # t̄ = 2001, ȳ = 320/3; Σ(t−t̄)(y−ȳ) = 20, Σ(t−t̄)² = 2, so b = 10.
        points = {2000: Fraction(100), 2001: Fraction(100), 2002: Fraction(120)}
        assert least_squares_slope(points) == 10

    def test_one_point_has_no_slope(self) -> None:
        with pytest.raises(ValueError):
            least_squares_slope({2000: Fraction(1)})


class TestLongTermTrend:
    def test_a_series_without_a_base_year_value_is_not_assessed(self) -> None:
        result = long_term_trend({2013: 5, 2014: 6, 2015: 9})
        assert result.trend is None and result.colour is None

    def test_a_single_base_year_value_is_not_assessed(self) -> None:
        assert long_term_trend({2000: 5}).trend is None

    def test_values_before_the_base_year_are_ignored(self) -> None:
        # Without 1999 the slope over 2000-2001 is +10 on a base of 100: up.
        assert long_term_trend({1999: 1000, 2000: 100, 2001: 110}).trend is Trend.UP

    def test_a_change_just_under_ten_percent_is_flat(self) -> None:
        # b = 9.99 over one year on a base of 100: r = 0.0999.
        result = long_term_trend({2000: 100, 2001: Decimal("109.99")})
        assert result.trend is Trend.FLAT
        assert result.relative_change == Fraction(999, 10000)

    def test_a_change_of_exactly_ten_percent_is_not_flat(self) -> None:
        assert long_term_trend({2000: 100, 2001: 110}).trend is Trend.UP

    def test_a_fall_of_exactly_ten_percent_is_down(self) -> None:
        assert long_term_trend({2000: 100, 2001: 90}).trend is Trend.DOWN

    def test_the_change_is_the_slope_over_the_whole_span(self) -> None:
        # b = 10 (see the slope test), span 2 years, base 100: r = 0.2.
        result = long_term_trend({2000: 100, 2001: 100, 2002: 120})
        assert result.trend is Trend.UP
        assert result.relative_change == Fraction(1, 5)

    def test_a_zero_base_value_takes_the_direction_of_the_slope(self) -> None:
        assert long_term_trend({2000: 0, 2001: 5}).trend is Trend.UP
        assert long_term_trend({2000: 0, 2001: -5}).trend is Trend.DOWN
        assert long_term_trend({2000: 0, 2001: 0}).trend is Trend.FLAT

    def test_a_zero_base_value_leaves_the_relative_change_undefined(self) -> None:
        assert long_term_trend({2000: 0, 2001: 5}).relative_change is None

    def test_a_negative_base_value_is_measured_by_its_size(self) -> None:
        # b = +5 over one year against |−20|: r = 0.25, up.
        result = long_term_trend({2000: -20, 2001: -15})
        assert result.trend is Trend.UP
        assert result.relative_change == Fraction(1, 4)

    def test_the_base_year_can_be_set_per_indicator(self) -> None:
        values = {2013: 10, 2014: 12}
        assert long_term_trend(values).trend is None
        assert long_term_trend(values, base_year=2013).trend is Trend.UP

    def test_the_base_year_can_be_set_by_the_method(self) -> None:
        method = Method(version="test", base_year=2013)
        assert long_term_trend({2013: 10, 2014: 12}, method=method).trend is Trend.UP


class TestLongTermColour:
    decreasing = {2000: 100, 2001: 90, 2002: 80}  # b = −10, latest 80 in 2002

    def test_a_decrease_reaching_its_target_is_blue(self) -> None:
        # p = 80 + (−10)(2005 − 2002) = 50, which reaches a target of 50.
        target = Target(Fraction(50), 2005)
        result = long_term_trend(self.decreasing, target=target, desired=Direction.DOWN)
        assert result.trend is Trend.DOWN
        assert result.projection == 50
        assert result.colour is Colour.BLUE

    def test_a_decrease_falling_short_of_its_target_is_red(self) -> None:
        target = Target(Fraction(45), 2005)
        result = long_term_trend(self.decreasing, target=target, desired=Direction.DOWN)
        assert result.colour is Colour.RED

    def test_a_passed_target_year_projects_the_latest_value(self) -> None:
        # T = 2002 ≥ Y = 2001, so p = y(2002) = 80.
        met = Target(Fraction(85), 2001)
        missed = Target(Fraction(75), 2001)
        down = Direction.DOWN
        met_result = long_term_trend(self.decreasing, target=met, desired=down)
        missed_result = long_term_trend(self.decreasing, target=missed, desired=down)
        assert met_result.projection == 80
        assert met_result.colour is Colour.BLUE
        assert missed_result.colour is Colour.RED

    def test_an_increase_target_is_reached_from_below(self) -> None:
        # b = +10, latest 120 in 2002: p(2010) = 120 + 80 = 200.
        values = {2000: 100, 2001: 110, 2002: 120}
        reached = Target(Fraction(200), 2010)
        missed = Target(Fraction(201), 2010)
        up = Direction.UP
        assert long_term_trend(values, target=reached, desired=up).colour is Colour.BLUE
        assert long_term_trend(values, target=missed, desired=up).colour is Colour.RED

    def test_no_target_means_no_colour(self) -> None:
        assert long_term_trend(self.decreasing, desired=Direction.DOWN).colour is None

    def test_a_target_without_a_desired_direction_has_no_colour(self) -> None:
        target = Target(Fraction(50), 2005)
        assert long_term_trend(self.decreasing, target=target).colour is None


class TestShortTermTrend:
    def test_a_missing_previous_period_is_not_assessed(self) -> None:
        assert short_term_trend({2016: 10, 2018: 11}).trend is None

    def test_a_single_value_is_not_assessed(self) -> None:
        assert short_term_trend({2018: 11}).trend is None

    def test_thirteen_to_eleven_is_down(self) -> None:
        result = short_term_trend({2017: 13, 2018: 11})
        assert result.trend is Trend.DOWN
        assert result.relative_change == Fraction(-2, 13)

    def test_a_change_just_under_one_percent_is_flat(self) -> None:
        assert short_term_trend({2017: 1000, 2018: 1009}).trend is Trend.FLAT

    def test_a_change_of_exactly_one_percent_is_not_flat(self) -> None:
        assert short_term_trend({2017: 1000, 2018: 1010}).trend is Trend.UP
        assert short_term_trend({2017: 1000, 2018: 990}).trend is Trend.DOWN

    def test_a_zero_previous_value_takes_the_direction_of_the_change(self) -> None:
        assert short_term_trend({2017: 0, 2018: 3}).trend is Trend.UP
        assert short_term_trend({2017: 0, 2018: 0}).trend is Trend.FLAT

    def test_only_the_latest_two_periods_set_the_direction(self) -> None:
        # A long rise before does not matter: 2017 → 2018 is a fall.
        values = {2000: 1, 2010: 50, 2017: 100, 2018: 95}
        assert short_term_trend(values).trend is Trend.DOWN


class TestShortTermColour:
    rising = {2016: 10, 2017: 12, 2018: 13}  # b₂ = 1.5 (worked out below)

    def test_the_projection_uses_the_slope_of_the_last_three_periods(self) -> None:
        # t̄ = 2017, ȳ = 35/3; Σ(t−t̄)(y−ȳ) = 5/3 + 4/3 = 3, Σ(t−t̄)² = 2: b₂ = 1.5.
        # p(2022) = 13 + 1.5 × 4 = 19.
        target = Target(Fraction(19), 2022)
        result = short_term_trend(self.rising, target=target, desired=Direction.UP)
        assert result.slope == Fraction(3, 2)
        assert result.projection == 19
        assert result.colour is Colour.BLUE

    def test_a_target_beyond_the_projection_is_red(self) -> None:
        target = Target(Fraction(20), 2022)
        result = short_term_trend(self.rising, target=target, desired=Direction.UP)
        assert result.colour is Colour.RED

    def test_periods_before_the_window_do_not_change_the_slope(self) -> None:
        with_outlier = {2010: 1000, **self.rising}
        target = Target(Fraction(19), 2022)
        result = short_term_trend(with_outlier, target=target, desired=Direction.UP)
        assert result.slope == Fraction(3, 2)

    def test_two_periods_are_enough_for_the_slope(self) -> None:
        # Only 2017 and 2018: b₂ = 11 − 13 = −2; p(2020) = 11 − 4 = 7.
        target = Target(Fraction(8), 2020)
        result = short_term_trend(
            {2017: 13, 2018: 11}, target=target, desired=Direction.DOWN
        )
        assert result.projection == 7
        assert result.colour is Colour.BLUE


series_values = st.dictionaries(
    keys=st.integers(min_value=2000, max_value=2030),
    values=st.integers(min_value=-(10**9), max_value=10**9),
    min_size=1,
    max_size=12,
)
positive_factors = st.fractions(min_value=Fraction(1, 1000), max_value=1000)


Arrows = tuple[Trend | None, Colour | None, Trend | None, Colour | None]


def _arrows(
    values: dict[int, Any],
    target: Target | None = None,
    desired: Direction = Direction.NONE,
) -> Arrows:
    long_term = long_term_trend(values, target=target, desired=desired)
    short_term = short_term_trend(values, target=target, desired=desired)
    return (long_term.trend, long_term.colour, short_term.trend, short_term.colour)


@given(series_values, positive_factors)
def test_scaling_a_series_by_a_positive_factor_keeps_its_arrows(
    values: dict[int, int], factor: Fraction
) -> None:
    scaled = {t: Fraction(v) * factor for t, v in values.items()}
    assert _arrows(values) == _arrows(scaled)


@given(series_values, positive_factors, st.integers(-(10**9), 10**9))
def test_scaling_series_and_target_together_keeps_the_colours(
    values: dict[int, int], factor: Fraction, goal: int
) -> None:
    target = Target(Fraction(goal), 2030)
    scaled = {t: Fraction(v) * factor for t, v in values.items()}
    scaled_target = Target(Fraction(goal) * factor, 2030)
    for desired in (Direction.UP, Direction.DOWN):
        assert _arrows(values, target, desired) == _arrows(
            scaled, scaled_target, desired
        )


@given(series_values)
def test_negating_a_series_mirrors_its_trends(values: dict[int, int]) -> None:
    mirror = {Trend.UP: Trend.DOWN, Trend.DOWN: Trend.UP, Trend.FLAT: Trend.FLAT}
    negated = {t: -v for t, v in values.items()}
    for assess in (long_term_trend, short_term_trend):
        original, flipped = assess(values).trend, assess(negated).trend
        assert flipped == (mirror[original] if original else None)


@given(series_values, st.integers(min_value=-50, max_value=50))
def test_moving_every_year_and_the_base_year_together_changes_nothing(
    values: dict[int, int], shift: int
) -> None:
    moved = {t + shift + 100: v for t, v in values.items()}
    before = long_term_trend(values, base_year=2000)
    after = long_term_trend(moved, base_year=2100 + shift)
    assert (before.trend, before.relative_change) == (
        after.trend,
        after.relative_change,
    )
