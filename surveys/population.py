"""Who the municipal survey asks: the kinds of municipality and validity dates.

Pure Python. The population on a date is every city, town, village and
Tokyo special ward in force on that date. Designated-city wards are parts of
their city, and the six Northern Territories villages have no functioning
administration, so neither is a respondent. Nothing stores membership of the
population: it follows from a municipality's kind and validity dates.
Messages are Japanese msgids (``indicators.messages``).
"""

import unicodedata
from datetime import date

from indicators.messages import gettext as _

CITY = "city"
DESIGNATED_CITY = "designated_city"
TOWN = "town"
VILLAGE = "village"
SPECIAL_WARD = "special_ward"
DESIGNATED_CITY_WARD = "designated_city_ward"
NORTHERN_TERRITORIES_VILLAGE = "northern_territories_village"

RESPONDENT_KINDS = frozenset({CITY, DESIGNATED_CITY, TOWN, VILLAGE, SPECIAL_WARD})
KINDS = (*sorted(RESPONDENT_KINDS), DESIGNATED_CITY_WARD, NORTHERN_TERRITORIES_VILLAGE)

# How kinds are written in registry files and by staff. "town_village" (町村)
# is one kind in the national code list; the name's last character tells.
KIND_ALIASES = {
    "市": CITY,
    "政令指定都市": DESIGNATED_CITY,
    "指定都市": DESIGNATED_CITY,
    "町": TOWN,
    "村": VILLAGE,
    "特別区": SPECIAL_WARD,
    "区": SPECIAL_WARD,
    "行政区": DESIGNATED_CITY_WARD,
    "政令指定都市の区": DESIGNATED_CITY_WARD,
    "北方領土の村": NORTHERN_TERRITORIES_VILLAGE,
}
TOWN_OR_VILLAGE = ("town_village", "町村")

# The survey is taken as of 1 October of its fiscal year unless staff say
# otherwise.
SURVEY_MONTH_DAY = (10, 1)


def in_force(valid_from: date | None, valid_to: date | None, day: date) -> bool:
    """Whether a municipality exists on ``day``; both ends are inclusive.

    An empty start means "since before the registry's records begin", an
    empty end "still in force".
    """
    started = valid_from is None or valid_from <= day
    not_ended = valid_to is None or day <= valid_to
    return started and not_ended


def is_respondent(
    kind: str, valid_from: date | None, valid_to: date | None, day: date
) -> bool:
    return kind in RESPONDENT_KINDS and in_force(valid_from, valid_to, day)


def parse_kind(written: str, name: str) -> str:
    """A kind from its key, its Japanese name, or 町村 with the name's suffix."""
    text = unicodedata.normalize("NFKC", written or "").strip().lower()
    if text in KINDS:
        return text
    if text in TOWN_OR_VILLAGE:
        suffix = name.strip()[-1:]
        if suffix in ("町", "村"):
            return KIND_ALIASES[suffix]
        raise ValueError(_("%(name)s は町とも村とも読めません") % {"name": name})
    if text in KIND_ALIASES:
        return KIND_ALIASES[text]
    raise ValueError(
        _("種類「%(kind)s」が分かりません（%(kinds)s）")
        % {"kind": written, "kinds": _("、").join(KINDS)}
    )


def default_survey_date(fiscal_year: int) -> date:
    month, day = SURVEY_MONTH_DAY
    return date(fiscal_year, month, day)
