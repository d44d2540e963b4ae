"""Serializers of the API: the records as JSON objects and CSV rows.

Every decimal goes out as an exact string without trailing zeros
(``PlainDecimalField``): JSON numbers are floats in most clients, and a
float cannot carry every stored figure. Codes are strings. Reads use the
model serializers below; writes of reference values go through
``ReferenceValueInputSerializer``, which applies the importer's own cleaning
(``indicators.resources.clean_reference_value``).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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
from indicators.numbers import plain_decimal
from indicators.resources import clean_reference_value
from indicators.table import IndicatorRow, SeriesRow, Table

DUPLICATE_YEAR = _("この系列のこの年度の値はすでにあります")
AS_OF_EARLIEST = date(1900, 1, 1)
AS_OF_LATEST = date(2199, 12, 31)
# The same bounds for schema-driven clients (OpenAPI cannot bound a date).
AS_OF_PATTERN = r"^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


class PlainDecimalField(serializers.DecimalField):
    """A decimal as exact text: ``26110000``, ``-0.25`` (no exponent, no padding)."""

    def to_representation(self, value: Any) -> str:
        # DRF writes None itself and never passes it here.
        return plain_decimal(Decimal(value))


class PortalModelSerializer(serializers.ModelSerializer[Any]):
    """Model serializer whose decimal fields come out as ``PlainDecimalField``."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DecimalField: PlainDecimalField,
    }


class IndicatorSerializer(PortalModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_ja",
            "name_en",
            "kind",
            "headline",
            "unit",
            "period_kind",
            "base_year",
            "target_value",
            "target_year",
            "desired_direction",
            "has_headline_value",
            "order",
        ]


