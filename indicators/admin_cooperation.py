"""Admin for countries, the cooperation registry and the project register.

Memberships, projects and application counts have import and export
buttons (``indicators.admin_imports``) that use the same resources (and so
the same checks) as ``import_records``, with django-import-export's preview
before writing.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from indicators.admin_imports import StaffFileAdmin
from indicators.follow_up import with_current_status
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
    import_kind = "memberships"
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
    import_kind = "projects"
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
    import_kind = "applications"
    list_display = ["fiscal_year", "programme", "applications"]
    list_filter = ["fiscal_year", "programme"]
    list_select_related = ["programme"]
