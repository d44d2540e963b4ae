"""The series of indicator F, computed from the stored survey responses.

F has a value for each fiscal year with a survey taken by the as-of date,
from the first survey on: a year without a survey is a gap, never a zero.
A fiscal year still running on the as-of date is shown but not assessed.
The breakdown beside the table is that of the latest assessed year.

Besides ``cooperating`` (the table's row) the charts draw the answers
(``answer--...``) and the kinds of cooperation (``kind--...``), keyed as
``indicators.charts`` describes. Each point names the survey, the selection
of responses it counts (which the admin link reproduces), the municipality
codes when they are few enough to list, and the files the answers came from.
"""

import logging
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from indicators.charts import segment_of
from indicators.computed import (
    ComputedIndicator,
    ComputedSeries,
    Point,
    fiscal_year_point,
    register,
)
from indicators.fiscal import fiscal_year_end
from surveys import records
from surveys.answers import MULTILATERAL, OTHER, SISTER_CITY, TRAINING_EXCHANGE
from surveys.records import SurveyAnswers
from surveys.tally import COOPERATING, kind_selection, selected

logger = logging.getLogger(__name__)

METHOD = "survey-distinct-cooperating-municipalities-v1"
# A value lists its municipalities' codes up to this many; beyond it (the
# 1,700 that do not cooperate) the survey and selection name them.
CODES_LISTED = 100
# The chart whose fiscal year F's list of municipalities follows.
ANSWERS_CHART = "by-answer"


# The kinds of cooperation by name (Japanese, English); the list reuses them.
KIND_NAMES = {
    SISTER_CITY: ("姉妹都市・連携都市", "Sister or partner city"),
    MULTILATERAL: ("複数自治体間の枠組み", "Multi-municipality framework"),
    TRAINING_EXCHANGE: ("研修・人材交流", "Training or personnel exchange"),
    OTHER: ("その他の連携", "Other cooperation"),
}


@dataclass(frozen=True)
class SeriesPlan:
    key: str
    selection: str
    name_ja: str
    name_en: str
    in_table: bool = False


PLANS = [
    SeriesPlan(
        "cooperating",
        COOPERATING,
        "海外の都市と循環型社会形成に関して連携している地方公共団体数",
        "Municipalities cooperating with overseas cities",
        in_table=True,
    ),
    SeriesPlan(
        "answer--specific-partner",
        "specific_partner",
        "海外の特定の自治体と連携",
        "With a specific overseas municipality",
    ),
    SeriesPlan(
        "answer--general-cooperation",
        "general_cooperation",
        "特定の自治体に限らない国際協力",
        "International cooperation not tied to one municipality",
    ),
    SeriesPlan(
        "answer--both",
        "both",
        "うち両方に回答（再掲）",
        "Both of the above (counted in each)",
    ),
    SeriesPlan(
        "answer--none",
        "no_cooperation",
        "国際協力は実施していない",
        "No international cooperation",
    ),
    *[
        SeriesPlan(f"kind--{segment_of(kind)}", kind_selection(kind), ja, en)
        for kind, (ja, en) in KIND_NAMES.items()
    ],
]


@register("F")
def build_cooperating_municipalities(as_of: date) -> ComputedIndicator:
    started = time.monotonic()
    surveys = records.surveys_taken(as_of)
    series = [
        ComputedSeries(
            key=plan.key,
            name_ja=plan.name_ja,
            name_en=plan.name_en,
            unit="municipalities",
            points=[_point(plan, survey, as_of) for survey in surveys],
            in_table=plan.in_table,
            order=order,
        )
        for order, plan in enumerate(PLANS)
    ]
    logger.info(
        "F as of %s: %d surveys in %.2f s",
        as_of,
        len(surveys),
        time.monotonic() - started,
    )
    assessed = [s for s in surveys if _ended(s, as_of)]
    breakdown = assessed[-1].tally().breakdown() if assessed else None
    return ComputedIndicator(code="F", series=series, breakdown=breakdown)


def _ended(survey: SurveyAnswers, as_of: date) -> bool:
    return fiscal_year_end(survey.survey.fiscal_year) <= as_of


def _point(plan: SeriesPlan, survey: SurveyAnswers, as_of: date) -> Point:
    codes = selected(survey.answers, plan.selection)
    return fiscal_year_point(
        survey.survey.fiscal_year,
        Decimal(len(codes)),
        METHOD,
        complete=_ended(survey, as_of),
        provenance=_provenance(plan, survey, codes),
    )


def _provenance(
    plan: SeriesPlan, survey: SurveyAnswers, codes: list[str]
) -> dict[str, Any]:
    fiscal_year = survey.survey.fiscal_year
    named: dict[str, Any] = {
        "survey_responses": {
            "survey": survey.survey.pk,
            "fiscal_year": fiscal_year,
            "selection": plan.selection,
            "count": len(codes),
        },
        "survey": {
            "survey_date": survey.survey.survey_date.isoformat(),
            "population": survey.population,
            "responses": len(survey.answers),
        },
        "source_files": survey.source_files,
        "imports": survey.imports,
    }
    if len(codes) <= CODES_LISTED:
        named["municipality_codes"] = codes
    if plan.selection != "no_cooperation":
        # The public list holds the cooperating municipalities only.
        named["listing"] = {
            "indicator": "F",
            "list": "municipalities",
            "choices": {ANSWERS_CHART: f"FY{fiscal_year}"},
        }
    if plan.in_table:
        named["breakdown"] = survey.tally().breakdown()
    return named
