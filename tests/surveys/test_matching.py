"""Matching rows to respondents against a small hand-made registry."""

from datetime import date
from typing import Any

import pytest

from surveys.matching import (
    CODE_COLUMN,
    NAME_COLUMN,
    PREFECTURE_COLUMN,
    Directory,
    Entry,
    Match,
    MatchError,
    WrittenMunicipality,
    match_municipality,
)

SURVEY_DAY = date(2017, 10, 1)

TOCHIGI = Entry(1, "092037", "栃木県", "栃木市", "city")
IWAFUNE = Entry(
    2, "093670", "栃木県", "岩舟町", "town", None, date(2014, 4, 4), "092037"
)
SASAYAMA = Entry(
    3, "282219", "兵庫県", "篠山市", "city", None, date(2019, 4, 30), "282219"
)
TAMBA_SASAYAMA = Entry(4, "282219", "兵庫県", "丹波篠山市", "city", date(2019, 5, 1))
FUCHU_TOKYO = Entry(5, "132063", "東京都", "府中市", "city")
FUCHU_HIROSHIMA = Entry(6, "342068", "広島県", "府中市", "city")
TAKASAKI = Entry(7, "102024", "群馬県", "高崎市", "city")
SAPPORO = Entry(8, "011002", "北海道", "札幌市", "designated_city")
SAPPORO_CHUO = Entry(9, "011011", "北海道", "札幌市中央区", "designated_city_ward")
TOMARI = Entry(10, "014036", "北海道", "泊村", "village")
TOMARI_KUNASHIRI = Entry(11, "016969", "北海道", "泊村", "northern_territories_village")
HIGASHIKAWA = Entry(12, "014583", "北海道", "東川町", "town")
OGORI = Entry(13, "402168", "福岡県", "小郡市", "city")
KAMAGAYA = Entry(14, "122246", "千葉県", "鎌ケ谷市", "city")

DIRECTORY = Directory(
    [
        TOCHIGI,
        IWAFUNE,
        SASAYAMA,
        TAMBA_SASAYAMA,
        FUCHU_TOKYO,
        FUCHU_HIROSHIMA,
        TAKASAKI,
        SAPPORO,
        SAPPORO_CHUO,
        TOMARI,
        TOMARI_KUNASHIRI,
        HIGASHIKAWA,
        OGORI,
        KAMAGAYA,
    ]
)


def match(
    code: str = "", name: str = "", prefecture: str = "", day: date = SURVEY_DAY
) -> Match:
    written = WrittenMunicipality(code=code, name=name, prefecture=prefecture)
    return match_municipality(DIRECTORY, written, day)


def refusal(**written: Any) -> MatchError:
    with pytest.raises(MatchError) as error:
        match(**written)
    return error.value


def test_a_row_with_a_code_is_matched_by_its_code() -> None:
    found = match(code="102024", name="何か別の表記")
    assert found.respondent == TAKASAKI
    assert found.by_code
    assert "一致しません" in found.notes[0]


def test_the_five_digit_code_matches_too() -> None:
    assert match(code="10202").respondent == TAKASAKI


def test_a_wrong_check_digit_is_a_row_error_listing_the_municipality() -> None:
    error = refusal(code="102025", name="高崎市", prefecture="群馬県")
    assert error.column == CODE_COLUMN
    assert "検査数字" in str(error)
    assert error.candidates == [TAKASAKI]


def test_an_unknown_code_is_a_row_error_listing_name_candidates() -> None:
    error = refusal(code="102032", name="高崎市", prefecture="群馬県")
    assert error.column == CODE_COLUMN
    assert error.candidates == [TAKASAKI]


def test_a_row_without_code_is_matched_by_prefecture_and_name() -> None:
    found = match(name="髙﨑市", prefecture="群馬")
    assert found.respondent == TAKASAKI
    assert not found.by_code
    assert found.notes == ("表記「髙﨑市」を「高崎市」と照合",)


def test_half_width_katakana_in_a_name_matches() -> None:
    assert match(name="鎌ｹ谷市", prefecture="千葉県").respondent == KAMAGAYA


