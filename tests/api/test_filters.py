"""Filter values outside what the schema documents are refused, not ignored."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("indicators/?headline=maybe", "headline"),
        ("indicators/?headline=6254", "headline"),
        ("series-values/?complete=yes", "complete"),
        ("series-values/?fiscal_year_min=٢٠١٨", "fiscal_year_min"),
        ("series-values/?fiscal_year_max=2018.0", "fiscal_year_max"),
        ("series-values/?period_end_after=10/25/2006", "period_end_after"),
        ("series-values/?period_end_before=2019-02-30", "period_end_before"),
        ("series-values/?series=1e3", "series"),
        ("series-values/?series=-3058986771592014698363778601320448", "series"),
        ("series-values/?ordering=value", "ordering"),
        ("series-values/?ordering=period_end,-nothing", "ordering"),
        ("series-values/?page_size=٣", "page_size"),
        ("indicators/?kind=weather", "kind"),
    ],
)
def test_a_value_the_schema_does_not_allow_is_a_400(
    api: APIClient, query: str, parameter: str
) -> None:
    response = api.get(f"/api/v1/{query}")
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "indicators/?headline=true",
        "indicators/?headline=0",
        "indicators/?headline=",
        "series-values/?fiscal_year_min=&period_end_after=&cursor=&page_size=",
        "series-values/?ordering=-period_end,id",
        "series-values/?period_end_after=2019-03-31",
    ],
)
def test_documented_and_empty_values_are_accepted(api: APIClient, query: str) -> None:
    assert api.get(f"/api/v1/{query}").status_code == 200
