from datetime import date
from decimal import Decimal

import pytest

from indicators.computed import Point, compute_indicator
from indicators.models import DataImport
from surveys import builders
from surveys.models import Municipality, Survey
from tests.factories_surveys import (
    MunicipalityFactory,
    SourceRowFactory,
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


def test_f_draws_the_answers_and_the_kinds_as_series(five_cities) -> None:
    first, second, third, fourth, _fifth = five_cities
    respond(2017, first, specific_partner=True, general_cooperation=True)
    respond(2017, second, specific_partner=True, kind_sister_city=True)
    respond(2017, third, general_cooperation=True, kind_training_exchange=True)
    # Kinds ticked without a cooperation answer are not cooperation.
    respond(2017, fourth, no_cooperation=True, kind_other=True)

    drawn = {s.key: s.points[0].value for s in compute_indicator("F", AS_OF).series}

    assert drawn == {
        "cooperating": 3,
        "answer--specific-partner": 2,
        "answer--general-cooperation": 2,
        "answer--both": 1,
        "answer--none": 1,
        "kind--sister-city": 1,
        "kind--multilateral": 0,
        "kind--training-exchange": 1,
        "kind--other": 0,
    }


def test_an_f_value_names_its_survey_selection_and_municipalities(
    five_cities,
) -> None:
    first, second, third, *_ = five_cities
    respond(2017, first, specific_partner=True)
    respond(2017, second, general_cooperation=True)
    respond(2017, third)

    provenance = series_point("cooperating").provenance

    assert provenance["survey_responses"] == {
        "survey": Survey.objects.get(fiscal_year=2017).pk,
        "fiscal_year": 2017,
        "selection": "cooperating",
        "count": 2,
    }
    assert provenance["municipality_codes"] == sorted([first.code, second.code])
    assert provenance["listing"] == {
        "indicator": "F",
        "list": "municipalities",
        "choices": {"by-answer": "FY2017"},
    }


def test_a_selection_too_long_to_list_is_named_by_its_survey_and_answer(
    five_cities, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builders, "CODES_LISTED", 2)
    for municipality in five_cities:
        respond(2017, municipality)

    provenance = series_point("answer--none").provenance

    assert provenance["survey_responses"]["count"] == 5
    assert provenance["survey_responses"]["selection"] == "no_cooperation"
    assert "municipality_codes" not in provenance
    # The public list holds cooperating municipalities only.
    assert "listing" not in provenance


def test_an_f_value_names_the_files_its_answers_came_from(five_cities) -> None:
    row = SourceRowFactory(
        response__survey=SurveyFactory(fiscal_year=2017),
        response__municipality=five_cities[0],
        source_file="kaitou_2017.csv",
    )
    DataImport.objects.create(kind="survey", source_name="other.csv", status="done")
    loaded = DataImport.objects.create(
        kind="survey", source_name="kaitou_2017.csv", status="done"
    )

    provenance = series_point("cooperating").provenance

    assert provenance["source_files"] == [row.source_file]
    assert provenance["imports"] == [loaded.pk]


def series_point(key: str) -> Point:
    series = next(s for s in compute_indicator("F", AS_OF).series if s.key == key)
    return series.points[0]


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
