"""Models of the indicators app, one module per area."""

from indicators.models.assessment import (
    AssessmentRun,
    IndicatorAssessment,
    JobLock,
    SeriesAssessment,
)
from indicators.models.catalogue import Indicator
from indicators.models.imports import DataImport
from indicators.models.reference import ReferenceSeries, ReferenceValue
from indicators.models.series import Series, SeriesValue

__all__ = [
    "AssessmentRun",
    "DataImport",
    "Indicator",
    "IndicatorAssessment",
    "JobLock",
    "ReferenceSeries",
    "ReferenceValue",
    "Series",
    "SeriesAssessment",
    "SeriesValue",
]
