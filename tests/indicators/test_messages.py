"""Messages of the plain modules: Japanese first, English when it is active."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from indicators.customs import CustomsFile
from indicators.customs_layouts import CustomsFileError, detect_layout
from indicators.hs_classification import Classifier, Mapping
from indicators.japanese_dates import DateNotation, parse_fiscal_year
from surveys.matching import (
    Directory,
    Entry,
    MatchError,
    WrittenMunicipality,
    match_municipality,
)
from tests.indicators.customs_files import WideFile, WideRow

REPO = Path(__file__).resolve().parents[2]
SCRAP = Mapping("720410", 1996, None, "ferrous_scrap", "", "MT")
TAKASAKI = Entry(1, "102024", "群馬県", "高崎市", "city")


def fiscal_year_refusal() -> str:
    with pytest.raises(DateNotation) as raised:
        parse_fiscal_year("来年")
    return str(raised.value)


def test_a_date_notation_is_refused_in_japanese_or_english() -> None:
    japanese = fiscal_year_refusal()
    with translation.override("en"):
        english = fiscal_year_refusal()

    assert japanese == (
        "'来年' は年度として読めません（2018、FY2018、2018年度、平成30年度、"
        "H30 のように書いてください）"
    )
    assert english == (
        "'来年' is not a fiscal year (use 2018, FY2018, 2018年度, 平成30年度 or H30)"
    )


def test_a_customs_problem_keeps_file_row_and_column_in_either_language(
    tmp_path: Path,
) -> None:
    bad = WideFile([WideRow("72041000", "105", {1: (0, 1, 1)})])
    path = bad.write(tmp_path / "bad.csv")

    with translation.override("en"):
        english = CustomsFile(path, Classifier([SCRAP], ()))
        list(english.records())
    japanese = CustomsFile(path, Classifier([SCRAP], ()))
    list(japanese.records())

    assert [str(p) for p in english.result.problems] == [
        "bad.csv, row 2, column HS: bad HS code, 9 digits expected: '72041000'"
    ]
    assert [str(p) for p in japanese.result.problems] == [
        "bad.csv, row 2, column HS: HSコードが正しくありません（9桁のはず）: '72041000'"
    ]


def test_an_unknown_layout_is_described_in_english_when_english_is_active() -> None:
    with translation.override("en"), pytest.raises(CustomsFileError) as raised:
        detect_layout(["Year", "HS"], "odd.csv")

    assert str(raised.value).startswith("odd.csv, row 1: unknown layout: ")


def test_a_survey_row_error_lists_its_candidates_in_english() -> None:
    written = WrittenMunicipality(code="102025", name="高崎市", prefecture="群馬県")

    with translation.override("en"), pytest.raises(MatchError) as raised:
        match_municipality(Directory([TAKASAKI]), written, date(2017, 10, 1))

    assert str(raised.value) == (
        "102025: wrong check digit (the check digit of 10202 is 4) "
        "Candidates: 群馬県高崎市（102024）"
    )


def test_without_django_a_message_is_its_japanese_msgid() -> None:
    script = (
        "from indicators.japanese_dates import parse_fiscal_year\n"
        "try:\n    parse_fiscal_year('来年')\n"
        "except ValueError as exc:\n    print(exc)\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}

    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert done.stdout.startswith("'来年' は年度として読めません")
