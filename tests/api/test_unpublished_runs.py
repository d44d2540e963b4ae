"""A run no reviewer has published stays out of the public API.

The public pages show published runs only (a draft's page is a 404); the
API must not be a side door to a draft's arrows or its staff text.
"""

from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.models import AssessmentRun, IndicatorAssessment
from indicators.recompute import recompute_all
from tests.api.conftest import token_client
from tests.factories_pages import AS_OF, store_published_series

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

DRAFT_TEXT = "未公表の評価（確認前）"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> tuple[AssessmentRun, AssessmentRun]:
    """The published run, and the draft a later recompute starts beside it."""
    published = store_published_series(monkeypatch)
    draft = recompute_all(AS_OF)
    IndicatorAssessment.objects.filter(run=draft, indicator__code="E").update(
        evaluation=DRAFT_TEXT
    )
    return published, draft


def result_ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_public_list_of_runs_names_published_runs_only(
    api: APIClient, runs: tuple[AssessmentRun, AssessmentRun]
) -> None:
    published, draft = runs
    assert draft.status == AssessmentRun.Status.DRAFT

    assert result_ids(api.get("/api/v1/assessment-runs/")) == [published.pk]


def test_a_drafts_table_is_not_found_by_an_anonymous_reader(
    api: APIClient, runs: tuple[AssessmentRun, AssessmentRun]
) -> None:
    _, draft = runs

    response = api.get(f"/api/v1/assessment-runs/{draft.pk}/table/")

    assert response.status_code == 404
    assert DRAFT_TEXT not in response.content.decode()


def test_a_table_as_of_a_date_carries_no_unpublished_staff_text(
    api: APIClient, runs: tuple[AssessmentRun, AssessmentRun]
) -> None:
    response = api.get("/api/v1/assessments/?as_of=2019-06-30")

    assert response.status_code == 200
    assert DRAFT_TEXT not in response.content.decode()


def test_staff_who_may_view_runs_see_the_draft_beside_the_published_run(
    runs: tuple[AssessmentRun, AssessmentRun],
) -> None:
    published, draft = runs
    reviewer = token_client(is_staff=True, permissions=["view_assessmentrun"])

    listed = result_ids(reviewer.get("/api/v1/assessment-runs/"))
    table = reviewer.get(f"/api/v1/assessment-runs/{draft.pk}/table/")

    assert listed == [draft.pk, published.pk]
    assert table.status_code == 200
    assert DRAFT_TEXT in table.content.decode()


def test_staff_without_the_view_permission_see_published_runs_only(
    runs: tuple[AssessmentRun, AssessmentRun],
) -> None:
    published, _ = runs
    writer = token_client(is_staff=True, permissions=["add_membership"])

    assert result_ids(writer.get("/api/v1/assessment-runs/")) == [published.pk]


def test_a_table_as_of_a_date_carries_the_published_staff_text(
    api: APIClient, runs: tuple[AssessmentRun, AssessmentRun]
) -> None:
    published, _ = runs
    IndicatorAssessment.objects.filter(run=published, indicator__code="E").update(
        evaluation="公表済みの評価"
    )

    response = api.get("/api/v1/assessments/?as_of=2019-06-30")

    e = next(row for row in response.json()["results"] if row["code"] == "E")
    assert e["evaluation"] == "公表済みの評価"
