"""Series keys and names of indicators A, B and C, as the chart specs read them.

Pure Python. The key convention is written in ``indicators/charts.py``:
segments joined by ``--``, lowercase words joined by single hyphens. Item
and category slugs of the classification use underscores, so they are
turned into segments here; a partner is its ISO 3166 alpha-2 code in
lowercase, and every partner beyond the largest few (or without an ISO
code) is summed into ``other``.
"""

from indicators.customs_layouts import EXPORT, IMPORT

DIRECTION_KEYS = {EXPORT: "export", IMPORT: "import"}
MONTHLY = "monthly"
OTHER = "other"
# Where the chart convention names an item differently from the mapping.
ITEM_SEGMENTS = {"used_pneumatic_tyres": "used-tyres"}
OTHER_NAMES = ("その他の国", "Other countries")


def segment(slug: str) -> str:
    return slug.lower().replace("_", "-")


def item_segment(item: str) -> str:
    return ITEM_SEGMENTS.get(item, segment(item))


def country_segment(alpha2: str) -> str:
    """A partner's segment; ``""`` (no ISO code) is one of the others."""
    return alpha2.lower() if alpha2 else OTHER


def series_key(direction: int, *segments: str, monthly: bool = False) -> str:
    measure = DIRECTION_KEYS[direction]
    if monthly:
        measure = f"{measure}-{MONTHLY}"
    return "--".join([measure, *segments])


def item_path(category: str, item: str) -> tuple[str, str]:
    """The category and item segments of an item of indicator A (or C)."""
    return segment(category), item_segment(item)
