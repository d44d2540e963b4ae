"""Each figure a public page shows can be fetched from the API with the same value.

The bundled registry and survey, and generated customs files for 2017-2019
(calibrated to the review's figures), are loaded through the real
importers and recomputed as of 30 June 2019, as ``load_sample`` does.
"""

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from indicators.customs_sample import write_sample
from indicators.publication import publish_run
from indicators.recompute import recompute_all
from indicators.sample_cooperation import load_cooperation_sample
from indicators.trade_import import TradeSource, import_trade_files
from surveys.sample import load_survey_sample

pytestmark = pytest.mark.django_db

AS_OF = date(2019, 6, 30)


@pytest.fixture
def published(reference_data: None, settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    files = write_sample(tmp_path / "customs", 2017, 2019).paths
    import_trade_files([TradeSource(path) for path in files])
    load_cooperation_sample()
    load_survey_sample()
    # The public pages show the published assessment.
    publish_run(recompute_all(AS_OF), None, "bundled data")
    yield


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def shown_value(client: Client, overview: str, code: str, label: str = "") -> Decimal:
    """The exact value behind a figure of the overview's section on ``code``:
    its link leads to the published figure's page, which prints it in full."""
    section = overview[overview.index(f'<h3><a href="/indicators/{code}/">') :]
    link = re.search(
        rf'{label}<a href="(/assessments/[0-9]+/figures/[0-9]+/)">', section
    )
    assert link is not None, code
    exact = re.search(r"<code>(-?[0-9.]+)</code>", page(client, link.group(1)))
    assert exact is not None, link.group(1)
    return Decimal(exact.group(1))


def trade_quantity(api: APIClient, query: str) -> Decimal:
    (record,) = api.get(f"/api/v1/trade/?group=indicator&{query}").json()
    assert record["quantity_unit"] == "t"
    return Decimal(record["quantity"])


@pytest.mark.usefixtures("published")
def test_the_pages_and_the_api_give_the_same_figures(
    client: Client, api: APIClient
) -> None:
    overview = page(client, "/")
    fy2018 = "fiscal_year_min=2018&fiscal_year_max=2018"
    breakdown = api.get("/api/v1/memberships/breakdown/?as_of=2019-06-30").json()
    projects = api.get(f"/api/v1/projects/?{fy2018}").json()["results"]
    (survey,) = api.get("/api/v1/survey-results/?fiscal_year_min=2017").json()

    exports = trade_quantity(api, f"indicator=A&direction=export&{fy2018}")
    imports = trade_quantity(api, f"indicator=A&direction=import&{fy2018}")

    exported, imported = "循環資源の輸出量：", "循環資源の輸入量："
    assert shown_value(client, overview, "A", exported) == exports == 26_110_000
    assert shown_value(client, overview, "A", imported) == imports == 7_220_000
    assert shown_value(client, overview, "D") == breakdown["countries"] == 54
    assert shown_value(client, overview, "E") == len(projects) == 11
    assert shown_value(client, overview, "F") == survey["cooperating"] == 27
