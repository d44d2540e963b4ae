"""Import and export resources of the indicators app (command and admin alike)."""

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from indicators.importing import ImportKind, PortalResource, register_kind
from indicators.models import ReferenceSeries, ReferenceValue
from indicators.widgets import ExactDecimalWidget, FiscalYearWidget


class ReferenceSeriesWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(ReferenceSeries, field="key")

    def clean(
        self, value: Any, row: Any = None, **kwargs: Any
    ) -> ReferenceSeries | None:
        if value in (None, ""):
            raise ValueError("a series key is required")
        series = ReferenceSeries.objects.filter(key=str(value).strip()).first()
        if series is None:
            known = ", ".join(ReferenceSeries.objects.values_list("key", flat=True))
            raise ValueError(f"unknown series {value!r}; known series: {known}")
        return series


class ReferenceValueResource(PortalResource):
    """Rows ``series, period, value, unit, source`` of the reference series."""

    header_aliases = {
        "系列": "series",
        "年度": "period",
        "期間": "period",
        "値": "value",
        "単位": "unit",
        "出典": "source",
    }

    series = fields.Field(
        attribute="series", column_name="series", widget=ReferenceSeriesWidget()
    )
    period = fields.Field(
        attribute="fiscal_year", column_name="period", widget=FiscalYearWidget()
    )
    value = fields.Field(
        attribute="value", column_name="value", widget=ExactDecimalWidget()
    )
    source = fields.Field(attribute="source", column_name="source")
    unit = fields.Field(column_name="unit", readonly=True)

    class Meta:
        model = ReferenceValue
        import_id_fields = ("series", "period")
        fields = ("series", "period", "value", "unit", "source")
        skip_unchanged = True
        report_skipped = False

    def required_columns(self) -> list[str]:
        return ["series", "period", "value"]

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        super().before_import_row(row, **kwargs)
        unit = str(row.get("unit") or "").strip()
        series = ReferenceSeries.objects.filter(
            key=str(row.get("series") or "").strip()
        ).first()
        if unit and series is not None and unit != series.unit:
            message = f"unit {unit!r} does not match the series unit {series.unit!r}"
            raise ValidationError({"unit": message})
        if row.get("value") in (None, ""):
            raise ValidationError({"value": "value is empty"})

    def dehydrate_unit(self, obj: ReferenceValue) -> str:
        return obj.series.unit


register_kind(
    ImportKind(
        name="series",
        resource=ReferenceValueResource,
        help="reference series values: series, period, value, unit, source",
    )
)
