"""Finding a country from however a file writes it.

Pure Python. Staff write a country as an ISO alpha-2 or alpha-3 code, a
customs 3-digit code, an English name (ISO, common or customs form) or a
Japanese name (short or formal). ``PlaceIndex`` maps all of them to one
``Place``: an ISO country, or a customs-only partner (a territory or a
special area that has no ISO country of its own). A name it does not know
raises ``UnknownPlace`` with the closest known names as suggestions, in a
Japanese msgid (``indicators.messages``).
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from indicators.messages import gettext as _

SUGGESTIONS = 3
# difflib's similarity ratio below which a known name is not worth showing.
SUGGESTION_CUTOFF = 0.6

_NOT_A_LETTER = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"[(（]([^)）]*)[)）]")


@dataclass(frozen=True)
class Place:
    """An ISO country (``alpha2``) or a customs-only partner (``customs_code``)."""

    label: str
    alpha2: str | None = None
    customs_code: str | None = None

    @property
    def is_country(self) -> bool:
        return self.alpha2 is not None


class UnknownPlace(ValueError):
    def __init__(self, written: str, suggestions: list[str]) -> None:
        if suggestions:
            message = _("国 %(written)s が分かりません（近いもの: %(closest)s）")
        else:
            message = _("国 %(written)s が分かりません（近いものはありません）")
        closest = "; ".join(suggestions)
        super().__init__(message % {"written": repr(written), "closest": closest})
        self.written = written
        self.suggestions = suggestions


def name_key(text: str) -> str:
    """A name as a lookup key: width, case, accents, spaces and punctuation folded.

    ``Côte d'Ivoire`` and ``COTE DIVOIRE`` give the same key, as do
    ``Viet Nam`` and ``Vietnam``; a leading English "the" is dropped.
    """
    folded = _strip_latin_accents(unicodedata.normalize("NFKC", text)).casefold()
    folded = re.sub(r"^the\s+", "", folded.strip())
    return _NOT_A_LETTER.sub("", folded)


def name_variants(name: str) -> list[str]:
    """A name and its bracketed parts: ``大韓民国 (韓国)`` also gives 大韓民国, 韓国."""
    inside = [part.strip() for part in _BRACKETED.findall(name)]
    outside = _BRACKETED.sub("", name).strip()
    return [name, outside, *inside]


class PlaceIndex:
    """Every known way of writing a place; the first place to claim a key keeps it.

    Add codes and primary names before aliases, so an alias never takes a
    key a country's own name holds.
    """

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}
        self._names: dict[str, Place] = {}

    def add_codes(self, place: Place, codes: Iterable[str]) -> None:
        for code in codes:
            self._claim(self._places, code, place)

    def add_names(self, place: Place, names: Iterable[str]) -> None:
        for name in names:
            for variant in name_variants(name):
                if self._claim(self._places, variant, place):
                    self._claim(self._names, variant, place)

    def find(self, written: object) -> Place:
        """The place a cell stands for; raises UnknownPlace otherwise."""
        text = str(written).strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]  # a customs code read from a spreadsheet as a float
        place = self._places.get(name_key(text))
        if place is None:
            raise UnknownPlace(text, self.suggestions(text))
        return place

    def suggestions(self, written: str, limit: int = SUGGESTIONS) -> list[str]:
        """Labels of the known places whose names come closest to ``written``."""
        matches = difflib.get_close_matches(
            name_key(written), self._names, n=limit * 4, cutoff=SUGGESTION_CUTOFF
        )
        labels = dict.fromkeys(self._names[key].label for key in matches)
        return list(labels)[:limit]

    @staticmethod
    def _claim(keys: dict[str, Place], text: str, place: Place) -> bool:
        key = name_key(text)
        if not key:
            return False
        return keys.setdefault(key, place) == place


def _strip_latin_accents(text: str) -> str:
    """Drop accents from Latin letters only; kana keep their voicing marks."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFKC", "".join(kept))
