"""API of the customs trade statistics behind indicators A-C.

- ``trade/``: totals per fiscal year or month, direction and item (or
  category, or indicator), optionally of one partner country;
- ``trade/unit-values/``: yen per tonne per item, direction and fiscal
  year (C's arithmetic; FOB for exports, CIF for imports, never mixed);
  both from the months ended by ``as_of`` (today if not given), so that
  the figures of a recompute as of a date can be fetched as it saw them;
- ``trade/monthly/export/``: every stored monthly row as one streamed CSV;
- ``classification/``: which HS codes make up each item, per year range.

The aggregates are computed from the stored rows on each request (the same
``ItemMonths`` the builders read) and are not paged: at most a few
thousand records. Filters narrow them before they are serialized.
"""

from datetime import date
from typing import Any

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.http import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.api.filters import IntegerFilter, IsoDateFilter, PortalFilterSet
from indicators.api.permissions import PublicReadStaffWrite
from indicators.api.renderers import CSVRenderer
from indicators.api.serializers import (
    AS_OF_PATTERN,
    PlainDecimalField,
    PortalModelSerializer,
    bounded_as_of,
)
from indicators.api.streaming import ExportColumn, streaming_csv_response
from indicators.api.views import CSVFilenameMixin, PublicViewSet
from indicators.customs_layouts import EXPORT, IMPORT, VALUATION
from indicators.models import HsClassification, TradeItem, TradeRow
from indicators.trade_aggregates import (
    VALUE_UNIT,
    Aggregate,
    ItemInfo,
    fiscal_year_aggregates,
    groups,
    month_aggregates,
)
from indicators.trade_series import item_months_traded_with

DIRECTIONS = {"export": EXPORT, "import": IMPORT}


class TradeQuerySerializer(serializers.Serializer[Any]):
    period = serializers.ChoiceField(["fy", "month"], required=False, default="fy")
    group = serializers.ChoiceField(
        ["item", "category", "indicator"], required=False, default="item"
    )
    direction = serializers.ChoiceField(list(DIRECTIONS), required=False)
    indicator = serializers.ChoiceField(TradeItem.Indicator.values, required=False)
    category = serializers.ChoiceField(TradeItem.Category.values, required=False)
    item = serializers.SlugField(required=False, help_text="item key")
    country = serializers.RegexField(
        r"^[A-Z]{2}$", required=False, help_text="ISO alpha-2 of the partner"
    )
    partner = serializers.RegexField(
        r"^[0-9]{3}$", required=False, help_text="3-digit customs partner code"
    )
    fiscal_year_min = serializers.IntegerField(
        required=False, min_value=0, max_value=9999
    )
    fiscal_year_max = serializers.IntegerField(
        required=False, min_value=0, max_value=9999
    )
    as_of = serializers.DateField(
        required=False,
        help_text=_(
            "この日までに終わった月の行で集計する（YYYY-MM-DD、1900年〜2199年）。"
            "既定は今日"
        ),
    )

    def validate_as_of(self, value: date) -> date:
        return bounded_as_of(value)


# The schema bounds the date as the serializer does (OpenAPI cannot bound one).
AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    pattern=AS_OF_PATTERN,
    description=str(TradeQuerySerializer().fields["as_of"].help_text),
)


class UnitValueQuerySerializer(TradeQuerySerializer):
    """Unit values are per item and fiscal year: neither is a choice here."""

    # Fixed values, left out of the documented parameters.
    period = serializers.HiddenField(default="fy")  # type: ignore[assignment]
    group = serializers.HiddenField(default="item")  # type: ignore[assignment]


class TradeAggregateSerializer(serializers.Serializer[Any]):
    period = serializers.CharField(help_text="FY2018 or 2018-04")
    fiscal_year = serializers.IntegerField()
    month = serializers.DateField(allow_null=True)
    complete = serializers.BooleanField(help_text="all months of the period loaded")
    direction = serializers.CharField()
    indicator = serializers.CharField(source="group.indicator")
    category = serializers.CharField(source="group.category", allow_null=True)
    item = serializers.CharField(source="group.item", allow_null=True)
    country = serializers.CharField(allow_null=True)
    partner = serializers.CharField(allow_null=True)
    quantity = PlainDecimalField(max_digits=None, decimal_places=None)
    quantity_unit = serializers.CharField(source="group.unit", help_text="t or units")
    value = serializers.IntegerField(source="totals.value")
    value_unit = serializers.CharField()
    valuation = serializers.CharField(help_text="FOB (exports) or CIF (imports)")


