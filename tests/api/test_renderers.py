"""CSV cells: codes keep their zeros, formulas are neutralised, numbers stay."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from indicators.api.renderers import CSVRenderer, csv_cell, csv_lines
from tests.factories import SeriesFactory, SeriesValueFactory


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+81 3 1234", "'+81 3 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("- 備考", "'- 備考"),
        # Full-width forms, as Japanese input methods type them.
        ("＝SUM(A1)", "'＝SUM(A1)"),
        ("－2", "'－2"),
        ("＠home", "'＠home"),
    ],
)
def test_text_a_spreadsheet_would_evaluate_gets_an_apostrophe(
    text: str, written: str
) -> None:
    assert csv_cell(text) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("-1250.500000"), "-1250.5"),
        ("-1250.5", "-1250.5"),
        (-7, "-7"),
        (Decimal("26110000.000000"), "26110000"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.000000"), "0"),
    ],
)
def test_numbers_stay_numbers_and_negatives_stay_negative(
    value: Any, written: str
) -> None:
    assert csv_cell(value) == written


@pytest.mark.parametrize("code", ["010121000", "004", "103", "011002"])
def test_codes_keep_their_leading_zeros(code: str) -> None:
    assert csv_cell(code) == code


def test_other_values_are_written_plainly() -> None:
    assert [csv_cell(v) for v in (None, True, False, "韓国")] == [
        "",
        "true",
        "false",
        "韓国",
    ]
    assert csv_cell({"mou": 3, "note": "=1"}) == '{"mou":3,"note":"=1"}'


def test_a_page_renders_its_results_as_utf8_rows() -> None:
    page = {
        "next": None,
        "previous": None,
        "results": [{"code": "004", "name_ja": "アフガニスタン", "value": "-3"}],
    }
    body = CSVRenderer().render(page).decode("utf-8")
    assert body == "code,name_ja,value\r\n004,アフガニスタン,-3\r\n"


def test_one_record_renders_as_one_row() -> None:
    body = CSVRenderer().render({"code": "D", "unit": "countries"})
    assert body == b"code,unit\r\nD,countries\r\n"


def test_lines_come_in_chunks_of_the_given_number_of_rows() -> None:
    chunks = list(csv_lines(["n"], ([n] for n in range(5)), rows_per_chunk=2))
    assert chunks == [b"n\r\n0\r\n1\r\n", b"2\r\n3\r\n", b"4\r\n"]


@pytest.mark.django_db
def test_a_method_text_with_a_formula_is_neutralised_in_the_api_csv(
    api: APIClient,
) -> None:
    series = SeriesFactory.create(key="export")
    SeriesValueFactory.create(
        series=series, value=Decimal("-42.5"), method="=cmd|' /C calc'!A0"
    )
    text = api.get("/api/v1/series-values/?format=csv").content.decode()
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["value"], row["method"]) == ("-42.5", "'=cmd|' /C calc'!A0")
