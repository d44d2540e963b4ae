"""Admin for the trade classification, loaded customs files, months and rows.

The classification (items, HS mappings, watched headings) is staff data:
editable, with history and import/export. Files, months and rows are
written only by the import; a customs file is uploaded from the file list
and imported by a background task whose progress shows on the file's page.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    HsClassification,
    TradeFile,
    TradeFileTotal,
    TradeItem,
    TradePeriod,
    TradeRow,
    WatchedHeading,
)
from indicators.models.trade import Revision
from indicators.resources_trade import ClassificationResource
from indicators.trade_tasks import (
    import_uploaded_trade_file,
    reread_uploaded_trade_files,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records only the import writes."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TradeItem)
class TradeItemAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_ja", "name_en", "category", "indicator", "order"]
    list_filter = ["indicator", "category"]
    search_fields = ["slug", "name_ja", "name_en"]


@admin.register(HsClassification)
class HsClassificationAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ClassificationResource]
    list_display = ["hs_code", "valid_from", "valid_to", "item", "unit1", "unit2"]
    list_filter = ["item__indicator", "item__category", "item"]
    list_select_related = ["item"]
    search_fields = ["hs_code", "item__slug", "item__name_ja", "source"]


@admin.register(WatchedHeading)
class WatchedHeadingAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "valid_from", "valid_to", "note"]
    search_fields = ["heading", "note"]


class TradeUploadForm(forms.Form):
    source = forms.FileField(label=_("CSVファイル"))
    revision = forms.ChoiceField(
        label=_("版"), choices=Revision.choices, initial=Revision.CONFIRMED
    )

    def clean_source(self) -> Any:
        source = self.cleaned_data["source"]
        if source.size > settings.PORTAL_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("ファイルが大きすぎます（上限 %(limit)s バイト）")
                % {"limit": f"{settings.PORTAL_UPLOAD_MAX_BYTES:,}"}
            )
        return source


@admin.register(TradeFile)
class TradeFileAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "name",
        "status",
        "progress",
        "revision",
        "layout",
        "rows_read",
        "rows_kept",
        "warning_count",
    ]
    list_filter = ["status", "revision", "scope", "layout"]
    search_fields = ["name", "sha256"]
    readonly_fields = [f.name for f in TradeFile._meta.fields]
    actions = ["reread"]

    @admin.action(
        description=_("選んだファイルを今の分類で読み直す"),
        permissions=["reread"],
    )
    def reread(self, request: HttpRequest, queryset: QuerySet[TradeFile]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        transaction.on_commit(lambda: reread_uploaded_trade_files.delay(ids))
        self.message_user(
            request, _("%(count)d件の読み直しを開始しました") % {"count": len(ids)}
        )

    def has_reread_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("indicators.add_tradefile")

    @admin.display(description=_("進み具合"))
    def progress(self, obj: TradeFile) -> str:
        return f"{obj.progress_percent}%"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("indicators.view_tradefile")

    def get_urls(self) -> list[URLPattern]:
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="indicators_tradefile_upload",
        )
        return [upload, *super().get_urls()]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("indicators.add_tradefile"):
            return HttpResponse(status=403)
        form = TradeUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            record = self._queue(request, form)
            messages.info(request, _("取り込みを開始しました"))
            url = reverse("admin:indicators_tradefile_change", args=[record.pk])
            return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("貿易統計ファイルを取り込む"),
            "form": form,
        }
        return TemplateResponse(
            request, "admin/indicators/tradefile/upload.html", context
        )

    def _queue(self, request: HttpRequest, form: TradeUploadForm) -> TradeFile:
        source = form.cleaned_data["source"]
        with transaction.atomic():
            record = TradeFile.objects.create(
                name=source.name,
                size_bytes=source.size,
                revision=form.cleaned_data["revision"],
                user=request.user if request.user.is_authenticated else None,
            )
            record.source_file.save(source.name, source, save=True)
            transaction.on_commit(lambda: import_uploaded_trade_file.delay(record.pk))
        return record


@admin.register(TradePeriod)
class TradePeriodAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["month", "direction", "scope", "revision", "number", "file"]
    list_filter = ["direction", "scope", "revision"]
    list_select_related = ["file"]
    date_hierarchy = "month"


@admin.register(TradeFileTotal)
class TradeFileTotalAdmin(ReadOnlyAdmin):
    list_display = ["file", "month", "direction", "hs_code", "tonnes", "value"]
    list_filter = ["direction", "file"]
    list_select_related = ["file"]
    search_fields = ["hs_code", "file__name"]


@admin.register(TradeRow)
class TradeRowAdmin(ReadOnlyAdmin):
    list_display = [
        "month",
        "direction",
        "hs_code",
        "partner",
        "port",
        "tonnes",
        "count",
        "value",
    ]
    list_filter = ["direction"]
    list_select_related = ["partner"]
    search_fields = ["hs_code", "partner__code", "partner__name_ja"]
    date_hierarchy = "month"
    show_full_result_count = False
