"""The survey endpoints: public aggregates per year, staff-only responses."""

import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.reference_data import load_all_reference_data
from surveys.sample import load_survey_sample
from tests.api.conftest import token_client
from tests.api.test_views import csv_rows, results
from tests.factories_surveys import (
    MunicipalityFactory,
    SurveyFactory,
    SurveyResponseFactory,
)

pytestmark = pytest.mark.django_db


def answered(code: str, **answers: bool) -> Any:
    municipality = MunicipalityFactory.create(code=code)
    fields = {"no_cooperation": not answers, **answers}
    return SurveyResponseFactory.create(municipality=municipality, **fields)


@pytest.fixture
def staff_reader() -> APIClient:
    return token_client(is_staff=True, permissions=["view_surveyresponse"])


class TestSurveyResults:
    def test_a_municipality_with_both_answers_counts_once(self, api: APIClient) -> None:
        answered("011002", specific_partner=True, general_cooperation=True)
        answered("012025", general_cooperation=True, kind_other=True)
        answered("012033")

        (row,) = api.get("/api/v1/survey-results/").json()

        assert (row["fiscal_year"], row["cooperating"], row["both"]) == (2017, 2, 1)
        assert (row["responses"], row["no_cooperation"]) == (3, 1)
        assert row["kinds"]["other"] == 1

    def test_the_bundled_survey_gives_the_published_fy2017_figures(
        self, api: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        load_all_reference_data()
        load_survey_sample()

        # One query for the surveys, then responses and population of each.
        with django_assert_max_num_queries(5):
            response = api.get("/api/v1/survey-results/?fiscal_year_min=2017")

        (row,) = response.json()
        assert row["cooperating"] == 27
        assert (row["specific_partner"], row["general_cooperation"]) == (14, 14)
        assert (row["no_cooperation"], row["both"]) == (1714, 1)
        assert row["population"] == 1741
        assert row["kinds"] == {
            "sister_city": 9,
            "multilateral": 4,
            "training_exchange": 14,
            "other": 8,
        }

    def test_a_year_range_outside_the_surveys_is_empty(self, api: APIClient) -> None:
        answered("011002", specific_partner=True)
        assert api.get("/api/v1/survey-results/?fiscal_year_max=2016").json() == []

    def test_results_come_as_csv_with_the_kinds_as_json(self, api: APIClient) -> None:
        answered("011002", specific_partner=True, kind_sister_city=True)
        (row,) = csv_rows(api.get("/api/v1/survey-results/?format=csv"))
        assert (row["fiscal_year"], row["cooperating"]) == ("2017", "1")
        assert json.loads(row["kinds"])["sister_city"] == 1


class TestSurveyResponses:
    def test_anonymous_readers_are_asked_for_a_token(self, api: APIClient) -> None:
        answered("011002")
        response = api.get("/api/v1/survey-responses/")
        assert response.status_code == 401
        assert "011002" not in response.content.decode()

    def test_staff_without_the_view_permission_are_refused(self) -> None:
        answered("011002")
        client = token_client(is_staff=True)
        assert client.get("/api/v1/survey-responses/").status_code == 403

    def test_a_non_staff_user_with_the_permission_is_refused(self) -> None:
        client = token_client(permissions=["view_surveyresponse"])
        assert client.get("/api/v1/survey-responses/").status_code == 403

    def test_staff_read_codes_as_six_digit_strings(
        self, staff_reader: APIClient, django_assert_max_num_queries: Any
    ) -> None:
        answered("011002", specific_partner=True)
        answered("012025")

        with django_assert_max_num_queries(6):  # the token and user, then the page
            rows = results(staff_reader.get("/api/v1/survey-responses/"))

        assert [r["municipality_code"] for r in rows] == ["011002", "012025"]
        assert [r["specific_partner"] for r in rows] == [True, False]

    def test_csv_keeps_the_leading_zero_of_a_code(
        self, staff_reader: APIClient
    ) -> None:
        answered("011002")
        rows = csv_rows(staff_reader.get("/api/v1/survey-responses/?format=csv"))
        assert rows[0]["municipality_code"] == "011002"

    def test_responses_filter_by_year_and_code(self, staff_reader: APIClient) -> None:
        answered("011002")
        later = SurveyFactory.create(fiscal_year=2018)
        SurveyResponseFactory.create(
            survey=later, municipality=MunicipalityFactory.create(code="011002")
        )

        query = "fiscal_year=2018&municipality_code=011002"
        rows = results(staff_reader.get(f"/api/v1/survey-responses/?{query}"))

        assert [r["fiscal_year"] for r in rows] == [2018]
