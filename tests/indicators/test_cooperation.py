"""Indicator D's rules: countries in force on a date, combinations, additions, days."""

from datetime import date

from indicators.cooperation import (
    Spell,
    additions,
    assessment_days,
    breakdown,
    combination_counts,
    count_on,
    count_series,
    fiscal_year_ends,
)

DAY = date(2019, 6, 30)


def test_a_country_in_two_frameworks_counts_once() -> None:
    spells = [
        Spell("VN", "JCM", date(2013, 7, 2)),
        Spell("VN", "MOU", date(2015, 3, 10)),
        Spell("KE", "ACCP", date(2017, 4, 25)),
    ]

    assert count_on(spells, DAY).countries == 2
    assert count_on(spells, DAY).by_framework == {"MOU": 1, "JCM": 1, "ACCP": 1}


def test_a_membership_is_in_force_on_its_first_and_last_day() -> None:
    spell = Spell("MN", "MOU", date(2014, 1, 1), left_on=date(2016, 12, 31))

    assert not spell.in_force_on(date(2013, 12, 31))
    assert spell.in_force_on(date(2014, 1, 1))
    assert spell.in_force_on(date(2016, 12, 31))
    assert not spell.in_force_on(date(2017, 1, 1))


def test_a_membership_that_ended_no_longer_counts() -> None:
    spells = [
        Spell("MN", "MOU", date(2014, 1, 1), left_on=date(2018, 12, 31)),
        Spell("KE", "ACCP", date(2017, 4, 25)),
    ]

    assert count_on(spells, date(2018, 12, 31)).countries == 2
    assert count_on(spells, date(2019, 1, 1)).countries == 1
    assert combination_counts(spells, DAY)["MOU_only"] == 0


def test_each_country_falls_in_the_one_combination_it_holds_exactly() -> None:
    joined = date(2017, 4, 25)
    holdings = {
        "AA": ["MOU"],
        "BB": ["JCM"],
        "CC": ["ACCP"],
        "DD": ["MOU", "JCM"],
        "EE": ["JCM", "ACCP"],
        "FF": ["MOU", "ACCP"],
        "GG": ["MOU", "JCM", "ACCP"],
        "HH": ["ACCP"],
    }
    spells = [Spell(c, f, joined) for c, held in holdings.items() for f in held]

    assert combination_counts(spells, DAY) == {
        "MOU_only": 1,
        "JCM_only": 1,
        "ACCP_only": 2,
        "MOU_and_JCM": 1,
        "JCM_and_ACCP": 1,
        "MOU_and_ACCP": 1,
        "all_three": 1,
    }


def test_additions_count_new_members_not_the_net_change() -> None:
    spells = [
        Spell("MN", "MOU", date(2014, 1, 1), left_on=date(2018, 12, 31)),
        Spell("IN", "MOU", date(2018, 10, 29)),
        Spell("CN", "MOU", date(2015, 1, 1)),
    ]

    # MOU holds 2 countries on both dates, but India is new.
    assert additions(spells, DAY, date(2018, 6, 30)) == {
        "MOU": 1,
        "JCM": 0,
        "ACCP": 0,
    }


def test_the_breakdown_compares_with_the_same_date_a_year_earlier() -> None:
    spells = [
        Spell("MN", "JCM", date(2013, 1, 8)),
        Spell("GN", "ACCP", date(2018, 9, 12)),
        Spell("IN", "MOU", date(2018, 6, 30)),
    ]

    shown = breakdown(spells, DAY)

    assert shown["compared_with"] == "2018-06-30"
    # India joined on the comparison date itself, so it is not an addition.
    assert shown["additions"] == {"MOU": 0, "JCM": 0, "ACCP": 1}
    assert shown["JCM_only"] == 1
    assert shown["ACCP_only"] == 1


def test_assessment_days_step_back_whole_years_while_the_registry_existed() -> None:
    assert assessment_days(DAY, date(2013, 1, 8)) == [
        date(year, 6, 30) for year in range(2013, 2020)
    ]
    assert assessment_days(DAY, date(2013, 7, 1))[0] == date(2014, 6, 30)
    assert assessment_days(DAY, date(2013, 6, 30))[0] == date(2013, 6, 30)


def test_a_29_february_as_of_date_steps_back_to_28_february() -> None:
    days = assessment_days(date(2020, 2, 29), date(2018, 1, 1))

    assert days == [date(2018, 2, 28), date(2019, 2, 28), date(2020, 2, 29)]


def test_fiscal_year_ends_run_from_the_first_membership_to_the_as_of_date() -> None:
    ends = fiscal_year_ends(date(2013, 1, 8), DAY)

    assert ends == [date(year, 3, 31) for year in range(2013, 2020)]
    assert fiscal_year_ends(date(2013, 4, 1), date(2014, 3, 30)) == []


def test_the_series_has_year_ends_for_charts_and_positions_for_the_assessment() -> None:
    spells = [
        Spell("MN", "JCM", date(2013, 1, 8)),
        Spell("KE", "JCM", date(2013, 6, 12)),
    ]

    points = count_series(spells, date(2014, 6, 30))

    assert [(p.day, p.countries, p.position, p.fiscal_year) for p in points] == [
        (date(2013, 3, 31), 1, None, 2012),
        (date(2013, 6, 30), 2, 2013, None),
        (date(2014, 3, 31), 2, None, 2013),
        (date(2014, 6, 30), 2, 2014, None),
    ]


def test_there_is_no_value_before_the_first_membership() -> None:
    spells = [Spell("MN", "JCM", date(2013, 1, 8))]

    assert count_series(spells, date(2012, 12, 31)) == []
    assert count_series([], DAY) == []
