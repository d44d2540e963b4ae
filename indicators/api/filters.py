"""django-filter filter sets of the API, and the filter types other areas reuse.

Query parameters speak the domain: ``indicator=D``, ``key=export``,
``fiscal_year_min=2010``, ``period_end_before=2019-03-31``. A range is two
parameters, both inclusive; an empty parameter is no filter.

A value the schema does not allow is a 400 naming the parameter, never a
filter silently dropped: django-filter by itself reads ``headline=maybe``
as "no filter", Django's forms read ``10/25/2006`` as a date and ``٣`` as
the integer 3, and DRF ignores an unknown ``ordering``. The strict types
below accept exactly what the OpenAPI schema documents.
"""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.rest_framework.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from django_filters.widgets import BooleanWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from indicators.models import (
    AssessmentRun,
    Country,
    CustomsPartner,
    Indicator,
    ReferenceValue,
    Series,
    SeriesValue,
)

INTEGER = re.compile(r"-?[0-9]+")
INT64_MAX = 2**63 - 1
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class StrictIntegerField(forms.IntegerField):
    """ASCII digits within a 64-bit column's range (a foreign key lookup
    outside it would reach the database and fail there)."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if not INTEGER.fullmatch(str(value)) or abs(int(value)) > INT64_MAX:
            raise DjangoValidationError(self.error_messages["invalid"], "invalid")
        return int(value)


class IsoDateField(forms.DateField):
    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        try:
            if ISO_DATE.fullmatch(str(value)):
                return date.fromisoformat(str(value))
        except ValueError:
            pass
        raise DjangoValidationError(self.error_messages["invalid"], "invalid")


class StrictBooleanWidget(BooleanWidget):
    """As django-filter's, but an unknown value reaches the field, which fails."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = super().value_from_datadict(data, files, name)
        raw = data.get(name)
        if value is None and raw not in (None, ""):
            return raw
        return value


class StrictBooleanField(forms.NullBooleanField):
    widget = StrictBooleanWidget

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value is True or value is False or value in self.empty_values:
            return None if value in self.empty_values else bool(value)
        raise DjangoValidationError(_("true か false を指定してください"), "invalid")

    def validate(self, value: Any) -> None:
        """Every value ``to_python`` returns is valid."""


@extend_schema_field(
    {"type": "integer", "format": "int64", "minimum": -INT64_MAX, "maximum": INT64_MAX}
)
class IntegerFilter(filters.NumberFilter):
    """A whole number (a year, an id) in ASCII digits."""

    field_class = StrictIntegerField


@extend_schema_field(OpenApiTypes.DATE)
class IsoDateFilter(filters.DateFilter):
    """A date as YYYY-MM-DD only."""

    field_class = IsoDateField


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.BooleanFilter):
    """``true``/``false`` (or ``1``/``0``); anything else is a 400."""

    field_class = StrictBooleanField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # django-filter's DRF BooleanFilter would install its lenient widget.
        kwargs.setdefault("widget", StrictBooleanWidget)
        super().__init__(*args, **kwargs)


class PortalFilterSet(filters.FilterSet):
    """Base filter set: fields named in ``Meta.fields`` get the strict types."""

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
        models.DateField: {"filter_class": IsoDateFilter},
    }


class FiscalYearRangeFilterSet(PortalFilterSet):
    """``fiscal_year_min`` and ``fiscal_year_max`` on a model's ``fiscal_year``."""

    fiscal_year_min = IntegerFilter(field_name="fiscal_year", lookup_expr="gte")
    fiscal_year_max = IntegerFilter(field_name="fiscal_year", lookup_expr="lte")


class StrictOrderingFilter(OrderingFilter):
    """``ordering`` among the view's ``ordering_fields``, or a 400.

    The schema documents the accepted values as a pattern: one or more
    field names, each optionally prefixed with ``-``, separated by commas.
    """

    def remove_invalid_fields(
        self, queryset: Any, fields: Iterable[str], view: Any, request: Request
    ) -> list[str]:
        fields = list(fields)
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len(fields):
            names = ", ".join(self._names(view))
            message = _("並べ替えに使える項目: %(names)s") % {"names": names}
            raise ValidationError({self.ordering_param: [message]})
        return list(valid)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        names = self._names(view)
        if names:
            term = f"-?({'|'.join(re.escape(n) for n in names)})"
            parameters[0]["schema"]["pattern"] = f"^{term}(,{term})*$"
            parameters[0]["description"] = f"{', '.join(names)} (- for descending)"
        return parameters

    def _names(self, view: Any) -> list[str]:
        fields = getattr(view, "ordering_fields", None)
        return list(fields) if isinstance(fields, list | tuple) else []


class IndicatorFilter(PortalFilterSet):
    class Meta:
        model = Indicator
        fields = ["kind", "headline", "period_kind"]


class SeriesFilter(PortalFilterSet):
    indicator = filters.CharFilter(field_name="indicator__code")

    class Meta:
        model = Series
        fields = ["indicator", "key", "valuation", "in_table"]


class SeriesValueFilter(FiscalYearRangeFilterSet):
    indicator = filters.CharFilter(field_name="series__indicator__code")
    key = filters.CharFilter(field_name="series__key", help_text="series key")
    series = IntegerFilter(field_name="series_id")
    period_end_after = IsoDateFilter(field_name="period_end", lookup_expr="gte")
    period_end_before = IsoDateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = SeriesValue
        fields = ["complete"]


class ReferenceValueFilter(FiscalYearRangeFilterSet):
    series = filters.CharFilter(field_name="series__key")

    class Meta:
        model = ReferenceValue
        fields: list[str] = []


class CountryFilter(PortalFilterSet):
    class Meta:
        model = Country
        fields = ["alpha2", "alpha3", "numeric"]


class CustomsPartnerFilter(PortalFilterSet):
    country = filters.CharFilter(field_name="country__alpha2")

    class Meta:
        model = CustomsPartner
        fields = ["code", "region"]


class AssessmentRunFilter(PortalFilterSet):
    as_of_after = IsoDateFilter(field_name="as_of", lookup_expr="gte")
    as_of_before = IsoDateFilter(field_name="as_of", lookup_expr="lte")

    class Meta:
        model = AssessmentRun
        fields = ["status", "method_version"]
