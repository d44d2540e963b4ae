"""API of the municipal survey (indicator F).

``survey-results/`` is public: per fiscal year, F and the counts published
beside it, tallied by the same function the F builder uses. Individual
responses name municipalities and are not public: ``survey-responses/``
needs a staff user holding the view permission on responses.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.api.filters import IntegerFilter, PortalFilterSet
from indicators.api.permissions import PublicReadStaffWrite, StaffOnly
from indicators.api.serializers import PortalModelSerializer
from indicators.api.views import CSVFilenameMixin, PublicViewSet
from surveys import records
from surveys.models import Survey, SurveyResponse
from surveys.tally import Tally

# Every survey taken, whatever its date: the results list is not "as of".
EVERY_SURVEY = date(9999, 12, 31)


class KindCountsSerializer(serializers.Serializer[Any]):
    sister_city = serializers.IntegerField()
    multilateral = serializers.IntegerField()
    training_exchange = serializers.IntegerField()
    other = serializers.IntegerField()


class SurveyResultSerializer(serializers.Serializer[Any]):
    """One survey's aggregates: F and the answers behind it."""

    fiscal_year = serializers.IntegerField()
    survey_date = serializers.DateField()
    cooperating = serializers.IntegerField(help_text=_("指標F：連携している自治体数"))
    population = serializers.IntegerField(help_text=_("調査日の対象自治体数"))
    responses = serializers.IntegerField()
    specific_partner = serializers.IntegerField()
    general_cooperation = serializers.IntegerField()
    both = serializers.IntegerField()
    no_cooperation = serializers.IntegerField()
    kinds = KindCountsSerializer()


class SurveyResultQuerySerializer(serializers.Serializer[Any]):
    fiscal_year_min = serializers.IntegerField(
        required=False, min_value=0, max_value=32767
    )
    fiscal_year_max = serializers.IntegerField(
        required=False, min_value=0, max_value=32767
    )


def result_of(survey: Survey, tally: Tally) -> dict[str, Any]:
    return {
        "fiscal_year": tally.fiscal_year,
        "survey_date": survey.survey_date,
        "cooperating": tally.cooperating,
        "population": tally.population,
        "responses": tally.responses,
        "specific_partner": tally.specific_partner,
        "general_cooperation": tally.general_cooperation,
        "both": tally.both,
        "no_cooperation": tally.no_cooperation,
        "kinds": tally.kinds,
    }


class SurveyResultViewSet(CSVFilenameMixin, viewsets.GenericViewSet[Survey]):
    """F and its breakdown for each fiscal year with a survey, oldest first.

    Not paged: one row per survey. Each survey costs two queries (its
    responses and its population), so the list grows with the surveys.
    """

    queryset = Survey.objects.all()
    serializer_class = SurveyResultSerializer
    permission_classes = [PublicReadStaffWrite]
    filter_backends: list[Any] = []
    pagination_class = None
    csv_name = "survey-results"

    @extend_schema(parameters=[SurveyResultQuerySerializer])
    def list(self, request: Request) -> Response:
        given = {k: v for k, v in request.query_params.items() if v}
        query = SurveyResultQuerySerializer(data=given)
        query.is_valid(raise_exception=True)
        first = query.validated_data.get("fiscal_year_min", 0)
        last = query.validated_data.get("fiscal_year_max", 32767)
        rows = [
            result_of(survey, tally)
            for survey, tally in records.survey_tallies(EVERY_SURVEY)
            if first <= tally.fiscal_year <= last
        ]
        return Response(SurveyResultSerializer(rows, many=True).data)


class SurveyResponseSerializer(PortalModelSerializer):
    fiscal_year = serializers.IntegerField(source="survey.fiscal_year")
    municipality_code = serializers.CharField(source="municipality.code")
    prefecture = serializers.CharField(source="municipality.prefecture")
    municipality_name = serializers.CharField(source="municipality.name")

    class Meta:
        model = SurveyResponse
        fields = [
            "id",
            "fiscal_year",
            "municipality_code",
            "prefecture",
            "municipality_name",
            "specific_partner",
            "general_cooperation",
            "no_cooperation",
            "kind_sister_city",
            "kind_multilateral",
            "kind_training_exchange",
            "kind_other",
            "comment",
            "review_reason",
            "reviewed",
        ]


class SurveyResponseFilter(PortalFilterSet):
    fiscal_year = IntegerFilter(field_name="survey__fiscal_year")
    municipality_code = filters.CharFilter(
        field_name="municipality__code", help_text="6 digits, check digit included"
    )
    prefecture = filters.CharFilter(field_name="municipality__prefecture")

    class Meta:
        model = SurveyResponse
        fields = ["specific_partner", "general_cooperation", "reviewed"]


class SurveyResponseViewSet(PublicViewSet):
    """Each municipality's answers: staff with the view permission only."""

    queryset = SurveyResponse.objects.select_related("survey", "municipality")
    serializer_class = SurveyResponseSerializer
    filterset_class = SurveyResponseFilter
    permission_classes = [StaffOnly]
    ordering_fields = ["survey", "municipality", "id"]
    ordering = ["survey", "municipality"]
    csv_name = "survey-responses"
