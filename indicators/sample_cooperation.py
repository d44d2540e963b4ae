"""The bundled cooperation registry and project register (indicators D and E).

The files in ``data/sample/cooperation`` go through the same importers as
staff files; their README says which rows are public record and which are
illustrative. Loading them twice changes nothing.
"""

import logging
import time

from indicators.importing import import_path
from indicators.models import Country, Programme
from indicators.sample import SAMPLE_DIR, sample_loader

logger = logging.getLogger(__name__)

COOPERATION_DIR = SAMPLE_DIR / "cooperation"

# Projects before their later follow-up, so the history grows in date order.
FILES = (
    ("memberships", "memberships.csv"),
    ("applications", "applications.csv"),
    ("projects", "projects.csv"),
    ("projects", "projects_follow_up_2019.csv"),
)


class ReferenceDataMissing(RuntimeError):
    """The sample names countries and programmes that load_reference provides."""


@sample_loader("cooperation registry and projects")
def load_cooperation_sample() -> str:
    if not Country.objects.exists() or not Programme.objects.exists():
        raise ReferenceDataMissing("run `manage.py load_reference` first")
    started = time.monotonic()
    reports = [import_path(kind, COOPERATION_DIR / name) for kind, name in FILES]
    logger.info(
        "cooperation sample: %d files in %.1f s",
        len(reports),
        time.monotonic() - started,
    )
    return "; ".join(report.summary() for report in reports)
