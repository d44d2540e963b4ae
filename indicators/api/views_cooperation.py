"""API views of the cooperation registry (D) and the project register (E).

Thin: querysets, the D breakdown from ``indicators.cooperation`` (the same
pure functions the D builder uses, over the same memberships), and staff
writes of memberships through the importer's cleaning.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.api import filters_cooperation as filters
from indicators.api import serializers_cooperation as serializers
from indicators.api.permissions import PublicReadStaffWrite
from indicators.api.serializers import AS_OF_PATTERN
from indicators.api.views import CSVFilenameMixin, PublicViewSet
from indicators.cooperation import breakdown, count_on
from indicators.cooperation_series import membership_spells
from indicators.follow_up import with_current_status
from indicators.models import ApplicationCount, Membership, Project


class MembershipViewSet(CSVFilenameMixin, viewsets.ModelViewSet[Membership]):
    """Memberships of countries in the frameworks behind indicator D.

    Public reads; staff tokens write with the importer's rules.
    ``breakdown/`` gives D and its breakdown on a date.
    """

    queryset = Membership.objects.select_related("country")
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    permission_classes = [PublicReadStaffWrite]
    ordering_fields = ["joined_on", "country", "framework", "id"]
    ordering = ["joined_on", "country", "framework"]
    csv_name = "memberships"

    @extend_schema(
        request=serializers.MembershipInputSerializer,
        responses={201: serializers.MembershipSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        written = self._write(None, request, partial=False)
        return Response(written, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.MembershipInputSerializer,
        responses={200: serializers.MembershipSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = bool(kwargs.get("partial"))
        return Response(self._write(self.get_object(), request, partial=partial))

    @extend_schema(
        summary="Indicator D on a date: countries and their frameworks",
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                pattern=AS_OF_PATTERN,
                description=str(
                    serializers.BreakdownQuerySerializer().fields["as_of"].help_text
                ),
            )
        ],
        responses=serializers.BreakdownSerializer,
        filters=False,
    )
    @action(
        detail=False,
        serializer_class=serializers.BreakdownSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def breakdown(self, request: Request) -> Response:
        self.csv_name = "memberships-breakdown"
        # An empty ``as_of=`` means none, as for the filters of the lists.
        given = {k: v for k, v in request.query_params.items() if v}
        query = serializers.BreakdownQuerySerializer(data=given)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        return Response(serializers.BreakdownSerializer(d_on(as_of)).data)

    def _write(
        self, instance: Membership | None, request: Request, partial: bool
    ) -> dict[str, Any]:
        written = serializers.MembershipInputSerializer(
            instance,
            data=request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        written.is_valid(raise_exception=True)
        membership = written.save()
        return dict(serializers.MembershipSerializer(membership).data)


def d_on(as_of: date) -> dict[str, Any]:
    """D's count, per-framework members and breakdown, as the D builder gives them."""
    spells = membership_spells(as_of)
    point = count_on(spells, as_of)
    return {
        "as_of": as_of,
        "countries": point.countries,
        "by_framework": point.by_framework,
        **breakdown(spells, as_of),
    }


class ProjectViewSet(PublicViewSet):
    """Projects selected for overseas expansion (indicator E), with the status
    of their newest follow-up."""

    queryset = with_current_status(
        Project.objects.select_related("programme", "country")
    )
    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter
    ordering_fields = ["fiscal_year", "programme", "title", "id"]
    ordering = ["fiscal_year", "programme", "title"]
    csv_name = "projects"


class ApplicationCountViewSet(PublicViewSet):
    """How many proposals each programme received per fiscal year."""

    queryset = ApplicationCount.objects.select_related("programme")
    serializer_class = serializers.ApplicationCountSerializer
    filterset_class = filters.ApplicationCountFilter
    ordering_fields = ["fiscal_year", "programme", "id"]
    ordering = ["fiscal_year", "programme"]
    csv_name = "applications"
