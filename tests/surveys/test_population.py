from datetime import date

import pytest

from surveys import records
from surveys.population import in_force, is_respondent, parse_kind

SURVEY_2017 = date(2017, 10, 1)


def test_validity_dates_are_inclusive_at_both_ends() -> None:
    start, end = date(2016, 10, 10), date(2018, 9, 30)
    assert in_force(start, end, start)
    assert in_force(start, end, end)
    assert not in_force(start, end, date(2018, 10, 1))
    assert in_force(None, None, date(1900, 1, 1))


def test_wards_of_designated_cities_and_northern_villages_never_answer() -> None:
    assert is_respondent("special_ward", None, None, SURVEY_2017)
    assert not is_respondent("designated_city_ward", None, None, SURVEY_2017)
    assert not is_respondent("northern_territories_village", None, None, SURVEY_2017)


def test_the_national_list_s_town_village_kind_is_read_from_the_name() -> None:
    assert parse_kind("town_village", "東川町") == "town"
    assert parse_kind("town_village", "泊村") == "village"
    assert parse_kind("政令指定都市", "札幌市") == "designated_city"
    with pytest.raises(ValueError):
        parse_kind("県", "群馬県")


@pytest.mark.django_db
def test_the_survey_population_on_1_october_2017_is_1741(registry: None) -> None:
    assert records.respondents_on(SURVEY_2017).count() == 1741


@pytest.mark.django_db
def test_the_2017_population_has_the_names_and_codes_in_force_then(
    registry: None,
) -> None:
    names = set(records.respondents_on(SURVEY_2017).values_list("code", "name"))
    # 那珂川町 became 那珂川市 on 2018-10-01; 篠山市 became 丹波篠山市 in 2019;
    # 富谷町 became 富谷市 in 2016; 岩舟町 joined 栃木市 in 2014.
    assert ("403059", "那珂川町") in names
    assert ("402311", "那珂川市") not in names
    assert ("282219", "篠山市") in names
    assert ("282219", "丹波篠山市") not in names
    assert ("042161", "富谷市") in names
    assert ("093670", "岩舟町") not in names


@pytest.mark.django_db
def test_the_population_follows_validity_dates_through_mergers(registry: None) -> None:
    # 1,718 municipalities and 23 special wards since 岩舟町 joined 栃木市
    # on 2014-04-05; one more the day before.
    assert records.respondents_on(date(2014, 4, 4)).count() == 1742
    assert records.respondents_on(date(2014, 4, 5)).count() == 1741
    assert records.respondents_on(date(2021, 8, 1)).count() == 1741
