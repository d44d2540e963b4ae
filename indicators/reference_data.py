"""Reference data shipped with the portal, loaded by ``load_reference``.

Loaders add what is missing and never overwrite a row staff have edited.
Each area registers its loader here, so the command loads them all in order.
"""

import json
import logging
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from indicators.models import Indicator, ReferenceSeries

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

# (name, loader) pairs; a loader returns the number of rows it added.
ReferenceLoader = Callable[[], int]
REFERENCE_LOADERS: list[tuple[str, ReferenceLoader]] = []


def reference_loader(name: str) -> Callable[[ReferenceLoader], ReferenceLoader]:
    def decorate(loader: ReferenceLoader) -> ReferenceLoader:
        REFERENCE_LOADERS.append((name, loader))
        return loader

    return decorate


def load_all_reference_data() -> dict[str, int]:
    added = {}
    with transaction.atomic():
        for name, loader in REFERENCE_LOADERS:
            added[name] = loader()
            logger.info("reference data %s: %d rows added", name, added[name])
    return added


@reference_loader("indicators")
def load_catalogue() -> int:
    catalogue = json.loads((DATA_DIR / "catalogue.json").read_text(encoding="utf-8"))
    added = 0
    for entry in catalogue["indicators"]:
        fields = {k: v for k, v in entry.items() if k != "code"}
        _, created = Indicator.objects.get_or_create(
            code=entry["code"], defaults=fields
        )
        added += created
    for entry in catalogue["reference_series"]:
        fields = {k: v for k, v in entry.items() if k != "key"}
        _, created = ReferenceSeries.objects.get_or_create(
            key=entry["key"], defaults=fields
        )
        added += created
    return added
