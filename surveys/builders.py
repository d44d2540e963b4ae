"""The series of indicator F, computed from the stored survey responses.

F has a value for each fiscal year with a survey taken by the as-of date,
from the first survey on: a year without a survey is a gap, never a zero.
A fiscal year still running on the as-of date is shown but not assessed.
The breakdown beside the table is that of the latest assessed year.
"""

import logging
import time
from datetime import date
from decimal import Decimal

from indicators.computed import (
    ComputedIndicator,
    ComputedSeries,
    Point,
    fiscal_year_point,
    register,
)
from indicators.fiscal import fiscal_year_end
from surveys import records
from surveys.models import Survey
from surveys.tally import Tally

logger = logging.getLogger(__name__)

METHOD = "survey-distinct-cooperating-municipalities-v1"
SERIES_KEY = "cooperating-municipalities"


@register("F")
def build_cooperating_municipalities(as_of: date) -> ComputedIndicator:
    started = time.monotonic()
    tallies = records.survey_tallies(as_of)
    assessed = [t for _, t in tallies if fiscal_year_end(t.fiscal_year) <= as_of]
    series = ComputedSeries(
        key=SERIES_KEY,
        name_ja="海外の都市と循環型社会形成に関して連携している地方公共団体数",
        name_en="Municipalities cooperating with overseas cities",
        unit="municipalities",
        points=[_point(survey, tally, as_of) for survey, tally in tallies],
    )
    logger.info(
        "F as of %s: %d surveys in %.2f s",
        as_of,
        len(tallies),
        time.monotonic() - started,
    )
    breakdown = assessed[-1].breakdown() if assessed else None
    return ComputedIndicator(code="F", series=[series], breakdown=breakdown)


def _point(survey: Survey, tally: Tally, as_of: date) -> Point:
    return fiscal_year_point(
        tally.fiscal_year,
        Decimal(tally.cooperating),
        METHOD,
        complete=fiscal_year_end(tally.fiscal_year) <= as_of,
        provenance={
            **tally.breakdown(),
            "responses": tally.responses,
            "survey_date": survey.survey_date.isoformat(),
        },
    )
