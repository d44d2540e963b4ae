"""CSV and XLSX downloads: BOM, exact values, gaps, plain text for formulas."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from indicators.exporting import csv_bytes, csv_cell, xlsx_bytes
from indicators.listings import Cell
from indicators.models import Series
from tests.factories_pages import store_published_series

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_looks_like_a_formula_gets_an_apostrophe(start: str) -> None:
    assert csv_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_ordinary_text_is_left_alone() -> None:
    assert csv_cell("鉄鋼くず (=ferrous scrap)") == "鉄鋼くず (=ferrous scrap)"


def test_a_csv_starts_with_a_bom_and_writes_numbers_exactly() -> None:
    # The view strips the stored six places (see the chart CSV tests below).
    body = csv_bytes([["期間", "値"], ["2018年度", Decimal("26110000")]])
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig") == "期間,値\r\n2018年度,26110000\r\n"


def test_an_xlsx_keeps_numbers_as_numbers_and_formulas_as_text() -> None:
    rows: list[list[Cell]] = [["=1+1", Decimal("-5"), Decimal("0.25"), "@x"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, title="値")))["値"]
    cells = [cell.value for cell in sheet[1]]
    # Formula-like text is stored as text with Excel's quote prefix.
    assert cells == ["=1+1", -5, 0.25, "@x"]
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].quotePrefix and sheet["D1"].quotePrefix


@pytest.fixture
def published(reference_data: None, monkeypatch: pytest.MonkeyPatch) -> None:
    store_published_series(monkeypatch)


@pytest.mark.usefixtures("published")
class TestChartDownloads:
    def test_the_csv_has_every_period_with_gaps_left_empty(
        self, client: Client
    ) -> None:
        response = client.get("/indicators/A/charts/totals.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="A-totals.csv"' in response["Content-Disposition"]
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "期間,輸出量（トン）,輸入量（トン）,注記"
        assert lines[1] == "2000年度,7679412,4011111,"
        assert lines[2] == "2001年度,,,"
        assert lines[19] == "2018年度,26110000,7220000,"
        assert lines[20] == "2019年度,4300000,,未確定：輸出量"
        assert "出典,財務省「貿易統計」より作成" in lines

    def test_the_english_csv_labels_fiscal_years(self, client: Client) -> None:
        response = client.get("/en/indicators/E/charts/selected-and-applications.csv")
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[1:3] == ["FY2017,13,20,", "FY2018,11,23,"]

    def test_the_csv_follows_the_readers_choice(self, client: Client) -> None:
        url = (
            "/indicators/A/charts/export-by-country.csv?export-by-country=ferrous-scrap"
        )
        response = client.get(url)
        assert (
            "A-export-by-country-ferrous-scrap.csv" in response["Content-Disposition"]
        )
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "期間,中国（トン）,韓国（トン）,ベトナム（トン）,注記"

    def test_a_breakdown_downloads_its_members_at_the_date(
        self, client: Client
    ) -> None:
        response = client.get("/indicators/F/charts/by-answer.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        rows = [[c.value for c in row] for row in sheet.iter_rows(max_row=4)]
        assert rows == [
            ["項目", "2017年度（団体）", "注記"],
            ["特定の海外自治体と連携", 14, None],
            ["特定ではない国際協力", 14, None],
            ["国際協力はしていない", 1714, None],
        ]

    def test_a_series_name_that_looks_like_a_formula_stays_text(
        self, client: Client
    ) -> None:
        Series.objects.filter(indicator__code="E", key="selected").update(
            name_ja='=HYPERLINK("http://127.0.0.1/")'
        )
        response = client.get("/indicators/E/charts/selected-and-applications.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        # Stored as text with Excel's quote prefix: shown, never run.
        assert sheet["B1"].value == '=HYPERLINK("http://127.0.0.1/")（件）'
        assert sheet["B1"].data_type == "s" and sheet["B1"].quotePrefix
        assert sheet["B2"].value == 13


@pytest.mark.usefixtures("published")
def test_the_assessment_table_downloads_as_xlsx_for_the_staff(
    client: Client,
) -> None:
    response = client.get("/table.xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["記号", "指標", "代表指標", "系列", "数値目標", "最新値"]
    exports = rows[1]
    assert exports[:4] == ["A", "循環資源の輸出入量", "補助指標", "輸出量"]
    assert exports[5:8] == [26110000, "トン", "2018年度"]
    # 13 → 11 projects is −15 %: a fall, in words.
    projects = next(row for row in rows if row[0] == "E")
    assert projects[10] == "減少"
    assert ["評価基準日", "2019-06-30"] in [[r[0], str(r[1])[:10]] for r in rows if r]


def test_the_assessment_table_is_not_found_before_any_recompute(
    client: Client, reference_data: None
) -> None:
    assert client.get("/table.xlsx").status_code == 404
