"""Spreadsheet exports: formula-looking text is neutralised, numbers never are."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from indicators.exporting import (
    csv_bytes,
    csv_cell,
    starts_like_formula,
    write_csv,
    xlsx_bytes,
)

TRIGGERS = "=+-@\t\r"
FULL_WIDTH_TRIGGERS = "＝＋－＠"
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

finite_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=6)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
numbers = st.integers() | finite_decimals | finite_floats
# What Excel can hold: up to 9.99999999999999E+307, 15 digits shown.
xlsx_numbers = (
    st.integers(-(10**15), 10**15)
    | st.decimals(min_value=-(10**15), max_value=10**15, places=6)
    | st.floats(min_value=-1e307, max_value=1e307)
)
texts = st.text(max_size=40) | st.sampled_from(TRIGGERS + FULL_WIDTH_TRIGGERS).flatmap(
    lambda first: st.text(max_size=20).map(lambda rest: first + rest)
)


def read_csv(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content, newline="")))


def read_xlsx(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("first", list(TRIGGERS + FULL_WIDTH_TRIGGERS))
def test_text_starting_with_a_formula_character_gets_an_apostrophe(
    first: str,
) -> None:
    assert csv_cell(first + "SUM(A1:A9)") == "'" + first + "SUM(A1:A9)"


@pytest.mark.parametrize(
    "text", ["", "廃プラスチック", "12", " =1+1", "1-2", "a=b", "'=1", "―"]
)
def test_other_text_is_left_as_it_is(text: str) -> None:
    assert csv_cell(text) == text


def test_a_negative_number_stays_a_negative_number() -> None:
    assert csv_cell(-12) == "-12"
    assert csv_cell(Decimal("-12.50")) == "-12.50"
    assert csv_cell(-12.5) == "-12.5"


def test_a_negative_number_kept_as_text_is_neutralised_like_any_text() -> None:
    assert csv_cell("-12") == "'-12"


def test_decimals_are_written_without_an_exponent() -> None:
    assert csv_cell(Decimal("1E+3")) == "1000"
    assert csv_cell(Decimal("1.5E-7")) == "0.00000015"


def test_empty_dates_and_truth_values() -> None:
    assert csv_cell(None) == ""
    assert csv_cell(date(2019, 6, 30)) == "2019-06-30"
    assert csv_cell(datetime(2019, 6, 30, 9, 0, tzinfo=UTC)) == (
        "2019-06-30T09:00:00+00:00"
    )
    assert csv_cell(True) == "True"


@pytest.mark.parametrize(
    "number", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")]
)
def test_a_number_that_is_not_finite_is_refused(number: object) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        csv_cell(number)
    with pytest.raises(ValueError, match="non-finite"):
        xlsx_bytes([[number]])


@pytest.mark.parametrize("number", [1e308, -1.5e308, Decimal("1E+400")])
def test_a_number_beyond_excel_is_refused_in_xlsx_but_written_in_csv(
    number: float | Decimal,
) -> None:
    with pytest.raises(ValueError, match="larger than a spreadsheet can hold"):
        xlsx_bytes([[number]])
    assert type(number)(csv_cell(number)) == number


def test_csv_bytes_start_with_a_bom_only_when_asked() -> None:
    rows: list[list[object]] = [["国", "件数"], ["ベトナム", 3]]

    assert csv_bytes(rows) == "\ufeff国,件数\r\nベトナム,3\r\n".encode()
    assert csv_bytes(rows, bom=False) == "国,件数\r\nベトナム,3\r\n".encode()


def test_write_csv_counts_the_rows_it_wrote() -> None:
    out = io.StringIO()

    assert write_csv(out, [["a"], ["=b"], [None]], lineterminator="\n") == 3
    assert out.getvalue() == 'a\n\'=b\n""\n'


@given(st.lists(st.lists(texts, min_size=1, max_size=5), min_size=1, max_size=5))
def test_no_csv_cell_read_back_can_start_a_formula(rows: list[list[str]]) -> None:
    read_back = read_csv(csv_bytes(rows).decode("utf-8-sig"))

    assert len(read_back) == len(rows)
    for written, read in zip(rows, read_back, strict=True):
        for original, cell in zip(written, read, strict=True):
            assert not starts_like_formula(cell)
            assert cell in (original, "'" + original)


@given(st.lists(numbers, min_size=1, max_size=8))
def test_csv_numbers_read_back_exactly(row: list[int | float | Decimal]) -> None:
    read = read_csv(csv_bytes([row], bom=False).decode())[0]

    for original, cell in zip(row, read, strict=True):
        if isinstance(original, float):
            assert float(cell) == original
        else:
            assert Decimal(cell) == original


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(texts | xlsx_numbers | st.none(), min_size=1, max_size=4),
        max_size=4,
    )
)
def test_xlsx_cells_are_never_formulas_and_keep_their_values(
    rows: list[list[object]],
) -> None:
    grid = read_xlsx(xlsx_bytes(rows))

    assert all(cell.data_type != "f" for row in grid for cell in row)
    for number, written in enumerate(rows):
        # Empty cells at the end of a sheet or row are not stored at all.
        read = grid[number] if number < len(grid) else []
        for column, original in enumerate(written):
            cell = read[column] if column < len(read) else None
            _assert_same_xlsx_value(original, cell)


def test_an_xlsx_text_cell_keeps_its_text_and_gets_the_quote_prefix() -> None:
    (row,) = read_xlsx(xlsx_bytes([["=1+1", "-12", -12, "plain"]]))

    assert [c.value for c in row] == ["=1+1", "-12", -12, "plain"]
    assert [c.data_type for c in row] == ["s", "s", "n", "s"]
    assert [c.quotePrefix for c in row] == [True, True, False, False]


def test_xlsx_dates_stay_dates_in_their_own_wall_clock_time() -> None:
    tokyo = timezone(timedelta(hours=9))
    content = xlsx_bytes([[date(2019, 6, 30), datetime(2019, 6, 30, 9, tzinfo=tokyo)]])

    (row,) = read_xlsx(content)

    assert row[0].value == datetime(2019, 6, 30)
    assert row[1].value == datetime(2019, 6, 30, 9)
    assert row[0].is_date and row[1].is_date


def test_characters_xml_cannot_hold_are_replaced_not_fatal() -> None:
    (row,) = read_xlsx(xlsx_bytes([["A\x00B\x1fC"]]))

    assert row[0].value == "A\ufffdB\ufffdC"


def test_the_sheet_title_is_cut_to_what_excel_allows() -> None:
    content = xlsx_bytes([["x"]], title="参考系列の値" * 10)

    assert load_workbook(io.BytesIO(content)).sheetnames == [("参考系列の値" * 10)[:31]]


def _assert_same_xlsx_value(original: object, cell: object) -> None:
    value = getattr(cell, "value", None)
    if original is None or original == "":
        assert value is None
    elif isinstance(original, str):
        # Characters XML cannot hold are replaced; XML reads CR as LF.
        expected = XML_ILLEGAL.sub("\ufffd", original)
        expected = expected.replace("\r\n", "\n").replace("\r", "\n")
        assert value == expected
        assert getattr(cell, "quotePrefix", None) is starts_like_formula(original)
    else:
        number: Any = original
        assert value == pytest.approx(float(number), rel=1e-15)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("価格（円/トン）", "価格（円 トン）"),
        ("Items: exports", "Items  exports"),
        ("", "Sheet1"),
    ],
)
def test_a_sheet_title_loses_the_characters_excel_refuses(
    title: str, expected: str
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes([["x"]], title=title)))
    assert book.sheetnames == [expected]
