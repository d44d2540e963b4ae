"""API views of the cooperation registry (D) and the project register (E).

Thin: querysets, the D breakdown from ``indicators.cooperation`` (the same
pure functions the D builder uses, over the same memberships), and staff
writes of memberships, projects and application counts through the
importer's cleaning.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.api import filters_cooperation as filters
from indicators.api import serializers_cooperation as serializers
from indicators.api.permissions import PublicReadStaffWrite
from indicators.api.serializers import AS_OF_PATTERN
from indicators.api.views import CSVFilenameMixin
from indicators.cooperation import breakdown, count_on
from indicators.cooperation_records import membership_spells
from indicators.follow_up import with_current_status
from indicators.models import ApplicationCount, Membership, Project
from indicators.tasks import request_recompute


def documented_writes(input_class: type, output_class: type) -> Any:
    """The schema of a register's writes: the input, and the record as read."""
    return extend_schema_view(
        create=extend_schema(request=input_class, responses={201: output_class}),
        update=extend_schema(request=input_class, responses={200: output_class}),
        partial_update=extend_schema(
            request=input_class, responses={200: output_class}
        ),
    )


class RegisterWrites(CSVFilenameMixin, viewsets.ModelViewSet[Any]):
    """Public reads; staff tokens write through ``input_serializer_class``,
    which cleans as the importer does. The answer is the record as read.

    Each write or delete queues a recompute once it has committed, as the
    admin and the importers do, so the stored series follow the register.
    """

    input_serializer_class: type[serializers.RegisterInputSerializer]
    permission_classes = [PublicReadStaffWrite]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        written = self._write(None, request, partial=False)
        return Response(written, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = bool(kwargs.get("partial"))
        return Response(self._write(self.get_object(), request, partial=partial))

    def _write(self, instance: Any, request: Request, partial: bool) -> dict[str, Any]:
        written = self.input_serializer_class(
            instance,
            data=request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        written.is_valid(raise_exception=True)
        record = written.save()
        request_recompute()
        # Read back through the list's queryset (its joins and annotations).
        stored = self.get_queryset().get(pk=record.pk)
        return dict(self.get_serializer(stored).data)

    def perform_destroy(self, instance: Any) -> None:
        super().perform_destroy(instance)
        request_recompute()


@documented_writes(
    serializers.MembershipInputSerializer, serializers.MembershipSerializer
)
class MembershipViewSet(RegisterWrites):
    """Memberships of countries in the frameworks behind indicator D.

    Public reads; staff tokens write with the importer's rules.
    ``breakdown/`` gives D and its breakdown on a date.
    """

    queryset = Membership.objects.select_related("country")
    serializer_class = serializers.MembershipSerializer
    input_serializer_class = serializers.MembershipInputSerializer
    filterset_class = filters.MembershipFilter
    ordering_fields = ["joined_on", "country", "framework", "id"]
    ordering = ["joined_on", "country", "framework"]
    csv_name = "memberships"

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


@documented_writes(serializers.ProjectInputSerializer, serializers.ProjectSerializer)
class ProjectViewSet(RegisterWrites):
    """Projects selected for overseas expansion (indicator E), with the status
    of their newest follow-up; staff tokens write them as the importer does."""

    queryset = with_current_status(
        Project.objects.select_related("programme", "country")
    )
    serializer_class = serializers.ProjectSerializer
    input_serializer_class = serializers.ProjectInputSerializer
    filterset_class = filters.ProjectFilter
    ordering_fields = ["fiscal_year", "programme", "title", "id"]
    ordering = ["fiscal_year", "programme", "title"]
    csv_name = "projects"


@documented_writes(
    serializers.ApplicationCountInputSerializer,
    serializers.ApplicationCountSerializer,
)
class ApplicationCountViewSet(RegisterWrites):
    """How many proposals each programme received per fiscal year."""

    queryset = ApplicationCount.objects.select_related("programme")
    serializer_class = serializers.ApplicationCountSerializer
    input_serializer_class = serializers.ApplicationCountInputSerializer
    filterset_class = filters.ApplicationCountFilter
    ordering_fields = ["fiscal_year", "programme", "id"]
    ordering = ["fiscal_year", "programme"]
    csv_name = "applications"
