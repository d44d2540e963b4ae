"""Admin exports: CSV and XLSX only, formula-looking text neutralised, numbers kept."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from indicators.models import ReferenceValue
from tests.factories import ReferenceSeriesFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
FIELDS = ("series", "period", "value", "unit", "source")


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("kanri", password="x" * 12)
    client.force_login(user)
    return client


@pytest.fixture
def hostile_value() -> ReferenceValue:
    series = ReferenceSeriesFactory.create(key="basel-export-tonnes", unit="t")
    return ReferenceValue.objects.create(
        series=series,
        fiscal_year=2018,
        value=Decimal("-12.5"),
        source='=HYPERLINK("http://127.0.0.1/","出典")',
    )


def export(client: Client, file_format: str) -> bytes:
    form = {"format": file_format, "resource": "0"}
    form |= {f"referencevalueresource_{name}": "on" for name in FIELDS}
    response = client.post("/admin/indicators/referencevalue/export/", form)
    assert response.status_code == 200, response.content[:2000]
    return response.content


def test_only_csv_and_xlsx_are_offered(admin_client: Client) -> None:
    page = admin_client.get("/admin/indicators/referencevalue/export/")
    choices = [label for _, label in page.context["form"].fields["format"].choices]

    assert choices == ["---", "csv", "xlsx"]


def test_the_csv_export_neutralises_formulas_and_keeps_numbers(
    admin_client: Client, hostile_value: ReferenceValue
) -> None:
    content = export(admin_client, CSV_FORMAT)

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == list(FIELDS)
    assert rows[1] == [
        "basel-export-tonnes",
        "2018",
        "-12.500000",
        "t",
        '\'=HYPERLINK("http://127.0.0.1/","出典")',
    ]


def test_the_xlsx_export_writes_text_as_text_and_numbers_as_numbers(
    admin_client: Client, hostile_value: ReferenceValue
) -> None:
    content = export(admin_client, XLSX_FORMAT)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    source, value = sheet["E2"], sheet["C2"]
    assert source.data_type == "s"
    assert source.value == '=HYPERLINK("http://127.0.0.1/","出典")'
    assert source.quotePrefix is True
    assert value.data_type == "n"
    assert value.value == -12.5
    assert sheet["B2"].value == 2018
