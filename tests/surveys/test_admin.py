"""The survey admin: merged responses with their rows, and the import preview."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from surveys.models import SourceRow, SurveyResponse
from tests.factories_surveys import (
    MunicipalityFactory,
    SourceRowFactory,
    SurveyFactory,
    SurveyResponseFactory,
)
from tests.surveys.test_resources import HEADER, ROWS, import_survey


@pytest.fixture
def staff(db: None) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("staff", password="x"))
    return client


def test_the_response_list_shows_merged_responses_in_bounded_queries(
    staff: Client, django_assert_max_num_queries
) -> None:
    survey = SurveyFactory()
    for _ in range(20):
        response = SurveyResponseFactory(survey=survey)
        SourceRowFactory(response=response)
    merged = SurveyResponseFactory(survey=survey, municipality__name="統合市")
    SourceRowFactory.create_batch(2, response=merged)
    url = reverse("admin:surveys_surveyresponse_changelist")

    with django_assert_max_num_queries(12):
        page = staff.get(url)
    merged_only = staff.get(url, {"merged": "yes"})

    assert page.status_code == 200
    assert page.context["cl"].result_count == 21
    assert [r.municipality.name for r in merged_only.context["cl"].result_list] == [
        "統合市"
    ]


def test_a_merged_response_shows_its_source_rows(staff: Client, small_registry) -> None:
    import_survey(ROWS + ",富山県,富山市,1,0,0,0,0,1,0,再提出\n")
    toyama = SurveyResponse.objects.get(municipality__name="富山市")

    page = staff.get(reverse("admin:surveys_surveyresponse_change", args=[toyama.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "fy2017.csv" in text
    assert "行 6、8 を1件の回答に統合" in text
    assert "再提出" in text


def test_the_import_page_lists_the_columns_a_survey_file_may_have(
    staff: Client,
) -> None:
    page = staff.get(reverse("admin:surveys_surveyresponse_import"))

    ((_, columns),) = page.context["fields_list"]
    assert columns[:3] == ["municipality_code", "municipality_name", "prefecture"]
    assert "match_note" not in columns
    assert "年度" in page.content.decode()


def upload(rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("fy2017.csv", (HEADER + rows).encode("utf-8"))


def test_the_import_preview_shows_matches_and_merges_and_writes_nothing(
    staff: Client, small_registry
) -> None:
    rows = ROWS + "093670,栃木県,岩舟町,0,0,1,0,0,0,0,\n"
    url = reverse("admin:surveys_surveyresponse_import")

    page = staff.post(
        url, {"import_file": upload(rows), "format": "0", "fiscal_year": "2017"}
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert "照合した自治体" in text
    assert "群馬県高崎市（102024）" in text
    assert "表記「野澤温泉村」を「野沢温泉村」と照合" in text
    assert "行 3、8 を1件の回答に統合" in text
    assert not SurveyResponse.objects.exists()
    assert page.context["confirm_form"]["fiscal_year"].value() == "2017"


def test_confirming_the_import_writes_the_responses(
    staff: Client, small_registry
) -> None:
    url = reverse("admin:surveys_surveyresponse_import")
    preview = staff.post(
        url, {"import_file": upload(ROWS), "format": "0", "fiscal_year": "2017"}
    )
    confirm = preview.context["confirm_form"]

    staff.post(
        reverse("admin:surveys_surveyresponse_process_import"),
        {field.name: field.value() for field in confirm},
    )

    assert SurveyResponse.objects.count() == 6
    assert set(SourceRow.objects.values_list("source_file", flat=True)) == {
        "fy2017.csv"
    }


def test_the_import_preview_lists_a_bad_row_with_its_candidates(
    staff: Client, small_registry
) -> None:
    url = reverse("admin:surveys_surveyresponse_import")

    page = staff.post(
        url,
        {
            "import_file": upload(ROWS + ",,府中市,0,0,1,0,0,0,0,\n"),
            "format": "0",
            "fiscal_year": "2017",
        },
    )

    text = page.content.decode()
    assert "広島県府中市（342068）" in text
    assert "confirm_form" not in page.context or page.context["confirm_form"] is None


def test_the_registry_list_searches_by_name(staff: Client, db: None) -> None:
    MunicipalityFactory(code="102024", prefecture="群馬県", name="高崎市")

    page = staff.get(reverse("admin:surveys_municipality_changelist"), {"q": "高崎"})

    assert page.context["cl"].result_count == 1
