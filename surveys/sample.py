"""The bundled survey data set, loaded by ``load_sample`` through the importer.

Two illustrative survey files (see ``data/sample/README.md``): FY2016 and
FY2017, the latter reproducing the published FY2017 counts.
"""

import logging
from pathlib import Path

from indicators.importing import import_path
from indicators.sample import sample_loader
from surveys.models import Municipality

logger = logging.getLogger(__name__)

SAMPLE_DIR = Path(__file__).resolve().parent / "data" / "sample"
SURVEY_FILES = (
    (2016, SAMPLE_DIR / "survey_fy2016.csv"),
    (2017, SAMPLE_DIR / "survey_fy2017.csv"),
)


class RegistryMissing(RuntimeError):
    """The survey sample needs the municipality registry of load_reference."""


@sample_loader("survey")
def load_survey_sample() -> str:
    if not Municipality.objects.exists():
        raise RegistryMissing(
            "the municipality registry is empty: run `manage.py load_reference` first"
        )
    summaries = [
        import_path("survey", path, fiscal_year=str(fiscal_year)).summary()
        for fiscal_year, path in SURVEY_FILES
    ]
    return "; ".join(summaries)
