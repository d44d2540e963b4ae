"""The OpenAPI schema, its documentation pages, and the live API held to it.

schemathesis reads the schema from a live server, generates requests for
every read operation (valid and invalid parameters), and checks each
answer: no server error, a documented status and content type, and a body
that matches the documented schema. Writes are covered by the permission
tests; here every request is anonymous.

The operations are driven through schemathesis' Python API
(``APIOperation.as_strategy``) rather than its pytest loader
``schemathesis.pytest.from_fixture``: with pytest 9 that loader fails on a
private pytest attribute (``Function._nodeid``) before running anything.
"""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, assume, given, settings, strategies
from pytest_django.live_server_helper import LiveServer
from schemathesis import GenerationMode

from indicators.follow_up import record_follow_up
from indicators.models import (
    Country,
    CustomsPartner,
    HsClassification,
    TradeFile,
    TradePeriod,
    TradeRow,
)
from indicators.recompute import recompute_all
from tests.factories import (
    IndicatorFactory,
    ReferenceSeriesFactory,
    SeriesFactory,
    SeriesValueFactory,
)
from tests.factories_api import (
    CountryFactory,
    CustomsPartnerFactory,
    ReferenceValueFactory,
)
from tests.factories_cooperation import (
    ApplicationCountFactory,
    MembershipFactory,
    ProjectFactory,
)
from tests.factories_surveys import MunicipalityFactory, SurveyResponseFactory

EXAMPLES_PER_OPERATION = 30
DOT_SEGMENTS = {".", ".."}
# Answers that are not paged lists: a table, aggregates, streamed exports.
NOT_PAGED = {
    "/api/v1/assessments/",
    "/api/v1/series-values/export/",
    "/api/v1/memberships/breakdown/",
    "/api/v1/survey-results/",
    "/api/v1/trade/",
    "/api/v1/trade/unit-values/",
    "/api/v1/trade/monthly/export/",
}


class TestSchemaAndDocs:
    pytestmark = pytest.mark.django_db

    def test_the_schema_is_openapi_3_with_every_resource(self, client: Client) -> None:
        response = client.get("/api/v1/schema/?format=json")
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert {
            "/api/v1/indicators/",
            "/api/v1/series/",
            "/api/v1/series-values/",
            "/api/v1/series-values/export/",
            "/api/v1/assessments/",
            "/api/v1/assessment-runs/",
            "/api/v1/reference-series/",
            "/api/v1/reference-values/",
            "/api/v1/countries/",
            "/api/v1/customs-partners/",
            "/api/v1/memberships/",
            "/api/v1/memberships/breakdown/",
            "/api/v1/projects/",
            "/api/v1/applications/",
            "/api/v1/survey-results/",
            "/api/v1/survey-responses/",
            "/api/v1/trade/",
            "/api/v1/trade/unit-values/",
            "/api/v1/trade/monthly/export/",
            "/api/v1/classification/",
        } <= set(schema["paths"])

    def test_every_list_documents_its_cursor_and_csv(self, client: Client) -> None:
        paths = client.get("/api/v1/schema/?format=json").json()["paths"]
        lists = [p for p in paths if p.endswith("/") and "{" not in p]
        for path in lists:
            if path in NOT_PAGED:
                continue
            operation = paths[path]["get"]
            names = {p["name"] for p in operation["parameters"]}
            assert {"cursor", "page_size", "ordering", "format"} <= names, path
            assert "text/csv" in operation["responses"]["200"]["content"], path

    def test_writes_are_documented_with_the_importers_notations(
        self, client: Client
    ) -> None:
        schema = client.get("/api/v1/schema/?format=json").json()
        body = schema["components"]["schemas"]["ReferenceValueInputRequest"]
        assert body["properties"]["fiscal_year"]["type"] == "string"
        assert (
            "401" in schema["paths"]["/api/v1/reference-values/"]["post"]["responses"]
        )

    def test_the_schema_validates_without_a_warning(self, tmp_path: Path) -> None:
        # A view drf-spectacular cannot describe fails here, not in a client.
        schema_file = tmp_path / "schema.yaml"
        call_command(
            "spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file)
        )
        assert schema_file.read_text().startswith("openapi: 3.")

    @pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
    def test_the_documentation_pages_need_no_cdn(
        self, client: Client, page: str
    ) -> None:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200
        assert "/static/drf_spectacular_sidecar/" in html
        assert "cdn.jsdelivr.net" not in html
        assert "/api/v1/schema/" in html


@pytest.fixture
def published_records(transactional_db: None) -> Iterator[None]:
    """A little of every public record, so that lists and details have rows."""
    from indicators.reference_data import load_all_reference_data

    load_all_reference_data()
    exports = SeriesFactory.create(
        indicator=IndicatorFactory.create(code="A"), key="export"
    )
    for year, value in [(2017, "27360000"), (2018, "-26110000.5")]:
        SeriesValueFactory.create(
            series=exports, fiscal_year=year, value=Decimal(value)
        )
    tonnes = ReferenceSeriesFactory.create(key="basel-export-tonnes")
    ReferenceValueFactory.create(series=tonnes, fiscal_year=2018)
    korea = CountryFactory.create(alpha2="KR", alpha3="KOR", numeric="410")
    CustomsPartnerFactory.create(code="103", country=korea)
    CountryFactory.create()
    area_records(korea)
    recompute_all(date(2019, 6, 30))
    yield


def area_records(korea: Country) -> None:
    """A membership, a project, a survey answer and a month of trade."""
    MembershipFactory.create(country=korea, joined_on=date(2013, 1, 8))
    project = ProjectFactory.create(country=korea)
    record_follow_up(project, "preparing", date(2019, 3, 1))
    ApplicationCountFactory.create()
    SurveyResponseFactory.create(
        municipality=MunicipalityFactory.create(code="011002"),
        specific_partner=True,
        kind_sister_city=True,
    )
    # The classification comes with the reference data.
    hs_code = HsClassification.objects.values_list("hs_code", flat=True)[0]
    trade_file = TradeFile.objects.create(name="customs.csv", status="loaded")
    TradePeriod.objects.create(
        direction=1,
        month=date(2018, 4, 1),
        scope="national",
        layout="national",
        revision="confirmed",
        file=trade_file,
    )
    TradeRow.objects.create(
        direction=1,
        hs_code=hs_code,
        month=date(2018, 4, 1),
        partner=CustomsPartner.objects.get(code="103"),
        tonnes=Decimal("1000.5"),
        value=-3,
        file=trade_file,
    )


@pytest.fixture
def live_schema(live_server: LiveServer, published_records: None) -> Any:
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")


def test_every_read_answers_as_the_schema_says(live_schema: Any) -> None:
    reads = live_schema.include(method="GET").get_all_operations()
    operations = [result.ok() for result in reads]
    assert len(operations) >= 34
    for operation in operations:
        answers_as_documented(operation)


def answers_as_documented(operation: Any) -> None:
    """Valid and invalid requests to one operation, each answer checked."""
    requests = strategies.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=requests)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        # A path segment "." or ".." cannot be sent: HTTP clients remove
        # dot segments (RFC 3986), so the request would go to another path.
        assume(not DOT_SEGMENTS & set((case.path_parameters or {}).values()))
        case.call_and_validate()

    check()
