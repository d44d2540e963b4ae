"""The pure country lookup: folding, aliases, customs-only partners, suggestions."""

import pytest

from indicators.country_names import Place, PlaceIndex, UnknownPlace, name_key

MONGOLIA = Place("モンゴル / Mongolia (MN)", alpha2="MN")
MALI = Place("マリ / Mali (ML)", alpha2="ML")
FOR_ORDER = Place("仕向地未定 (customs 701)", customs_code="701")


@pytest.fixture
def index() -> PlaceIndex:
    index = PlaceIndex()
    index.add_codes(MONGOLIA, ["MN", "MNG", "107"])
    index.add_names(MONGOLIA, ["Mongolia", "モンゴル", "モンゴル国"])
    index.add_codes(MALI, ["ML", "MLI", "520"])
    index.add_names(MALI, ["Mali", "マリ"])
    index.add_codes(FOR_ORDER, ["701"])
    index.add_names(FOR_ORDER, ["For Order", "仕向地未定"])
    return index


def test_width_case_accents_and_punctuation_do_not_matter() -> None:
    assert name_key("Côte d'Ivoire") == name_key("COTE DIVOIRE")
    assert name_key("ｃｏｔｅ　ｄ’ｉｖｏｉｒｅ") == name_key("Cote d'Ivoire")
    assert name_key("Viet Nam") == name_key("Vietnam")


def test_kana_keep_their_voicing_marks() -> None:
    assert name_key("ガーナ") != name_key("カーナ")
    assert name_key("ｶﾞｰﾅ") == name_key("ガーナ")


def test_a_leading_the_is_not_part_of_the_name() -> None:
    assert name_key("The Gambia") == name_key("Gambia")
    assert name_key("Netherlands") != name_key("the")


@pytest.mark.parametrize(
    "written", ["MN", "mng", "107", "Mongolia", "MONGOLIA", "モンゴル", "モンゴル国"]
)
def test_every_code_and_name_finds_the_country(index: PlaceIndex, written: str) -> None:
    assert index.find(written) == MONGOLIA


def test_a_customs_code_read_from_a_spreadsheet_as_a_float_is_found(
    index: PlaceIndex,
) -> None:
    assert index.find(107.0) == MONGOLIA
    assert index.find("701.0") == FOR_ORDER


def test_a_customs_only_partner_is_found_but_is_not_a_country(
    index: PlaceIndex,
) -> None:
    place = index.find("701")
    assert place == FOR_ORDER
    assert not place.is_country


def test_a_bracketed_short_form_is_a_name_of_its_own() -> None:
    korea = Place("韓国 / Korea (KR)", alpha2="KR")
    index = PlaceIndex()
    index.add_names(korea, ["大韓民国 (韓国)"])

    assert index.find("韓国") == korea
    assert index.find("大韓民国") == korea
    assert index.find("大韓民国（韓国）") == korea


def test_an_alias_never_takes_a_name_a_country_already_holds(
    index: PlaceIndex,
) -> None:
    intruder = Place("X", alpha2="XX")
    index.add_names(intruder, ["Mali", "Malistan"])

    assert index.find("Mali") == MALI
    assert index.find("Malistan") == intruder


def test_an_unknown_name_suggests_the_closest_known_names(index: PlaceIndex) -> None:
    with pytest.raises(UnknownPlace) as raised:
        index.find("Mongolai")

    assert raised.value.suggestions[0] == MONGOLIA.label
    assert "Mongolai" in str(raised.value)
    assert MONGOLIA.label in str(raised.value)


def test_a_misspelt_japanese_name_suggests_the_country(index: PlaceIndex) -> None:
    with pytest.raises(UnknownPlace) as raised:
        index.find("モンゴリア")

    assert raised.value.suggestions == [MONGOLIA.label]


def test_a_name_like_nothing_known_says_there_is_no_close_match(
    index: PlaceIndex,
) -> None:
    with pytest.raises(UnknownPlace) as raised:
        index.find("Atlantis")

    assert raised.value.suggestions == []
    assert str(raised.value) == "国 'Atlantis' が分かりません（近いものはありません）"
