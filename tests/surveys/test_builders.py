from datetime import date
from decimal import Decimal

import pytest

from indicators.computed import compute_indicator
from surveys.models import Municipality
from tests.factories_surveys import (
    MunicipalityFactory,
    SurveyFactory,
    SurveyResponseFactory,
)

AS_OF = date(2019, 6, 30)


def respond(fiscal_year: int, municipality: Municipality, **answers: bool) -> None:
    answers.setdefault("no_cooperation", not any(answers.values()))
    SurveyResponseFactory(
        survey=SurveyFactory(fiscal_year=fiscal_year),
        municipality=municipality,
        **answers,
    )


@pytest.fixture
def five_cities(db: None) -> list[Municipality]:
    return MunicipalityFactory.create_batch(5)


def test_f_counts_each_cooperating_municipality_once(five_cities) -> None:
    first, second, third, fourth, _fifth = five_cities
    respond(
        2017,
        first,
        specific_partner=True,
        general_cooperation=True,
        kind_sister_city=True,
        kind_other=True,
    )
    respond(2017, second, specific_partner=True, kind_sister_city=True)
    respond(2017, third, general_cooperation=True, kind_training_exchange=True)
    respond(2017, fourth)

    f = compute_indicator("F", AS_OF)

    (point,) = f.series[0].points
    assert (point.period, point.value, point.position) == ("FY2017", Decimal(3), 2017)
    assert f.breakdown == {
        "population": 5,
        "specific_partner": 2,
        "general_cooperation": 2,
        "no_cooperation": 1,
        "both": 1,
        "kinds": {
            "sister_city": 2,
            "multilateral": 0,
            "training_exchange": 1,
            "other": 1,
        },
        "fiscal_year": 2017,
    }


def test_a_year_without_a_survey_is_a_gap_not_a_zero(five_cities) -> None:
    respond(2015, five_cities[0], general_cooperation=True)
    respond(2017, five_cities[0], general_cooperation=True)

    points = compute_indicator("F", AS_OF).series[0].points

    assert [p.period for p in points] == ["FY2015", "FY2017"]


def test_a_survey_whose_fiscal_year_is_running_is_shown_but_not_assessed(
    five_cities,
) -> None:
    respond(2017, five_cities[0], general_cooperation=True)

    f = compute_indicator("F", date(2018, 1, 15))

    (point,) = f.series[0].points
    assert (point.value, point.position, point.complete) == (Decimal(1), None, False)
    assert f.breakdown is None


def test_a_survey_not_yet_taken_on_the_as_of_date_does_not_count(five_cities) -> None:
    respond(2017, five_cities[0], general_cooperation=True)

    assert compute_indicator("F", date(2017, 9, 30)).series[0].points == []


def test_without_any_survey_f_has_no_value(db: None) -> None:
    f = compute_indicator("F", AS_OF)

    assert f.series[0].points == []
    assert f.breakdown is None
