"""Recognising a customs layout from its header row."""

import pytest

from indicators.customs_layouts import CustomsFileError, detect_layout
from tests.indicators.customs_files import english_header, japanese_header

LONG = ["ym", "exp_imp", "Country", "Custom", "hs9", "Q1", "Q2", "Value"]


@pytest.mark.parametrize(
    ("headers", "name", "scope"),
    [
        (english_header(), "national_en", "national"),
        (english_header(april="Apl"), "national_en", "national"),
        (english_header(with_port=True), "port_en", "port"),
        (japanese_header(), "national_ja", "national"),
        (japanese_header(with_port=True), "port_ja", "port"),
        (LONG, "port_long", "port"),
    ],
)
def test_each_layout_is_recognised_from_its_headers(headers, name, scope):
    layout = detect_layout(headers, "file.csv")

    assert (layout.name, layout.scope) == (name, scope)


def test_japanese_month_columns_may_put_the_month_first_or_use_full_width():
    headers = ["4月金額" if h == "金額(4月)" else h for h in japanese_header()]
    headers = [h.replace("数量1(", "数量１（").replace("月)", "月）") for h in headers]

    layout = detect_layout(headers, "file.csv")

    assert layout.label("q1_01") == "数量１（1月）"
    assert layout.label("value_04") == "4月金額"


def test_a_missing_month_names_the_column_it_lacks():
    headers = [h for h in english_header() if h != "Value-Dec"]

    with pytest.raises(CustomsFileError) as caught:
        detect_layout(headers, "file.csv")

    [problem] = caught.value.problems
    assert problem.row == 1
    assert "最も近い national_en には Value-Dec がありません" in problem.message


def test_a_column_spelled_twice_is_refused():
    headers = [*english_header(), "Quantity1-Apl"]

    with pytest.raises(CustomsFileError) as caught:
        detect_layout(headers, "file.csv")

    assert "は列 'Quantity1-Apr' と同じ列です" in caught.value.problems[0].message
