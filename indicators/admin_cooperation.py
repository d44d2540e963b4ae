"""Admin for countries, the cooperation registry and the project register.

Memberships, projects and application counts have import and export
buttons that use the same resources (and so the same checks) as
``import_records``, with django-import-export's preview before writing.
"""

from typing import Any

import tablib
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import Format
from simple_history.admin import SimpleHistoryAdmin

from indicators.follow_up import with_current_status
from indicators.importing import dataset_from_sheet
from indicators.models import (
    ApplicationCount,
    Country,
    CustomsPartner,
    FollowUpStatus,
    Membership,
    Programme,
    Project,
    ProjectFollowUp,
)
from indicators.resources_cooperation import (
    ApplicationCountResource,
    MembershipResource,
    ProjectResource,
)
from indicators.spreadsheets import read_sheet_bytes


class StaffSpreadsheet(Format):
    """CSV (UTF-8, with or without BOM, or CP932) or XLSX, read as the command does."""

    def __init__(self, encoding: str | None = None) -> None:
        # The encoding the admin offers is ignored: the reader detects it.
        self.encoding = encoding

    def get_title(self) -> str:
        return "CSV / XLSX"

    def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
        return dataset_from_sheet(read_sheet_bytes(in_stream, "upload"))

    def can_import(self) -> bool:
        return True


class StaffFileAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Import through the portal's spreadsheet reader; export as usual."""

    import_formats = [StaffSpreadsheet]

    def get_import_resource_kwargs(
        self, request: HttpRequest, **kwargs: Any
    ) -> dict[str, Any]:
        options = dict(super().get_import_resource_kwargs(request, **kwargs))
        cleaned = getattr(kwargs.get("form"), "cleaned_data", {})
        upload = cleaned.get("import_file")
        options["source"] = cleaned.get("original_file_name") or getattr(
            upload, "name", ""
        )
        return options


class CustomsPartnerInline(admin.TabularInline):
    model = CustomsPartner
    extra = 0
    fields = ["code", "name_en", "name_ja", "region"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["alpha2", "alpha3", "name_ja", "name_ja_formal", "name_en"]
    search_fields = ["alpha2", "alpha3", "name_ja", "name_ja_formal", "name_en"]
    inlines = [CustomsPartnerInline]


class CustomsOnlyFilter(admin.SimpleListFilter):
    title = _("ISOの国")
    parameter_name = "customs_only"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("なし（税関のみの相手国）")), ("no", _("あり"))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[CustomsPartner]
    ) -> QuerySet[CustomsPartner]:
        if self.value() in ("yes", "no"):
            return queryset.filter(country__isnull=self.value() == "yes")
        return queryset


@admin.register(CustomsPartner)
class CustomsPartnerAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ja", "name_en", "region", "country"]
    list_filter = ["region", CustomsOnlyFilter]
    search_fields = ["code", "name_ja", "name_en", "country__name_ja"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]


@admin.register(Membership)
class MembershipAdmin(StaffFileAdmin):
    resource_classes = [MembershipResource]
    list_display = ["country", "framework", "joined_on", "left_on", "note"]
    list_filter = ["framework", ("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["country__name_ja", "country__name_en", "country__alpha2"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    date_hierarchy = "joined_on"


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ja", "short_name_ja", "counted_from", "counted_until"]
    search_fields = ["code", "name_ja", "name_en", "other_names"]


class ProjectFollowUpInline(admin.TabularInline):
    model = ProjectFollowUp
    extra = 1
    fields = ["recorded_on", "status", "note"]


class CurrentStatusFilter(admin.SimpleListFilter):
    title = _("採択後の状況")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(FollowUpStatus.choices)

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Project]
    ) -> QuerySet[Project]:
        if self.value():
            # current_status is annotated by ProjectAdmin.get_queryset.
            return queryset.filter(current_status=self.value())  # type: ignore[misc]
        return queryset


@admin.register(Project)
class ProjectAdmin(StaffFileAdmin):
    resource_classes = [ProjectResource]
    list_display = [
        "fiscal_year",
        "programme",
        "title",
        "lead_company",
        "country",
        "city",
        "current_status_label",
    ]
    list_filter = ["fiscal_year", "programme", CurrentStatusFilter]
    search_fields = ["title", "lead_company", "city", "country__name_ja"]
    list_select_related = ["programme", "country"]
    autocomplete_fields = ["country"]
    inlines = [ProjectFollowUpInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Project]:
        return with_current_status(super().get_queryset(request))

    @admin.display(description=_("採択後の状況"), ordering="current_status")
    def current_status_label(self, project: Project) -> str:
        status = getattr(project, "current_status", None)
        return str(FollowUpStatus(status).label) if status else "―"


@admin.register(ApplicationCount)
class ApplicationCountAdmin(StaffFileAdmin):
    resource_classes = [ApplicationCountResource]
    list_display = ["fiscal_year", "programme", "applications"]
    list_filter = ["fiscal_year", "programme"]
    list_select_related = ["programme"]
