"""Tables as of a date: computed once per data version, stored runs first."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from indicators import table
from indicators.models import Indicator
from indicators.publication import publish_run
from indicators.recompute import recompute_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

AS_OF = date(2019, 6, 30)
URL = f"/api/v1/assessments/?as_of={AS_OF.isoformat()}"


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The indicator codes the table module computes, one entry per call."""
    calls: list[str] = []
    original = table.compute_indicator

    def counting(code: str, as_of: date) -> table.ComputedIndicator:
        calls.append(code)
        return original(code, as_of)

    monkeypatch.setattr(table, "compute_indicator", counting)
    return calls


def test_repeated_requests_compute_the_table_once(computed: list[str]) -> None:
    api = APIClient()

    first = api.get(URL)
    second = api.get(URL)

    assert (first.status_code, second.status_code) == (200, 200)
    assert sorted(computed) == sorted(Indicator.objects.values_list("code", flat=True))
    assert second.json() == first.json()


def test_a_recompute_after_a_data_change_computes_it_again(
    computed: list[str],
) -> None:
    api = APIClient()
    api.get(URL)
    once = len(computed)

    recompute_all(date(2019, 3, 31))
    api.get(URL)
    api.get(URL)

    assert once == Indicator.objects.count()
    assert len(computed) == 2 * once


def test_another_date_is_computed_on_its_own(computed: list[str]) -> None:
    api = APIClient()

    api.get(URL)
    api.get("/api/v1/assessments/?as_of=2018-06-30")

    assert len(computed) == 2 * Indicator.objects.count()


def test_the_run_published_for_that_date_is_served_as_stored(
    computed: list[str],
) -> None:
    run = publish_run(recompute_all(AS_OF), None, "first publication")

    response = APIClient().get(URL)

    assert response.json()["run"] == run.pk
    assert computed == []


def test_the_newest_draft_for_that_date_is_served_without_naming_it(
    computed: list[str],
) -> None:
    draft = recompute_all(AS_OF)

    response = APIClient().get(URL)

    assert response.json()["run"] is None
    assert response.json()["computed_at"] is not None
    assert draft.status == "draft"
    assert computed == []
