"""A register row written through the API is counted as if entered in the admin.

The admin and the importers ask for a recompute once their change has
committed, so the stored series (pages, charts, ``series-values/``) follow
the registers. A staff token's write must do the same.
"""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.models import SeriesValue
from tests.api.conftest import token_client
from tests.factories_cooperation import ProgrammeFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

Capture = Callable[..., Any]


def writer(model: str) -> APIClient:
    codenames = [f"{verb}_{model}" for verb in ("add", "change")]
    return token_client(is_staff=True, permissions=codenames)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    calls: list[str | None] = []

    def record(as_of: str | None = None) -> bool:
        calls.append(as_of)
        return True

    monkeypatch.setattr("indicators.tasks.queue_recompute", record)
    return calls


def test_a_membership_written_through_the_api_asks_for_a_recompute(
    queued: list[str | None], django_capture_on_commit_callbacks: Capture
) -> None:
    new = {"country": "KE", "framework": "ACCP", "joined_on": "2017-04-25"}

    with django_capture_on_commit_callbacks(execute=True):
        response = writer("membership").post("/api/v1/memberships/", new)

    assert response.status_code == 201, response.content
    assert queued == [None]


def test_an_application_count_changed_through_the_api_asks_for_a_recompute(
    queued: list[str | None], django_capture_on_commit_callbacks: Capture
) -> None:
    ProgrammeFactory.create(code="feasibility")
    new = {"fiscal_year": "2018", "programme": "feasibility", "applications": "30"}

    with django_capture_on_commit_callbacks(execute=True):
        response = writer("applicationcount").post("/api/v1/applications/", new)

    assert response.status_code == 201, response.content
    assert queued == [None]


def test_a_project_deleted_through_the_api_asks_for_a_recompute(
    queued: list[str | None], django_capture_on_commit_callbacks: Capture
) -> None:
    project = ProjectFactory.create()
    deleter = token_client(is_staff=True, permissions=["delete_project"])

    with django_capture_on_commit_callbacks(execute=True):
        response = deleter.delete(f"/api/v1/projects/{project.pk}/")

    assert response.status_code == 204, response.content
    assert queued == [None]


def test_a_refused_write_asks_for_no_recompute(
    queued: list[str | None], django_capture_on_commit_callbacks: Capture
) -> None:
    unknown = {"country": "KE", "framework": "XYZ", "joined_on": "2017-04-25"}

    with django_capture_on_commit_callbacks(execute=True):
        response = writer("membership").post("/api/v1/memberships/", unknown)

    assert response.status_code == 400
    assert queued == []


def test_after_a_membership_is_written_the_stored_d_counts_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    new = {"country": "KE", "framework": "ACCP", "joined_on": "2017-04-25"}

    with django_capture_on_commit_callbacks(execute=True):
        writer("membership").post("/api/v1/memberships/", new)

    # One country (Kenya) in one framework since 2017: D is 1 at the end of
    # FY2018, as on any later day.
    totals = SeriesValue.objects.filter(
        series__indicator__code="D", series__key="total", period="2019-03-31"
    )
    assert [value.value for value in totals] == [1]
