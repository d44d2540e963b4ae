"""The bundled data set that ``make run`` shows, loaded by ``load_sample``.

Each area registers a loader that imports its sample files through the same
importers staff use, so the demo exercises the real code paths.
"""

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

logger = logging.getLogger(__name__)

# The review document's figures are as of June 2019.
SAMPLE_AS_OF = date(2019, 6, 30)
SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"

SampleLoader = Callable[[], str]
SAMPLE_LOADERS: list[tuple[str, SampleLoader]] = []


def sample_loader(name: str) -> Callable[[SampleLoader], SampleLoader]:
    def decorate(loader: SampleLoader) -> SampleLoader:
        SAMPLE_LOADERS.append((name, loader))
        return loader

    return decorate
