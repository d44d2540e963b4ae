"""The admin's import and export buttons, run like ``import_records``.

Every import-enabled admin uses ``StaffFileAdmin``: its upload is read by
the portal's spreadsheet reader (CSV in UTF-8 or CP932, or XLSX), the
preview is django-import-export's dry run, and the confirmed import goes
through ``indicators.importing.import_bytes``, the command's own path, so
it is recorded as a ``DataImport`` with its file, hash, report per row and
the trace that lets it be undone. Importing needs the ``import_records``
permission; exporting needs the right to view the records. A change saved
in the admin queues a recompute of the assessment.

The import log (``DataImportAdmin``) shows each import's file, report per
row and outcome, and undoes an import as a whole (``indicators.undo``)
after a confirmation page; undoing needs ``undo_dataimport``.
"""

import logging
from typing import Any, ClassVar

import tablib
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import Format
from simple_history.admin import SimpleHistoryAdmin

from indicators.importing import ImportRejected, dataset_from_sheet, import_bytes
from indicators.models import DataImport
from indicators.permissions import IMPORT_PERMISSION, UNDO_IMPORT_PERMISSION
from indicators.spreadsheets import SpreadsheetError, read_sheet_bytes
from indicators.tasks import request_recompute
from indicators.undo import UndoRefused, plan_undo, undo_import

logger = logging.getLogger(__name__)

# Problems listed on the page after a refused import; the rest are counted.
SHOWN_PROBLEMS = 20
# Rows of an import's report shown on its admin page.
SHOWN_ROWS = 500


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
    """Import through the command's path, with history and a recompute after edits.

    ``import_kind`` names the ``import_records`` kind of the admin's model.
    """

    import_formats = [StaffSpreadsheet]
    import_kind: ClassVar[str]
    recompute_after_change = True

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

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

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The confirmed import: the uploaded bytes through ``import_bytes``."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        if not form.is_valid():
            return super().process_import(request, **kwargs)  # shows the errors

        options = self.get_import_resource_kwargs(request, form=form)
        source = options.pop("source") or form.cleaned_data["original_file_name"]
        data = self._uploaded_bytes(form.cleaned_data["import_file_name"])
        try:
            report = import_bytes(
                self.import_kind, data, source, user=request.user, **options
            )
        except (ImportRejected, SpreadsheetError) as exc:
            self._report_refusal(request, exc)
            return HttpResponseRedirect(self._url("import"))

        messages.success(request, _("取り込みました：%s") % report.summary())
        return HttpResponseRedirect(self._url("changelist"))

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        """A file the reader refuses: its own message, naming the upload."""
        upload = form.cleaned_data.get("import_file")
        if not isinstance(e, SpreadsheetError) or upload is None:
            super().add_data_read_fail_error_to_form(form, e)
            return
        # The format reads bytes without a name; read them again, named.
        upload.seek(0)
        try:
            read_sheet_bytes(upload.read(), upload.name)
        except SpreadsheetError as named:
            e = named
        form.add_error("import_file", str(e))

    def save_model(
        self, request: HttpRequest, obj: Model, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        self._queue_recompute()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        self._queue_recompute()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        self._queue_recompute()

    def _queue_recompute(self) -> None:
        if self.recompute_after_change:
            request_recompute()

    def _uploaded_bytes(self, stored_name: str) -> bytes:
        storage = self.get_tmp_storage_class()(
            name=stored_name,
            encoding=None,
            read_mode="rb",
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            return bytes(storage.read())
        finally:
            storage.remove()

    def _report_refusal(self, request: HttpRequest, exc: Exception) -> None:
        problems = getattr(exc, "problems", None) or [exc]
        for problem in problems[:SHOWN_PROBLEMS]:
            messages.error(request, str(problem))
        hidden = len(problems) - SHOWN_PROBLEMS
        if hidden > 0:
            messages.error(request, _("ほかに %d 件の問題があります") % hidden)
        messages.error(request, _("問題があったため、何も書き込んでいません。"))

    def _url(self, view: str) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    """The import log; an import can be undone as a whole from here."""

    list_display = ["started_at", "kind", "source_name", "status", "user", "counts"]
    list_filter = ["kind", "status"]
    list_select_related = ["user"]
    search_fields = ["source_name", "sha256"]
    fields = readonly_fields = (
        "kind",
        "source_name",
        "file",
        "sha256",
        "size_bytes",
        "user",
        "status",
        "started_at",
        "finished_at",
        "counts",
        "report",
        "rows",
        "undone_at",
        "undone_by",
    )
    actions = ["undo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(UNDO_IMPORT_PERMISSION)

    def get_urls(self) -> list[Any]:
        download = path(
            "<int:pk>/file/",
            self.admin_site.admin_view(self.download),
            name="indicators_dataimport_file",
        )
        return [download, *super().get_urls()]

    def download(self, request: HttpRequest, pk: int) -> FileResponse:
        """The imported file as it was read, for those who may see the log."""
        record = DataImport.objects.filter(pk=pk).first()
        if not self.has_view_permission(request, record):
            raise PermissionDenied
        if record is None or not record.stored_file:
            raise Http404
        return FileResponse(
            record.stored_file.open("rb"),
            as_attachment=True,
            filename=record.source_name,
        )

    @admin.display(description=gettext_lazy("保存したファイル"))
    def file(self, record: DataImport) -> str:
        if not record.stored_file:
            return "―"
        url = reverse("admin:indicators_dataimport_file", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.source_name)

    @admin.display(description=gettext_lazy("行ごとの結果"))
    def rows(self, record: DataImport) -> SafeString:
        return SafeString(
            render_to_string(
                "admin/indicators/dataimport/rows.html",
                {
                    "rows": record.row_results[:SHOWN_ROWS],
                    "total": len(record.row_results),
                },
            )
        )

    @admin.action(
        description=gettext_lazy("選んだ取り込みを取り消す"), permissions=["undo"]
    )
    def undo(
        self, request: HttpRequest, queryset: QuerySet[DataImport]
    ) -> TemplateResponse | None:
        records = list(queryset.order_by("-started_at"))
        if "confirm" not in request.POST:
            return self._confirm_undo(request, records)
        for record in records:
            self._undo_one(request, record)
        return None

    def _undo_one(self, request: HttpRequest, record: DataImport) -> None:
        try:
            counts = undo_import(record, request.user)
        except UndoRefused as exc:
            self.message_user(request, f"{record}: {exc}", messages.ERROR)
            return
        message = _(
            "%(record)s を取り消しました（削除 %(removed)s 件、復元 %(restored)s 件）"
        )
        self.message_user(request, message % {"record": record, **counts})

    def _confirm_undo(
        self, request: HttpRequest, records: list[DataImport]
    ) -> TemplateResponse:
        plans = [{"record": r, "plan": plan_undo(r)} for r in records]
        context = {
            **self.admin_site.each_context(request),
            "title": _("取り込みを取り消す"),
            "opts": self.model._meta,
            "plans": plans,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/indicators/dataimport/undo.html", context
        )
