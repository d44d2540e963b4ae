from collections import Counter
from datetime import date

import pytest

from surveys.names import (
    PREFECTURES,
    as_written,
    normalise_name,
    normalise_prefecture,
    prefecture_named,
    split_prefecture,
    without_district,
)
from surveys.population import is_respondent
from surveys.registry_files import (
    CHANGE_LIST,
    NATIONAL_LIST,
    read_change_list,
    read_national_list,
    with_changes,
)


def test_full_width_letters_and_digits_fold_to_ascii() -> None:
    assert normalise_name("ＡＢＣ町１") == normalise_name("ABC町1")


def test_half_width_katakana_ke_reads_as_full_width() -> None:
    assert normalise_name("鎌ｹ谷市") == normalise_name("鎌ケ谷市")


def test_small_ke_and_large_ke_are_the_same_name() -> None:
    assert normalise_name("茅ヶ崎市") == normalise_name("茅ケ崎市")
    assert normalise_name("竜ヶ崎市") == normalise_name("龍ケ崎市")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("髙崎市", "高崎市"),
        ("宮﨑市", "宮崎市"),
        ("田邊市", "田辺市"),
        ("田邉市", "田辺市"),
        ("天龍村", "天竜村"),
        ("野澤温泉村", "野沢温泉村"),
        ("濱松市", "浜松市"),
        ("櫻井市", "桜井市"),
        ("廣島市", "広島市"),
        ("德島市", "徳島市"),
        ("檜原村", "桧原村"),
        ("四條畷市", "四条畷市"),
    ],
)
def test_old_and_new_kanji_forms_are_the_same_name(old: str, new: str) -> None:
    assert normalise_name(old) == normalise_name(new)


def test_spaces_of_any_width_are_ignored() -> None:
    assert normalise_name(" 横浜 市\u3000") == normalise_name("横浜市")


def test_as_written_keeps_the_kanji_form_but_drops_spaces() -> None:
    assert as_written("髙﨑　市") == "髙﨑市"


@pytest.mark.parametrize(
    ("written", "prefecture"),
    [
        ("神奈川", "神奈川県"),
        ("東京", "東京都"),
        ("京都", "京都府"),
        ("大阪", "大阪府"),
        ("北海", "北海道"),
    ],
)
def test_a_prefecture_without_its_suffix_is_the_same_prefecture(
    written: str, prefecture: str
) -> None:
    assert normalise_prefecture(written) == normalise_prefecture(prefecture)


def test_a_prefecture_written_before_the_name_is_split_off() -> None:
    assert split_prefecture("北海道札幌市") == ("北海道", "札幌市")
    assert split_prefecture("福岡県 福岡市") == ("福岡県", "福岡市")


def test_a_city_named_like_its_prefecture_keeps_its_name() -> None:
    assert split_prefecture("京都市") == ("", "京都市")
    assert split_prefecture("京都府京都市") == ("京都府", "京都市")


def test_a_prefecture_is_known_by_its_code_too() -> None:
    assert prefecture_named("14") == "神奈川県"
    assert prefecture_named("廣島") == "広島県"
    assert prefecture_named("ぐんま") is None


def test_a_district_before_a_town_can_be_dropped() -> None:
    assert without_district("上川郡東川町") == "東川町"
    assert without_district("東川町") is None


def test_the_registry_spells_every_prefecture_as_the_list_does() -> None:
    registry = read_national_list(NATIONAL_LIST)
    assert {e.prefecture for e in registry} == set(PREFECTURES)
    assert all(prefecture_named(e.code[:2]) == e.prefecture for e in registry)


def test_registry_names_fold_to_distinct_keys_within_each_prefecture() -> None:
    registry = with_changes(
        read_national_list(NATIONAL_LIST), read_change_list(CHANGE_LIST)
    )
    for day in (date(2016, 10, 1), date(2017, 10, 1), date(2021, 8, 1)):
        keys = Counter(
            (normalise_prefecture(e.prefecture), normalise_name(e.name))
            for e in registry
            if is_respondent(e.kind, e.valid_from, e.valid_to, day)
        )
        assert [key for key, count in keys.items() if count > 1] == []
