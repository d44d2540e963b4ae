"""Models of the indicators app, one module per area."""

from indicators.models.assessment import (
    AssessmentRun,
    IndicatorAssessment,
    JobLock,
    SeriesAssessment,
)
from indicators.models.catalogue import Indicator
from indicators.models.cooperation import Framework, Membership
from indicators.models.countries import Country, CustomsPartner
from indicators.models.imports import DataImport, ImportedChange
from indicators.models.projects import (
    ApplicationCount,
    FollowUpStatus,
    Programme,
    Project,
    ProjectFollowUp,
)
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
    "ApplicationCount",
    "AssessmentRun",
    "Country",
    "CustomsPartner",
    "DataImport",
    "FollowUpStatus",
    "Framework",
    "HsClassification",
    "ImportedChange",
    "Indicator",
    "IndicatorAssessment",
    "JobLock",
    "Membership",
    "Programme",
    "Project",
    "ProjectFollowUp",
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
