"""API views of the indicators app: thin callers of querysets and the table.

Every list is public, filtered with django-filter, ordered by identifying
fields only, paged by keyset cursors and rendered as JSON or CSV
(``?format=csv`` or ``Accept: text/csv``). Throttling, authentication and
the default permission come from ``REST_FRAMEWORK`` in the settings.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators.api import filters, serializers
from indicators.api.permissions import PublicReadStaffWrite
from indicators.api.renderers import CSVRenderer
from indicators.api.streaming import ExportColumn, streaming_csv_response
from indicators.api.throttling import AsOfAssessmentThrottle
from indicators.as_of_tables import table_on
from indicators.models import (
    AssessmentRun,
    Country,
    CustomsPartner,
    Indicator,
    ReferenceSeries,
    ReferenceValue,
    Series,
    SeriesValue,
)
from indicators.permissions import can_see_drafts
from indicators.table import Table, latest_run, stored_table

# What a record's code may look like in an address. An address outside the
# pattern never reaches the database (PostgreSQL refuses a NUL in text with
# an error, not a miss) and is answered by ``UnknownAddressView`` as a 404.
CODE_PATTERN = "[0-9A-Za-z]+"
DIGITS_PATTERN = "[0-9]+"
SLUG_PATTERN = "[-0-9A-Za-z_]+"


class CSVFilenameMixin(APIView):
    """CSV answers download as ``<csv_name>.csv`` instead of showing inline."""

    csv_name = ""

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        renderer = getattr(response, "accepted_renderer", None)
        if getattr(renderer, "format", None) == "csv":
            filename = self.csv_filename()
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def csv_filename(self) -> str:
        return f"{self.csv_name or 'export'}.csv"


class PublicViewSet(CSVFilenameMixin, viewsets.ReadOnlyModelViewSet[Any]):
    """A public list and detail; the other areas' lists derive from it too."""

    permission_classes = [PublicReadStaffWrite]


class IndicatorViewSet(PublicViewSet):
    """The indicator catalogue (A-F): targets, units and desired directions."""

    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN
    ordering_fields = ["code"]
    ordering = ["code"]
    csv_name = "indicators"


class SeriesViewSet(PublicViewSet):
    """The stored series of each indicator, with unit and valuation basis."""

    queryset = Series.objects.select_related("indicator")
    serializer_class = serializers.SeriesSerializer
    filterset_class = filters.SeriesFilter
    ordering_fields = ["indicator", "key", "id"]
    ordering = ["indicator", "key"]
    csv_name = "series"


SERIES_VALUE_COLUMNS = [
    ExportColumn("id", "id"),
    ExportColumn("series", "series_id"),
    ExportColumn("indicator", "series__indicator__code"),
    ExportColumn("series_key", "series__key"),
    ExportColumn("period", "period"),
    ExportColumn("period_end", "period_end"),
    ExportColumn("fiscal_year", "fiscal_year"),
    ExportColumn("value", "value"),
    ExportColumn("unit", "series__unit"),
    ExportColumn("valuation", "series__valuation"),
    ExportColumn("complete", "complete"),
    ExportColumn("method", "method"),
    ExportColumn("provenance", "provenance"),
    ExportColumn("computed_at", "computed_at"),
]


class SeriesValueViewSet(PublicViewSet):
    """Values of the stored series by period; ``export/`` streams them all."""

    queryset = SeriesValue.objects.select_related("series__indicator")
    serializer_class = serializers.SeriesValueSerializer
    filterset_class = filters.SeriesValueFilter
    ordering_fields = ["period_end", "series", "id"]
    ordering = ["period_end", "id"]
    csv_name = "series-values"

    @extend_schema(
        summary="Every series value as one CSV file (streamed)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(
        detail=False,
        renderer_classes=[CSVRenderer],
        pagination_class=None,
    )
    def export(self, request: Request) -> HttpResponseBase:
        values = self.filter_queryset(self.get_queryset())
        return streaming_csv_response(
            values, SERIES_VALUE_COLUMNS, filename=self.csv_filename()
        )


class ReferenceSeriesViewSet(PublicViewSet):
    """The reference series kept beside A-F (Basel Act, Waste Management Act)."""

    queryset = ReferenceSeries.objects.all()
    serializer_class = serializers.ReferenceSeriesSerializer
    lookup_field = "key"
    lookup_value_regex = SLUG_PATTERN
    ordering_fields = ["key"]
    ordering = ["key"]
    csv_name = "reference-series"