def test_a_name_unique_in_the_country_needs_no_prefecture() -> None:
    found = match(name="高崎市")
    assert found.respondent == TAKASAKI
    assert found.notes == ("都道府県の記載なし（群馬県）",)


def test_a_prefecture_written_into_the_name_is_used() -> None:
    assert match(name="広島県府中市").respondent == FUCHU_HIROSHIMA


def test_a_name_in_two_prefectures_without_prefecture_lists_both() -> None:
    error = refusal(name="府中市")
    assert error.column == NAME_COLUMN
    assert set(error.candidates) == {FUCHU_TOKYO, FUCHU_HIROSHIMA}


def test_a_name_that_matches_nothing_lists_similar_names() -> None:
    error = refusal(name="高先市", prefecture="群馬県")
    assert error.column == NAME_COLUMN
    assert "当たる自治体がありません" in str(error)
    assert error.candidates == [TAKASAKI]


def test_a_prefecture_nobody_knows_is_a_row_error() -> None:
    error = refusal(name="高崎市", prefecture="上野国")
    assert error.column == PREFECTURE_COLUMN


def test_a_name_prefix_and_prefecture_column_that_disagree_are_a_row_error() -> None:
    error = refusal(name="東京都府中市", prefecture="広島県")
    assert error.column == PREFECTURE_COLUMN


def test_a_code_and_a_name_of_different_municipalities_are_a_row_error() -> None:
    error = refusal(code="102024", name="札幌市", prefecture="群馬県")
    assert error.column == NAME_COLUMN
    assert error.candidates == [TAKASAKI, SAPPORO]
    error = refusal(code="102024", name="高崎市", prefecture="北海道")
    assert error.column == PREFECTURE_COLUMN
    error = refusal(code="102024", name="府中市", prefecture="群馬県")
    assert error.column == NAME_COLUMN
    error = refusal(code="132063", name="広島県府中市")
    assert error.column == NAME_COLUMN
    assert set(error.candidates) == {FUCHU_TOKYO, FUCHU_HIROSHIMA}


def test_a_merged_municipality_answers_as_its_successor() -> None:
    found = match(code="093670", name="岩舟町")
    assert found.respondent == TOCHIGI
    assert found.written == IWAFUNE
    assert any("後継" in note for note in found.notes)
    assert match(name="岩舟町", prefecture="栃木県").respondent == TOCHIGI


def test_before_the_merger_the_old_municipality_answers_for_itself() -> None:
    assert match(code="093670", day=date(2013, 10, 1)).respondent == IWAFUNE


def test_a_renamed_municipality_keeps_its_code_under_the_name_of_the_day() -> None:
    assert match(code="282219").respondent == SASAYAMA
    assert match(code="282219", day=date(2019, 10, 1)).respondent == TAMBA_SASAYAMA


def test_a_name_given_before_it_existed_is_read_as_its_predecessor() -> None:
    assert match(name="丹波篠山市", prefecture="兵庫県").respondent == SASAYAMA
    found = match(name="篠山市", prefecture="兵庫", day=date(2020, 10, 1))
    assert found.respondent == TAMBA_SASAYAMA


def test_a_designated_city_ward_is_no_respondent() -> None:
    error = refusal(code="011011")
    assert "調査の対象ではありません" in str(error)
    error = refusal(name="札幌市中央区", prefecture="北海道")
    assert error.column == NAME_COLUMN


def test_of_two_villages_named_tomari_the_one_with_an_administration_answers() -> None:
    assert match(name="泊村", prefecture="北海道").respondent == TOMARI


def test_a_district_before_the_name_is_dropped_when_needed() -> None:
    assert match(name="上川郡東川町", prefecture="北海道").respondent == HIGASHIKAWA
    assert match(name="小郡市", prefecture="福岡県").respondent == OGORI


def test_a_row_with_neither_code_nor_name_is_a_row_error() -> None:
    assert refusal(prefecture="北海道").column == CODE_COLUMN
