"""Routes of the REST API under ``/api/v1/``, one block per area.

An area adds its viewsets to ``router`` in its own block below (and plain
views to ``urlpatterns``); the schema and its documentation pages pick
them up without further changes.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from indicators.api import views, views_cooperation, views_trade
from surveys import api as survey_api

app_name = "api"


class PortalRouter(DefaultRouter):
    # One address per resource: ``?format=csv`` rather than ``.csv`` suffixes.
    include_format_suffixes = False


router = PortalRouter()

# Catalogue, series and assessments.
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("series", views.SeriesViewSet, basename="series")
router.register("series-values", views.SeriesValueViewSet, basename="series-value")
router.register(
    "assessment-runs", views.AssessmentRunViewSet, basename="assessment-run"
)

# Reference series and reference data.
router.register(
    "reference-series", views.ReferenceSeriesViewSet, basename="reference-series"
)
router.register(
    "reference-values", views.ReferenceValueViewSet, basename="reference-value"
)
router.register("countries", views.CountryViewSet, basename="country")
router.register(
    "customs-partners", views.CustomsPartnerViewSet, basename="customs-partner"
)

# Cooperation registry (D) and project register (E).
router.register(
    "memberships", views_cooperation.MembershipViewSet, basename="membership"
)
router.register("projects", views_cooperation.ProjectViewSet, basename="project")
router.register(
    "applications", views_cooperation.ApplicationCountViewSet, basename="application"
)

# Municipal survey (F): public aggregates, individual responses for staff.
router.register(
    "survey-results", survey_api.SurveyResultViewSet, basename="survey-result"
)
router.register(
    "survey-responses", survey_api.SurveyResponseViewSet, basename="survey-response"
)

# Customs trade (A-C): aggregates, unit values, the monthly rows, the mapping.
router.register(
    "trade/monthly", views_trade.TradeMonthlyViewSet, basename="trade-monthly"
)
router.register("trade", views_trade.TradeViewSet, basename="trade")
router.register(
    "classification", views_trade.ClassificationViewSet, basename="classification"
)

urlpatterns = [
    path("", include(router.urls)),
    path("assessments/", views.AssessmentTableView.as_view(), name="assessment-table"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    # Last: any other address ending in a slash is an API 404, not an HTML
    # page. It must end in a slash: an address without one is left unresolved
    # so that APPEND_SLASH redirects it (``indicators`` to ``indicators/``).
    re_path(r"^[\s\S]*/$", views.UnknownAddressView.as_view()),
]
