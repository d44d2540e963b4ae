"""Admin of the survey area: registry, surveys, and merged responses.

A response lists the file rows it was merged from. The import button of the
response list runs the same resource as ``import_records survey`` (through
``indicators.admin_imports``); its preview shows each row's municipality
and merges before anything is written.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from indicators.admin_imports import StaffFileAdmin
from surveys.models import Municipality, SourceRow, Survey, SurveyResponse
from surveys.resources import (
    MunicipalityResource,
    SurveyResponseResource,
    SurveyRowResource,
)


@admin.register(Municipality)
class MunicipalityAdmin(StaffFileAdmin):
    resource_classes = [MunicipalityResource]
    import_kind = "municipalities"
    list_display = [
        "code",
        "prefecture",
        "name",
        "kind",
        "valid_from",
        "valid_to",
        "successor_code",
    ]
    list_filter = ["kind", "prefecture"]
    search_fields = ["code", "name", "kana"]


@admin.register(Survey)
class SurveyAdmin(SimpleHistoryAdmin):
    list_display = ["fiscal_year", "survey_date", "title", "response_count"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Survey]:
        return super().get_queryset(request).annotate(response_total=Count("responses"))

    @admin.display(description=_("回答数"), ordering="response_total")
    def response_count(self, survey: Any) -> int:
        return int(survey.response_total)


class SourceRowInline(admin.TabularInline):
    model = SourceRow
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "source_file",
        "row_number",
        "municipality_code",
        "prefecture",
        "municipality_name",
        "specific_partner",
        "general_cooperation",
        "no_cooperation",
        "match_note",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MergedFilter(admin.SimpleListFilter):
    title = _("統合")
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("複数の行から統合")), ("no", _("1行のみ"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.filter(row_total__gt=1)
        if self.value() == "no":
            return queryset.filter(row_total=1)
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    title = _("要確認")
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("open", _("未確認")), ("done", _("確認済み"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        flagged = queryset.exclude(review_reason="")
        if self.value() == "open":
            return flagged.filter(reviewed=False)
        if self.value() == "done":
            return flagged.filter(reviewed=True)
        return queryset


class CooperationFilter(admin.SimpleListFilter):
    title = _("国際協力・連携")
    parameter_name = "cooperates"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("実施している")), ("no", _("実施していない"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        cooperates = Q(specific_partner=True) | Q(general_cooperation=True)
        if self.value() == "yes":
            return queryset.filter(cooperates)
        if self.value() == "no":
            return queryset.exclude(cooperates)
        return queryset


class SurveyImportForm(ImportForm):
    fiscal_year = forms.CharField(
        label=_("年度"), help_text=_("2017、FY2017、平成29年度 など")
    )


class SurveyConfirmImportForm(ConfirmImportForm):
    fiscal_year = forms.CharField(widget=forms.HiddenInput())


@admin.register(SurveyResponse)
class SurveyResponseAdmin(StaffFileAdmin):
    list_display = [
        "municipality",
        "survey",
        "specific_partner",
        "general_cooperation",
        "no_cooperation",
        "row_count",
        "review_reason",
        "reviewed",
    ]
    list_filter = ["survey", CooperationFilter, MergedFilter, ReviewFilter]
    list_select_related = ["survey", "municipality"]
    search_fields = ["municipality__code", "municipality__name", "comment"]
    readonly_fields = ["survey", "municipality", "review_reason"]
    inlines = [SourceRowInline]
    import_form_class = SurveyImportForm
    confirm_form_class = SurveyConfirmImportForm
    import_kind = "survey"

    def get_queryset(self, request: HttpRequest) -> QuerySet[SurveyResponse]:
        return super().get_queryset(request).annotate(row_total=Count("source_rows"))

    @admin.display(description=_("元の行数"), ordering="row_total")
    def row_count(self, response: Any) -> int:
        return int(response.row_total)

    def get_import_resource_classes(self, request: HttpRequest) -> list[type]:
        return [SurveyRowResource]

    def get_export_resource_classes(self, request: HttpRequest) -> list[type]:
        return [SurveyResponseResource]

    def get_import_resource_kwargs(
        self, request: HttpRequest, **kwargs: Any
    ) -> dict[str, Any]:
        options = super().get_import_resource_kwargs(request, **kwargs)
        cleaned = getattr(kwargs.get("form"), "cleaned_data", {})
        return {**options, "fiscal_year": cleaned.get("fiscal_year")}

    def get_confirm_form_initial(
        self, request: HttpRequest, import_form: Any
    ) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["fiscal_year"] = import_form.cleaned_data["fiscal_year"]
        return initial