class ReferenceValueViewSet(CSVFilenameMixin, viewsets.ModelViewSet[ReferenceValue]):
    """Reference values: public reads; staff tokens write with the importer's rules."""

    queryset = ReferenceValue.objects.select_related("series")
    serializer_class = serializers.ReferenceValueSerializer
    filterset_class = filters.ReferenceValueFilter
    permission_classes = [PublicReadStaffWrite]
    ordering_fields = ["series", "fiscal_year", "id"]
    ordering = ["series", "fiscal_year"]
    csv_name = "reference-values"

    @extend_schema(
        request=serializers.ReferenceValueInputSerializer,
        responses={201: serializers.ReferenceValueSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        written = self._write(None, request, partial=False)
        return Response(written, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ReferenceValueInputSerializer,
        responses={200: serializers.ReferenceValueSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = bool(kwargs.get("partial"))
        return Response(self._write(self.get_object(), request, partial=partial))

    def _write(
        self, instance: ReferenceValue | None, request: Request, partial: bool
    ) -> dict[str, Any]:
        written = serializers.ReferenceValueInputSerializer(
            instance,
            data=request.data,
            partial=partial,
            context=self.get_serializer_context(),
        )
        written.is_valid(raise_exception=True)
        value = written.save()
        return dict(serializers.ReferenceValueSerializer(value).data)


class CountryViewSet(PublicViewSet):
    """Countries (ISO 3166) with their Japanese short and formal names."""

    queryset = Country.objects.all()
    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilter
    lookup_field = "alpha2"
    lookup_value_regex = CODE_PATTERN
    ordering_fields = ["alpha2", "alpha3"]
    ordering = ["alpha2"]
    csv_name = "countries"


class CustomsPartnerViewSet(PublicViewSet):
    """The 3-digit partner codes of the customs statistics and their countries."""

    queryset = CustomsPartner.objects.select_related("country")
    serializer_class = serializers.CustomsPartnerSerializer
    filterset_class = filters.CustomsPartnerFilter
    lookup_field = "code"
    lookup_value_regex = DIGITS_PATTERN
    ordering_fields = ["code"]
    ordering = ["code"]
    csv_name = "customs-partners"


class AssessmentRunViewSet(PublicViewSet):
    """Stored assessment runs, each with its table at ``{id}/table/``.

    The public sees published runs only, as on the pages; staff who may
    view assessment runs see the drafts too, as with ``?draft=1`` on ``/``.
    """

    queryset = AssessmentRun.objects.all()
    serializer_class = serializers.AssessmentRunSerializer
    filterset_class = filters.AssessmentRunFilter
    ordering_fields = ["as_of", "id"]
    ordering = ["-id"]
    csv_name = "assessment-runs"

    def get_queryset(self) -> QuerySet[AssessmentRun]:
        runs = super().get_queryset()
        if can_see_drafts(self.request.user):
            return runs
        return runs.filter(status=AssessmentRun.Status.PUBLISHED)

    @extend_schema(
        summary="The assessment table of one stored run",
        responses=serializers.AssessmentTableSerializer,
        filters=False,
    )
    @action(
        detail=True,
        serializer_class=serializers.AssessmentRowSerializer,
        filter_backends=[],
        pagination_class=None,
    )
    def table(self, request: Request, pk: str | None = None) -> Response:
        run = self.get_object()
        return table_response(self, stored_table(run), run)


class AssessmentTableView(CSVFilenameMixin, generics.GenericAPIView[Any]):
    """The assessment table: the latest stored run, or computed as of a date.

    With ``as_of`` the table is the run published for that date, or else
    computed from the records as they stood on that date (cached until the
    data change, see ``indicators.as_of_tables``); the evaluation and notes
    are the staff's texts of the run published last, never a draft's.
    """

    serializer_class = serializers.AssessmentRowSerializer
    permission_classes = [PublicReadStaffWrite]
    queryset = AssessmentRun.objects.all()
    filter_backends: list[Any] = []
    pagination_class = None
    throttle_classes = [*APIView.throttle_classes, AsOfAssessmentThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                pattern=serializers.AS_OF_PATTERN,
                description=str(
                    serializers.AssessmentQuerySerializer().fields["as_of"].help_text
                ),
            )
        ],
        responses=serializers.AssessmentTableSerializer,
    )
    def get(self, request: Request) -> Response:
        # An empty ``as_of=`` means none, as for the filters of the lists.
        given = {k: v for k, v in request.query_params.items() if v}
        query = serializers.AssessmentQuerySerializer(data=given)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of")
        if as_of is not None:
            return table_response(self, *table_on(as_of))
        run = latest_run()
        if run is None:
            raise NotFound(_("評価がまだありません。recompute を実行してください"))
        return table_response(self, stored_table(run), run)


class UnknownAddressView(APIView):
    """A 404 in the negotiated format for an address that names no resource.

    Without it an address such as ``/api/v1/series/1.5/`` would get Django's
    HTML error page, which no API client expects.
    """

    schema = None
    permission_classes = [AllowAny]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # throttling still applies
        raise NotFound()


def table_response(
    view: CSVFilenameMixin, table: Table, run: AssessmentRun | None
) -> Response:
    """The table as JSON (rows under ``results``) or CSV named by its date."""
    view.csv_name = f"assessments-{table.as_of.isoformat()}"
    body = {
        "as_of": table.as_of,
        "method_version": table.method_version,
        "computed_at": table.computed_at,
        "run": run.pk if run else None,
        "results": serializers.table_rows(table),
    }
    return Response(serializers.AssessmentTableSerializer(body).data)