class UnitValueSerializer(serializers.Serializer[Any]):
    fiscal_year = serializers.IntegerField()
    complete = serializers.BooleanField()
    direction = serializers.CharField()
    indicator = serializers.CharField(source="group.indicator")
    category = serializers.CharField(source="group.category")
    item = serializers.CharField(source="group.item")
    unit_value = PlainDecimalField(
        max_digits=None, decimal_places=None, allow_null=True
    )
    unit = serializers.CharField(default="yen/t")
    valuation = serializers.CharField()


class TradeViewSet(CSVFilenameMixin, viewsets.GenericViewSet[TradeRow]):
    """Trade totals and unit values computed from the stored monthly rows."""

    queryset = TradeRow.objects.none()
    serializer_class = TradeAggregateSerializer
    permission_classes = [PublicReadStaffWrite]
    filter_backends: list[Any] = []
    pagination_class = None
    csv_name = "trade"

    @extend_schema(parameters=[TradeQuerySerializer, AS_OF_PARAMETER])
    def list(self, request: Request) -> Response:
        query = self._query(request)
        records = [trade_record(a, query) for a in aggregates_for(query)]
        return Response(TradeAggregateSerializer(records, many=True).data)

    @extend_schema(
        summary="Yen per tonne per item, direction and fiscal year",
        parameters=[UnitValueQuerySerializer, AS_OF_PARAMETER],
        responses=UnitValueSerializer(many=True),
    )
    @action(detail=False, url_path="unit-values", serializer_class=UnitValueSerializer)
    def unit_values(self, request: Request) -> Response:
        self.csv_name = "trade-unit-values"
        query = self._query(request, UnitValueQuerySerializer)
        records = [
            {**vars(a), "unit_value": a.totals.unit_value()}
            for a in aggregates_for(query)
            if a.group.unit == "t"
        ]
        return Response(UnitValueSerializer(records, many=True).data)

    def _query(
        self,
        request: Request,
        query_class: type[TradeQuerySerializer] = TradeQuerySerializer,
    ) -> dict[str, Any]:
        # An empty parameter means none, as for the filters of the lists.
        given = {k: v for k, v in request.query_params.items() if v}
        query = query_class(data=given)
        query.is_valid(raise_exception=True)
        return dict(query.validated_data)


def trade_record(aggregate: Aggregate, query: dict[str, Any]) -> dict[str, Any]:
    """An aggregate with its quantity, value unit and the partner asked for."""
    return {
        **vars(aggregate),
        "quantity": aggregate.quantity,
        "value_unit": VALUE_UNIT,
        "country": query.get("country"),
        "partner": query.get("partner"),
    }


def aggregates_for(query: dict[str, Any]) -> list[Aggregate]:
    """The records a query asks for, computed from the stored rows."""
    months = item_months_traded_with(
        query.get("as_of") or timezone.localdate(),
        query.get("country", ""),
        query.get("partner", ""),
    )
    chosen = groups(_items(query), query["group"])
    directions = [DIRECTIONS[query["direction"]]] if "direction" in query else []
    build = fiscal_year_aggregates if query["period"] == "fy" else month_aggregates
    records = [
        record
        for direction in directions or [EXPORT, IMPORT]
        for record in build(months, chosen, direction)
    ]
    first = query.get("fiscal_year_min", 0)
    last = query.get("fiscal_year_max", 9999)
    return [r for r in records if first <= r.fiscal_year <= last]


def _items(query: dict[str, Any]) -> list[ItemInfo]:
    items = TradeItem.objects.all()
    for name in ("indicator", "category"):
        if name in query:
            items = items.filter(**{name: query[name]})
    if "item" in query:
        items = items.filter(slug=query["item"])
    rows = items.values_list("slug", "category", "indicator")
    return [ItemInfo(*row) for row in rows]