class SeriesSerializer(PortalModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = Series
        fields = [
            "id",
            "indicator",
            "key",
            "name_ja",
            "name_en",
            "unit",
            "valuation",
            "in_table",
            "order",
        ]


class SeriesValueSerializer(PortalModelSerializer):
    """A value with its series' identity and unit, so a row stands on its own."""

    indicator = serializers.CharField(source="series.indicator.code", read_only=True)
    series_key = serializers.CharField(source="series.key", read_only=True)
    unit = serializers.CharField(source="series.unit", read_only=True)
    valuation = serializers.CharField(source="series.valuation", read_only=True)

    class Meta:
        model = SeriesValue
        fields = [
            "id",
            "series",
            "indicator",
            "series_key",
            "period",
            "period_end",
            "fiscal_year",
            "value",
            "unit",
            "valuation",
            "complete",
            "method",
            "provenance",
            "computed_at",
        ]


class ReferenceSeriesSerializer(PortalModelSerializer):
    class Meta:
        model = ReferenceSeries
        fields = ["key", "name_ja", "name_en", "unit", "order"]


class ReferenceValueSerializer(PortalModelSerializer):
    series = serializers.CharField(source="series.key", read_only=True)
    unit = serializers.CharField(source="series.unit", read_only=True)

    class Meta:
        model = ReferenceValue
        fields = ["id", "series", "fiscal_year", "value", "unit", "source"]


class ReferenceValueInputSerializer(serializers.Serializer[ReferenceValue]):
    """A reference value as staff write it, cleaned exactly as the importer does.

    ``fiscal_year`` and ``value`` accept the importer's notations (``2018``,
    ``FY2018``, ``平成30年度``; ``123,456.5``, full-width digits); a unit,
    if given, must be the series' unit.
    """

    # Blank cells pass through so that the importer's rules name them.
    series = serializers.CharField(allow_blank=True, help_text=_("参考系列のキー"))
    fiscal_year = serializers.CharField(
        allow_blank=True, help_text=_("年度（2018、FY2018、平成30年度）")
    )
    value = serializers.CharField(
        allow_blank=True, help_text=_("値（123,456.5 のような表記も可）")
    )
    unit = serializers.CharField(required=False, allow_blank=True)
    # A declared field, not DRF's ``Field.source`` attribute it shadows for mypy.
    source = serializers.CharField(  # type: ignore[assignment]
        required=False, allow_blank=True, max_length=300
    )

    # The importer's column names for the fields whose API names differ.
    IMPORT_COLUMNS = {"fiscal_year": "period"}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        row = {**self._current_row(), **attrs}
        cleaned = clean_reference_value(
            {self.IMPORT_COLUMNS.get(k, k): v for k, v in row.items()},
            api_names={v: k for k, v in self.IMPORT_COLUMNS.items()},
        )
        self._check_unique(cleaned)
        return cleaned

    def create(self, validated_data: dict[str, Any]) -> ReferenceValue:
        value = ReferenceValue(**validated_data)
        self._save(value)
        return value

    def update(
        self, instance: ReferenceValue, validated_data: dict[str, Any]
    ) -> ReferenceValue:
        for name, cleaned in validated_data.items():
            setattr(instance, name, cleaned)
        self._save(instance)
        return instance

    def _current_row(self) -> dict[str, Any]:
        """For a partial update, the stored values fill the columns not sent."""
        instance = self.instance
        if not isinstance(instance, ReferenceValue) or not self.partial:
            return {"unit": "", "source": ""}
        return {
            "series": instance.series.key,
            "fiscal_year": instance.fiscal_year,
            "value": instance.value,
            "unit": "",
            "source": instance.source,
        }

    def _check_unique(self, cleaned: dict[str, Any]) -> None:
        clash = ReferenceValue.objects.filter(
            series=cleaned["series"], fiscal_year=cleaned["fiscal_year"]
        )
        if isinstance(self.instance, ReferenceValue):
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError({"fiscal_year": [DUPLICATE_YEAR]})

    def _save(self, value: ReferenceValue) -> None:
        # Two writers may pass the check above at once; the constraint decides.
        try:
            with transaction.atomic():
                value.save()
        except IntegrityError:
            raise serializers.ValidationError(
                {"fiscal_year": [DUPLICATE_YEAR]}
            ) from None


class CountrySerializer(PortalModelSerializer):
    class Meta:
        model = Country
        fields = ["alpha2", "alpha3", "numeric", "name_en", "name_ja", "name_ja_formal"]


class CustomsPartnerSerializer(PortalModelSerializer):
    country = serializers.CharField(
        source="country.alpha2", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CustomsPartner
        fields = ["code", "name_en", "name_ja", "region", "country"]


class AssessmentRunSerializer(PortalModelSerializer):
    class Meta:
        model = AssessmentRun
        fields = [
            "id",
            "as_of",
            "method_version",
            "data_as_of",
            "computed_at",
            "status",
            "published_at",
        ]


class AssessmentQuerySerializer(serializers.Serializer[Any]):
    """``as_of``: assess the records as they stood on that date instead."""

    as_of = serializers.DateField(
        required=False,
        help_text=_("この日のデータで評価し直す（YYYY-MM-DD、1900年〜2199年）"),
    )

    def validate_as_of(self, value: date) -> date:
        return bounded_as_of(value)


def bounded_as_of(value: date) -> date:
    """An ``as_of`` within 1900-2199: a builder walks the fiscal years up
    to the date, so the walk is bounded."""
    if not AS_OF_EARLIEST <= value <= AS_OF_LATEST:
        raise serializers.ValidationError(_("1900年から2199年までの日付にしてください"))
    return value


class AssessmentRowSerializer(serializers.Serializer[Any]):
    """One row of the assessment table: an indicator and one of its series.

    An indicator without a series in the table (C, or one not yet
    computed) has one row whose series columns are empty.
    """

    code = serializers.CharField()
    indicator_name_ja = serializers.CharField()
    indicator_name_en = serializers.CharField()
    headline = serializers.BooleanField()
    series_key = serializers.CharField(allow_null=True)
    series_name_ja = serializers.CharField(allow_null=True)
    series_name_en = serializers.CharField(allow_null=True)
    unit = serializers.CharField()
    target_value = PlainDecimalField(max_digits=20, decimal_places=4, allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    desired_direction = serializers.CharField()
    latest_period = serializers.CharField(allow_null=True)
    latest_value = PlainDecimalField(max_digits=24, decimal_places=6, allow_null=True)
    long_term_trend = serializers.CharField(allow_null=True)
    long_term_colour = serializers.CharField(allow_null=True)
    long_term_change = PlainDecimalField(
        max_digits=None, decimal_places=None, allow_null=True
    )
    short_term_trend = serializers.CharField(allow_null=True)
    short_term_colour = serializers.CharField(allow_null=True)
    short_term_change = PlainDecimalField(
        max_digits=None, decimal_places=None, allow_null=True
    )
    breakdown = serializers.JSONField(allow_null=True)
    evaluation = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)


class AssessmentTableSerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField()
    method_version = serializers.CharField()
    computed_at = serializers.DateTimeField(allow_null=True)
    run = serializers.IntegerField(allow_null=True)
    results = AssessmentRowSerializer(many=True)


def table_rows(table: Table) -> list[dict[str, Any]]:
    """The table flattened to one mapping per indicator series."""
    rows: list[dict[str, Any]] = []
    for indicator_row in table.rows:
        series: list[SeriesRow | None] = list(indicator_row.series) or [None]
        rows.extend(_row(indicator_row, s) for s in series)
    return rows


def _row(row: IndicatorRow, series: SeriesRow | None) -> dict[str, Any]:
    indicator = row.indicator
    fields: dict[str, Any] = {
        "code": indicator.code,
        "indicator_name_ja": indicator.name_ja,
        "indicator_name_en": indicator.name_en,
        "headline": indicator.headline,
        "unit": series.unit if series else indicator.unit,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "desired_direction": indicator.desired_direction,
        "breakdown": row.breakdown,
        "evaluation": row.evaluation,
        "notes": row.notes,
    }
    return {**fields, **_series_fields(series)}


def _series_fields(series: SeriesRow | None) -> dict[str, Any]:
    if series is None:
        names = ["series_key", "series_name_ja", "series_name_en", "latest_period"]
        names += ["latest_value"] + [
            f"{term}_{part}"
            for term in ("long_term", "short_term")
            for part in ("trend", "colour", "change")
        ]
        return dict.fromkeys(names)
    return {
        "series_key": series.key,
        "series_name_ja": series.name_ja,
        "series_name_en": series.name_en,
        "latest_period": series.latest_period,
        "latest_value": series.latest_value,
        "long_term_trend": series.long_term.trend,
        "long_term_colour": series.long_term.colour,
        "long_term_change": series.long_term.change,
        "short_term_trend": series.short_term.trend,
        "short_term_colour": series.short_term.colour,
        "short_term_change": series.short_term.change,
    }
