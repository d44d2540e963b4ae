"""Models of the indicators app, one module per area."""

from indicators.models.assessment import (
    AssessmentRun,
    IndicatorAssessment,
    JobLock,
    SeriesAssessment,
)
from indicators.models.catalogue import Indicator
from indicators.models.countries import Country, CustomsPartner
from indicators.models.imports import DataImport
from indicators.models.reference import ReferenceSeries, ReferenceValue
from indicators.models.series import Series, SeriesValue
from indicators.models.trade import (
    HsClassification,
    TradeFile,
    TradeFileTotal,
    TradeItem,
    TradePeriod,
    TradeRow,
    WatchedHeading,
)

__all__ = [
    "AssessmentRun",
    "Country",
    "CustomsPartner",
    "DataImport",
    "HsClassification",
    "Indicator",
    "IndicatorAssessment",
    "JobLock",
    "ReferenceSeries",
    "ReferenceValue",
    "Series",
    "SeriesAssessment",
    "SeriesValue",
    "TradeFile",
    "TradeFileTotal",
    "TradeItem",
    "TradePeriod",
    "TradeRow",
    "WatchedHeading",
]
