"""The programmes whose selected projects indicator E counts (reference data).

Shipped in ``data/programmes.json`` with the fiscal years in which each
programme counts; ``load_reference`` adds a missing programme and leaves
one staff have edited as it is.
"""

import json

from indicators.models import Programme
from indicators.reference_data import DATA_DIR, reference_loader

PROGRAMMES_FILE = DATA_DIR / "programmes.json"


@reference_loader("programmes")
def load_programmes() -> int:
    shipped = json.loads(PROGRAMMES_FILE.read_text(encoding="utf-8"))
    added = 0
    for entry in shipped["programmes"]:
        _, created = Programme.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name_ja": entry["name_ja"],
                "name_en": entry["name_en"],
                "short_name_ja": entry["short_name_ja"],
                "short_name_en": entry["short_name_en"],
                "other_names": "\n".join(entry["other_names"]),
                "counted_from": entry["counted_from"],
                "counted_until": entry["counted_until"],
            },
        )
        added += created
    return added
