"""Countries and customs partners: loading them, and finding one from a file cell.

``load_reference`` fills ``Country`` from pycountry (ISO 3166-1) with two
Japanese names: the formal one from pycountry's own Japanese translation
(モンゴル国, 大韓民国 (韓国)) and the short one staff write (モンゴル, 韓国),
kept in ``data/countries_ja.csv``; that file also corrects the formal name
where pycountry's is unsuitable (a misspelt タンザニア, and 台湾 as the
Japanese government writes it). It then fills ``CustomsPartner`` from
``data/customs_partners.csv``: the Ministry of Finance's 3-digit partner
codes, each linked to its ISO country or left customs-only (the file's
``note`` column says why). Both loaders
add missing rows only, so a name staff corrected in the admin stays.
"""

import csv
import gettext
import logging
from functools import cache
from pathlib import Path

import pycountry

from indicators.country_names import Place, PlaceIndex
from indicators.models import Country, CustomsPartner
from indicators.reference_data import DATA_DIR, reference_loader

logger = logging.getLogger(__name__)

SHORT_NAMES_FILE = DATA_DIR / "countries_ja.csv"
CUSTOMS_PARTNERS_FILE = DATA_DIR / "customs_partners.csv"


class NotACountry(ValueError):
    """A cell that names a customs-only partner where a country is needed."""


@reference_loader("countries")
def load_countries() -> int:
    shipped = _read_rows(SHORT_NAMES_FILE, "alpha2")
    present = set(Country.objects.values_list("alpha2", flat=True))
    missing = []
    for iso in pycountry.countries:
        if iso.alpha_2 in present:
            continue
        names = shipped.get(iso.alpha_2, {})
        formal = names.get("name_ja_formal") or japanese_formal_name(iso.name)
        missing.append(
            Country(
                alpha2=iso.alpha_2,
                alpha3=iso.alpha_3,
                numeric=iso.numeric,
                name_en=iso.name,
                name_ja=names.get("name_ja") or formal,
                name_ja_formal=formal,
            )
        )
    return len(Country.objects.bulk_create(missing))


@reference_loader("customs partners")
def load_customs_partners() -> int:
    countries = {c.alpha2: c for c in Country.objects.all()}
    present = set(CustomsPartner.objects.values_list("code", flat=True))
    with CUSTOMS_PARTNERS_FILE.open(encoding="utf-8", newline="") as source:
        missing = [
            CustomsPartner(
                code=row["code"],
                name_en=row["name_en"],
                name_ja=row["name_ja"],
                region=row["region"],
                country=countries.get(row["country"]),
            )
            for row in csv.DictReader(source)
            if row["code"] not in present
        ]
    return len(CustomsPartner.objects.bulk_create(missing))


def japanese_formal_name(english: str) -> str:
    """pycountry's Japanese translation of an ISO short name, or the name itself."""
    return _japanese_catalogue().gettext(english)


class CountryFinder:
    """Finds countries for one import; the tables are read once, when built."""

    def __init__(self) -> None:
        self.countries = {c.alpha2: c for c in Country.objects.all()}
        partners = CustomsPartner.objects.select_related("country")
        self.index = place_index(list(self.countries.values()), list(partners))
        logger.debug("country finder: %d countries", len(self.countries))

    def find(self, written: object) -> Country:
        """The country a cell names; raises UnknownPlace or NotACountry."""
        place = self.index.find(written)
        if place.alpha2 is None:
            raise NotACountry(
                f"{str(written).strip()!r} is the customs partner {place.label}, "
                "which is not a country"
            )
        return self.countries[place.alpha2]


def place_index(countries: list[Country], partners: list[CustomsPartner]) -> PlaceIndex:
    """Every way of writing each country and customs-only partner."""
    index = PlaceIndex()
    places = {c.alpha2: Place(country_label(c), alpha2=c.alpha2) for c in countries}

    # Codes and the tables' own names first, so that no alias can take them.
    for country in countries:
        place = places[country.alpha2]
        index.add_codes(place, [country.alpha2, country.alpha3])
        index.add_names(
            place, [country.name_en, country.name_ja, country.name_ja_formal]
        )
    for partner in partners:
        place = _partner_place(partner, places)
        index.add_codes(place, [partner.code])
        index.add_names(place, [partner.name_en, partner.name_ja])
    for country in countries:
        index.add_names(places[country.alpha2], _iso_aliases(country.alpha2))
    return index


def country_label(country: Country) -> str:
    return f"{country.name_ja} / {country.name_en} ({country.alpha2})"


def _partner_place(partner: CustomsPartner, places: dict[str, Place]) -> Place:
    if partner.country is not None and partner.country.alpha2 in places:
        return places[partner.country.alpha2]
    name = partner.name_ja or partner.name_en
    return Place(f"{name} (customs {partner.code})", customs_code=partner.code)


def _iso_aliases(alpha2: str) -> list[str]:
    """pycountry's other names: common (Vietnam) and official, with its Japanese."""
    iso = pycountry.countries.get(alpha_2=alpha2)
    if iso is None:
        return []
    official = getattr(iso, "official_name", "")
    common = getattr(iso, "common_name", "")
    return [common, official, japanese_formal_name(official) if official else ""]


def _read_rows(path: Path, key: str) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return {row[key]: row for row in csv.DictReader(source)}


@cache
def _japanese_catalogue() -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["ja"], fallback=True
    )
