"""Admin for the catalogue, stored series and reference series.

Assessments are in ``admin_assessments``, the import log in ``admin_imports``.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.admin_imports import StaffFileAdmin
from indicators.models import (
    Indicator,
    ReferenceSeries,
    ReferenceValue,
    Series,
    SeriesValue,
)
from indicators.resources import ReferenceValueResource


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name_ja",
        "kind",
        "headline",
        "unit",
        "base_year",
        "target_value",
        "target_year",
        "desired_direction",
    ]
    list_filter = ["kind", "headline"]
    search_fields = ["code", "name_ja", "name_en"]


class SeriesValueInline(admin.TabularInline):
    model = SeriesValue
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "period",
        "value",
        "complete",
        "position",
        "method",
        "computed_at",
    )


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["indicator", "key", "name_ja", "unit", "valuation", "in_table"]
    list_filter = ["indicator", "valuation", "in_table"]
    search_fields = ["key", "name_ja", "name_en"]
    inlines = [SeriesValueInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(SeriesValue)
class SeriesValueAdmin(admin.ModelAdmin):
    list_display = ["series", "period", "value", "complete", "computed_at"]
    list_filter = ["series__indicator", "complete"]
    search_fields = ["series__key", "period"]
    readonly_fields = [f.name for f in SeriesValue._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ReferenceSeries)
class ReferenceSeriesAdmin(admin.ModelAdmin):
    list_display = ["key", "name_ja", "unit", "order"]
    search_fields = ["key", "name_ja", "name_en"]


@admin.register(ReferenceValue)
class ReferenceValueAdmin(StaffFileAdmin):
    resource_classes = [ReferenceValueResource]
    import_kind = "series"
    recompute_after_change = False  # the reference series are not assessed
    list_display = ["series", "fiscal_year", "value", "source"]
    list_filter = ["series"]
    search_fields = ["series__key", "source"]


# Area admins: countries, the cooperation registry and the project register;
# trade statistics; assessment runs and their publication; the import log
# and its undo.
from indicators import (  # noqa: E402, F401
    admin_assessments,
    admin_cooperation,
    admin_imports,
    admin_trade,
)
