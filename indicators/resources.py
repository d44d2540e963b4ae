"""Import and export resources of the indicators app (command and admin alike).

The rules for one reference value live in ``ReferenceValueResource``'s
widgets and in ``reference_row_errors``; the API's writes call
``clean_reference_value``, which applies both, so a value typed into the
API is checked exactly as the same row in a spreadsheet would be.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from indicators.importing import ImportKind, PortalResource, register_kind
from indicators.models import ReferenceSeries, ReferenceValue
from indicators.widgets import FiscalYearWidget, NonNegativeDecimalWidget


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


# The places the value column keeps; a finer value is refused, not rounded.
VALUE_PLACES = ReferenceValue._meta.get_field("value").decimal_places


class ReferenceValueResource(PortalResource):
    """Rows ``series, period, value, unit, source`` of the reference series."""

    repeated_rows_must_agree = True

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
        attribute="value",
        column_name="value",
        widget=NonNegativeDecimalWidget(decimal_places=VALUE_PLACES),
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
        errors = reference_row_errors(row)
        if errors:
            raise ValidationError(errors)

    def dehydrate_unit(self, obj: ReferenceValue) -> str:
        return obj.series.unit


def reference_row_errors(row: Mapping[str, Any]) -> dict[str, str]:
    """Checks across the columns of one row, by column name."""
    errors = {}
    for column in ("period", "value"):
        if row.get(column) in (None, ""):
            errors[column] = f"{column} is empty"
    unit = str(row.get("unit") or "").strip()
    series = ReferenceSeries.objects.filter(
        key=str(row.get("series") or "").strip()
    ).first()
    if unit and series is not None and unit != series.unit:
        errors["unit"] = f"unit {unit!r} does not match the series unit {series.unit!r}"
    return errors


def clean_reference_value(
    row: Mapping[str, Any], api_names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One row cleaned by the importer's widgets and checks, as model attributes.

    Raises ValidationError keyed by column; ``api_names`` renames columns
    whose name in the caller differs (the API says ``fiscal_year`` for the
    file's ``period``).
    """
    resource = ReferenceValueResource()
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in resource.get_import_fields():
        if field.readonly or field.attribute is None:
            continue
        try:
            cleaned[field.attribute] = field.clean(row)
        except (ValueError, KeyError) as exc:
            errors[field.column_name or field.attribute] = str(exc)
    errors = {**reference_row_errors(row), **errors}
    if errors:
        names = api_names or {}
        raise ValidationError({names.get(c, c): [m] for c, m in errors.items()})
    cleaned["source"] = cleaned.get("source") or ""
    return cleaned


register_kind(
    ImportKind(
        name="series",
        resource=ReferenceValueResource,
        help="reference series values: series, period, value, unit, source",
    )
)
