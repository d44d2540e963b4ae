"""The bundled data set that ``make run`` shows, loaded by ``load_sample``.

Each area registers a loader that imports its sample files through the same
importers staff use, so the demo exercises the real code paths.
"""

import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indicators.models import AssessmentRun

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


def apply_sample_texts(run: "AssessmentRun") -> int:
    """Fill the demo's evaluation and notes where staff have written none."""
    from indicators.models import IndicatorAssessment

    texts = json.loads((SAMPLE_DIR / "assessment_texts.json").read_text("utf-8"))
    filled = 0
    for code, text in texts["texts"].items():
        assessment = IndicatorAssessment.objects.filter(
            run=run, indicator__code=code
        ).first()
        if assessment is None or assessment.evaluation or assessment.notes:
            continue
        assessment.evaluation = text["evaluation"]
        assessment.notes = text["notes"]
        assessment.save(update_fields=["evaluation", "notes"])
        filled += 1
    return filled
