"""Indicator E's rules: which programmes count in which years, gaps, selection rate."""

from decimal import Decimal

from indicators.expansion import CountedYears, counting_rule, tally_by_year

PROGRAMMES = [
    CountedYears("feasibility", 2013),
    CountedYears("co2_subsidy", 2017),
]


def test_up_to_fy2016_only_the_feasibility_programme_counts() -> None:
    selections = [("feasibility", 2016), ("co2_subsidy", 2016)]
    applications = [("feasibility", 2016, 19), ("co2_subsidy", 2016, 4)]

    tally = tally_by_year(PROGRAMMES, selections, applications)[2016]

    assert tally.total_selected == 1
    assert tally.total_applications == 19


def test_from_fy2017_both_programmes_count_together() -> None:
    selections = [("feasibility", 2018)] * 7 + [("co2_subsidy", 2018)] * 4
    applications = [("feasibility", 2018, 15), ("co2_subsidy", 2018, 8)]

    tally = tally_by_year(PROGRAMMES, selections, applications)[2018]

    assert tally.selected == {"feasibility": 7, "co2_subsidy": 4}
    assert tally.total_selected == 11
    assert tally.total_applications == 23


def test_a_programme_stops_counting_after_its_last_year() -> None:
    ended = [CountedYears("feasibility", 2013, last=2016)]

    tallies = tally_by_year(ended, [("feasibility", 2016), ("feasibility", 2017)], [])

    assert list(tallies) == [2016]


def test_a_year_with_nothing_recorded_is_a_gap_not_a_zero() -> None:
    selections = [("feasibility", 2013), ("feasibility", 2015)]
    applications = [("feasibility", 2016, 12)]

    tallies = tally_by_year(PROGRAMMES, selections, applications)

    assert list(tallies) == [2013, 2015, 2016]
    # Applications but no selection recorded: a year with zero selected.
    assert tallies[2016].total_selected == 0


def test_the_selection_rate_is_selected_projects_per_hundred_applications() -> None:
    selections = [("feasibility", 2018)] * 11
    tally = tally_by_year(PROGRAMMES, selections, [("feasibility", 2018, 23)])[2018]

    # 11 / 23 = 0.478260..., so 47.83 per hundred.
    assert tally.selection_rate == Decimal("47.83")


def test_without_recorded_applications_there_is_no_rate() -> None:
    tally = tally_by_year(PROGRAMMES, [("feasibility", 2014)], [])[2014]

    assert tally.total_applications is None
    assert tally.selection_rate is None


def test_the_rule_is_stated_in_the_method_note() -> None:
    assert counting_rule(PROGRAMMES) == (
        "selected projects of the programmes counted that year: "
        "feasibility FY2013-, co2_subsidy FY2017-"
    )