MONTHLY_COLUMNS = [
    ExportColumn("month", "month"),
    ExportColumn("direction", "direction"),
    ExportColumn("hs_code", "hs_code"),
    ExportColumn("partner", "partner__code"),
    ExportColumn("country", "partner__country__alpha2"),
    ExportColumn("port", "port"),
    ExportColumn("quantity1", "quantity1"),
    ExportColumn("unit1", "unit1"),
    ExportColumn("quantity2", "quantity2"),
    ExportColumn("unit2", "unit2"),
    ExportColumn("tonnes", "tonnes"),
    ExportColumn("count", "count"),
    ExportColumn("value", "value"),
    ExportColumn("value_unit", "value_unit"),
    ExportColumn("valuation", "valuation"),
]

# The order of the unique key's index (trade_row_unique_key), so that the
# database streams rows along the index without sorting the whole table.
MONTHLY_ORDER = ["direction", "month", "hs_code", "partner_id", "port"]


def monthly_rows(rows: QuerySet[TradeRow]) -> QuerySet[TradeRow]:
    """``rows`` in the export's order, with the value's unit and basis."""
    basis = [When(direction=d, then=Value(v)) for d, v in VALUATION.items()]
    return rows.annotate(
        value_unit=Value(VALUE_UNIT, output_field=CharField()),
        valuation=Case(*basis, output_field=CharField()),
    ).order_by(*MONTHLY_ORDER)


class TradeRowFilter(PortalFilterSet):
    direction = filters.ChoiceFilter(
        choices=[(EXPORT, "export"), (IMPORT, "import")], help_text="1 export, 2 import"
    )
    month_after = IsoDateFilter(field_name="month", lookup_expr="gte")
    month_before = IsoDateFilter(field_name="month", lookup_expr="lte")

    class Meta:
        model = TradeRow
        fields: list[str] = []


class TradeMonthlyViewSet(CSVFilenameMixin, viewsets.GenericViewSet[TradeRow]):
    """The stored monthly rows (value in thousand yen; exports FOB, imports CIF)."""

    queryset = TradeRow.objects.all()
    filterset_class = TradeRowFilter
    permission_classes = [PublicReadStaffWrite]
    filter_backends = [filters.DjangoFilterBackend]
    csv_name = "trade-monthly"

    @extend_schema(
        summary="Every monthly trade row as one CSV file (streamed)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=False, renderer_classes=[CSVRenderer], pagination_class=None)
    def export(self, request: Request) -> HttpResponseBase:
        rows = monthly_rows(self.filter_queryset(self.get_queryset()))
        return streaming_csv_response(
            rows, MONTHLY_COLUMNS, filename=self.csv_filename()
        )


class ClassificationSerializer(PortalModelSerializer):
    item = serializers.CharField(source="item.slug")
    category = serializers.CharField(source="item.category")
    indicator = serializers.CharField(source="item.indicator")

    class Meta:
        model = HsClassification
        fields = [
            "id",
            "hs_code",
            "item",
            "category",
            "indicator",
            "valid_from",
            "valid_to",
            "unit1",
            "unit2",
            "source",
        ]


class ClassificationFilter(PortalFilterSet):
    hs_code = filters.CharFilter(
        field_name="hs_code", lookup_expr="startswith", help_text="code or its start"
    )
    item = filters.CharFilter(field_name="item__slug")
    category = filters.ChoiceFilter(
        field_name="item__category", choices=TradeItem.Category.choices
    )
    indicator = filters.ChoiceFilter(
        field_name="item__indicator", choices=TradeItem.Indicator.choices
    )
    valid_in = IntegerFilter(method="filter_valid_in", help_text="a calendar year")

    class Meta:
        model = HsClassification
        fields: list[str] = []

    def filter_valid_in(
        self, queryset: QuerySet[HsClassification], name: str, year: int
    ) -> QuerySet[HsClassification]:
        still_valid = Q(valid_to__isnull=True) | Q(valid_to__gte=year)
        return queryset.filter(still_valid, valid_from__lte=year)


class ClassificationViewSet(PublicViewSet):
    """Which HS codes (6 or 9 digits, as strings) make up each item, per years."""

    queryset = HsClassification.objects.select_related("item")
    serializer_class = ClassificationSerializer
    filterset_class = ClassificationFilter
    ordering_fields = ["hs_code", "valid_from", "id"]
    ordering = ["hs_code", "valid_from"]
    csv_name = "classification"
