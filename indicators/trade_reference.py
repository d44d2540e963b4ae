"""The shipped commodity classification, loaded by ``load_reference``.

``indicators/data/classification.csv`` maps HS codes to items for ranges of
years; ``indicators/data/watched_headings.csv`` lists the headings where
every code should be mapped. Loading adds the rows that are missing and
never touches a row staff have edited, nor brings back one they deleted
(the row's history says so). Items are created from the first row that
names them and are not updated afterwards either.
"""

import csv
import logging
from collections.abc import Iterator
from pathlib import Path

from indicators.models import HsClassification, TradeItem, WatchedHeading
from indicators.reference_data import DATA_DIR, reference_loader

logger = logging.getLogger(__name__)

CLASSIFICATION_FILE = DATA_DIR / "classification.csv"
WATCHED_HEADINGS_FILE = DATA_DIR / "watched_headings.csv"


def normalise_hs_code(value: object, lengths: tuple[int, ...] = (6, 9)) -> str:
    """An HS code as text with its leading zeros, or ValueError.

    A spreadsheet may have turned the code into a number (51199 for
    051199): such a number is padded to the shortest allowed length that
    holds it.
    """
    if isinstance(value, int):
        digits = str(value)
        width = next((n for n in lengths if len(digits) <= n), len(digits))
        return digits.zfill(width)
    text = str(value or "").strip().strip("'\"").replace(".", "")
    if not text.isdigit() or len(text) not in lengths:
        allowed = " or ".join(str(n) for n in lengths)
        raise ValueError(f"HS code {value!r} is not {allowed} digits")
    return text


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _year(text: str) -> int | None:
    return int(text) if text else None


def item_from_row(row: dict[str, str]) -> TradeItem:
    """The item a classification row names, created if it does not exist."""
    item, _ = TradeItem.objects.get_or_create(
        slug=row["item"],
        defaults={
            "category": row["category"],
            "indicator": row["indicator"],
            "name_ja": row.get("item_name_ja") or row["item"],
            "name_en": row.get("item_name_en", ""),
            "order": TradeItem.objects.count(),
        },
    )
    return item


@reference_loader("trade_classification")
def load_classification() -> int:
    if not CLASSIFICATION_FILE.exists():
        logger.warning("no %s; trade codes stay unclassified", CLASSIFICATION_FILE)
        return 0
    existing = set(HsClassification.objects.values_list("hs_code", "valid_from"))
    deleted = set(
        HsClassification.history.filter(history_type="-").values_list(
            "hs_code", "valid_from"
        )
    )
    added = 0
    for row in _csv_rows(CLASSIFICATION_FILE):
        key = (normalise_hs_code(row["hs_code"]), int(row["valid_from"]))
        if key in existing or key in deleted:
            continue
        HsClassification.objects.create(
            hs_code=key[0],
            valid_from=key[1],
            valid_to=_year(row.get("valid_to", "")),
            item=item_from_row(row),
            unit1=row.get("unit1", ""),
            unit2=row.get("unit2", ""),
            source=row.get("source", ""),
        )
        existing.add(key)
        added += 1
    return added


@reference_loader("watched_headings")
def load_watched_headings() -> int:
    if not WATCHED_HEADINGS_FILE.exists():
        return 0
    existing = set(WatchedHeading.objects.values_list("heading", "valid_from"))
    deleted = set(
        WatchedHeading.history.filter(history_type="-").values_list(
            "heading", "valid_from"
        )
    )
    added = 0
    for row in _csv_rows(WATCHED_HEADINGS_FILE):
        key = (normalise_hs_code(row["heading"], (4, 6)), int(row["valid_from"]))
        if key in existing or key in deleted:
            continue
        WatchedHeading.objects.create(
            heading=key[0],
            valid_from=key[1],
            valid_to=_year(row.get("valid_to", "")),
            note=row.get("note", ""),
        )
        existing.add(key)
        added += 1
    return added
