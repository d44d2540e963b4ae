"""Admin for the catalogue, stored series, assessments and reference series."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    AssessmentRun,
    DataImport,
    Indicator,
    IndicatorAssessment,
    ReferenceSeries,
    ReferenceValue,
    Series,
    SeriesAssessment,
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


class SeriesAssessmentInline(admin.TabularInline):
    model = SeriesAssessment
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "series",
        "latest_period",
        "latest_value",
        "long_term_trend",
        "long_term_colour",
        "short_term_trend",
        "short_term_colour",
    )


@admin.register(IndicatorAssessment)
class IndicatorAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "run", "evaluation"]
    list_filter = ["run__status", "indicator"]
    fields = ["run", "indicator", "breakdown", "evaluation", "notes"]
    readonly_fields = ["run", "indicator", "breakdown"]
    inlines = [SeriesAssessmentInline]


class IndicatorAssessmentInline(admin.TabularInline):
    model = IndicatorAssessment
    extra = 0
    can_delete = False
    fields = ["indicator", "evaluation", "notes"]
    readonly_fields = ["indicator"]
    show_change_link = True


@admin.register(AssessmentRun)
class AssessmentRunAdmin(SimpleHistoryAdmin):
    list_display = ["as_of", "status", "method_version", "computed_at", "data_as_of"]
    list_filter = ["status", "method_version"]
    readonly_fields = [
        "as_of",
        "method_version",
        "computed_at",
        "data_as_of",
        "published_at",
        "published_by",
    ]
    inlines = [IndicatorAssessmentInline]


@admin.register(ReferenceSeries)
class ReferenceSeriesAdmin(admin.ModelAdmin):
    list_display = ["key", "name_ja", "unit", "order"]
    search_fields = ["key", "name_ja", "name_en"]


@admin.register(ReferenceValue)
class ReferenceValueAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ReferenceValueResource]
    list_display = ["series", "fiscal_year", "value", "source"]
    list_filter = ["series"]
    search_fields = ["series__key", "source"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = ["started_at", "kind", "source_name", "status", "user"]
    list_filter = ["kind", "status"]
    search_fields = ["source_name", "sha256"]
    readonly_fields = [f.name for f in DataImport._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


# Area admins: countries, the cooperation registry and the project register;
# trade statistics (classification, customs files, months and rows).
from indicators import admin_cooperation, admin_trade  # noqa: E402, F401
