"""The bundled survey data, through the real importer, gives the published F."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.computed import compute_indicator
from indicators.reference_data import load_all_reference_data
from indicators.sample import SAMPLE_AS_OF
from indicators.table import table_as_of
from surveys.models import SourceRow, SurveyResponse
from surveys.sample import load_survey_sample

# The review document, FY2017 (n = 1,741): 14 cooperate with a specific
# overseas municipality, 14 cooperate without one, 1,714 do not; one chose
# both cooperation answers, so F = 27. Kinds among the 27: sister or partner
# city 9, multi-municipality framework 4, training or exchange 14, other 8.
PUBLISHED_FY2017 = {
    "population": 1741,
    "specific_partner": 14,
    "general_cooperation": 14,
    "no_cooperation": 1714,
    "both": 1,
    "kinds": {"sister_city": 9, "multilateral": 4, "training_exchange": 14, "other": 8},
    "fiscal_year": 2017,
}


@pytest.fixture
def sample(db: None) -> None:
    load_all_reference_data()
    load_survey_sample()


def test_the_sample_reproduces_the_published_fy2017_figures(sample: None) -> None:
    table = table_as_of(SAMPLE_AS_OF)

    (row,) = [r for r in table.rows if r.indicator.code == "F"]
    (series,) = row.series
    assert (series.latest_period, series.latest_value) == ("FY2017", Decimal(27))
    assert row.breakdown == PUBLISHED_FY2017
    assert series.short_term.trend == "up"
    assert series.long_term.trend is None  # no value in the base year 2000


def test_the_sample_draws_the_published_answers_and_kinds(sample: None) -> None:
    drawn = {
        s.key: {p.period: p.value for p in s.points}["FY2017"]
        for s in compute_indicator("F", SAMPLE_AS_OF).series
    }

    assert drawn == {
        "cooperating": 27,
        "answer--specific-partner": 14,
        "answer--general-cooperation": 14,
        "answer--both": 1,
        "answer--none": 1714,
        "kind--sister-city": 9,
        "kind--multilateral": 4,
        "kind--training-exchange": 14,
        "kind--other": 8,
    }


def test_the_earlier_survey_gives_a_slightly_lower_f(sample: None) -> None:
    points = compute_indicator("F", SAMPLE_AS_OF).series[0].points

    assert [(p.period, p.value) for p in points] == [
        ("FY2016", Decimal(25)),
        ("FY2017", Decimal(27)),
    ]


def test_the_sample_s_messy_rows_are_merged_and_matched(sample: None) -> None:
    fy2017 = SurveyResponse.objects.filter(survey__fiscal_year=2017)
    assert fy2017.count() == 1741
    merged = {
        r.municipality.name
        for r in fy2017.select_related("municipality")
        if r.source_rows.count() > 1
    }
    assert merged == {"栃木市", "富山市", "水俣市"}
    assert fy2017.exclude(review_reason="").get().municipality.name == "富山市"
    rows = SourceRow.objects.filter(survey__fiscal_year=2017)
    assert rows.count() == 1744
    assert rows.get(municipality_name="髙﨑市").response.municipality.name == "高崎市"
    assert (
        rows.get(municipality_code="４０１００５").response.municipality.code
        == "401005"
    )
    nakagawa = fy2017.get(municipality__code="403059").municipality
    assert nakagawa.name == "那珂川町"


def test_loading_the_sample_again_changes_nothing(sample: None) -> None:
    history = SurveyResponse.history.count()

    load_survey_sample()

    assert SurveyResponse.history.count() == history
    assert SurveyResponse.objects.filter(survey__fiscal_year=2016).count() == 1741
    assert date(2016, 10, 1) in set(
        SurveyResponse.objects.values_list("survey__survey_date", flat=True)
    )
