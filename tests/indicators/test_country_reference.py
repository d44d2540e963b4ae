"""Countries and customs partners from load_reference, and finding them by name."""

import csv

import pycountry
import pytest

from indicators.country_names import UnknownPlace
from indicators.country_reference import (
    SHORT_NAMES_FILE,
    CountryFinder,
    NotACountry,
    load_countries,
    load_customs_partners,
)
from indicators.models import Country, CustomsPartner

pytestmark = pytest.mark.usefixtures("reference_data")


def test_every_iso_country_is_loaded_with_short_and_formal_japanese_names() -> None:
    assert Country.objects.count() == len(pycountry.countries)
    names = {
        c.alpha2: (c.name_ja, c.name_ja_formal)
        for c in Country.objects.filter(alpha2__in=["KR", "MN", "LA", "VN", "TZ"])
    }

    assert names == {
        "KR": ("韓国", "大韓民国 (韓国)"),
        "MN": ("モンゴル", "モンゴル国"),
        "LA": ("ラオス", "ラオス人民民主共和国"),
        "VN": ("ベトナム", "ベトナム"),
        # pycountry misspells it タニザニア; the shipped file corrects it.
        "TZ": ("タンザニア", "タンザニア連合共和国"),
    }


def test_the_shipped_short_names_cover_every_iso_country_once() -> None:
    with SHORT_NAMES_FILE.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    codes = [row["alpha2"] for row in rows]
    names = [row["name_ja"] for row in rows]

    assert sorted(codes) == sorted(c.alpha_2 for c in pycountry.countries)
    assert len(set(names)) == len(names)


def test_customs_partners_are_linked_to_their_country_or_kept_customs_only() -> None:
    partners = {
        p.code: p.country.alpha2 if p.country else None
        for p in CustomsPartner.objects.select_related("country")
    }

    assert len(partners) == 235
    assert partners["103"] == "KR"
    assert partners["107"] == "MN"
    assert partners["217"] == "PT"
    # The Azores, Kosovo (XK is not ISO), the Netherlands Antilles (code
    # withdrawn) and the special areas have no ISO country of their own.
    assert [partners[c] for c in ["216", "248", "326", "701", "702", "703"]] == [
        None
    ] * 6


def test_loading_again_adds_nothing_and_keeps_a_name_staff_corrected() -> None:
    Country.objects.filter(alpha2="TW").update(name_ja="台湾（修正）")
    CustomsPartner.objects.filter(code="702").update(name_ja="相手国不明")

    assert load_countries() == 0
    assert load_customs_partners() == 0
    assert Country.objects.get(alpha2="TW").name_ja == "台湾（修正）"
    assert CustomsPartner.objects.get(code="702").name_ja == "相手国不明"


@pytest.mark.parametrize(
    ("written", "alpha2"),
    [
        ("MN", "MN"),
        ("mng", "MN"),
        ("Mongolia", "MN"),
        ("モンゴル", "MN"),
        ("モンゴル国", "MN"),
        ("107", "MN"),
        ("ＭＮ", "MN"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("ベトナム社会主義共和国", "VN"),
        ("Laos", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Republic of Korea", "KR"),
        ("韓国", "KR"),
        ("大韓民国", "KR"),
        ("Cote d'Ivoire", "CI"),
        ("The Gambia", "GM"),
        ("Kyrgyz", "KG"),
        ("Tanzania", "TZ"),
        ("コンゴ民主共和国", "CD"),
        ("コンゴ共和国", "CG"),
    ],
)
def test_a_country_is_found_in_every_notation(written: str, alpha2: str) -> None:
    assert CountryFinder().find(written).alpha2 == alpha2


@pytest.mark.parametrize("written", ["701", "Canary Islands", "カナリア諸島", "Kosovo"])
def test_a_customs_only_partner_is_not_taken_for_a_country(written: str) -> None:
    with pytest.raises(NotACountry, match="not a country"):
        CountryFinder().find(written)


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("Mongolla", "モンゴル / Mongolia (MN)"),
        ("モンゴリア", "モンゴル / Mongolia (MN)"),
        ("Vietnamm", "ベトナム / Viet Nam (VN)"),
    ],
)
def test_an_unknown_country_names_the_closest_matches(
    written: str, suggested: str
) -> None:
    with pytest.raises(UnknownPlace) as raised:
        CountryFinder().find(written)

    assert suggested in raised.value.suggestions
    assert suggested in str(raised.value)
