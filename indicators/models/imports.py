"""A record of every file loaded into the portal: what, by whom, and the outcome.

Each import keeps the file it read (its bytes, name and SHA-256), a report
per row, and a trace of every record it created, changed or deleted
(``ImportedChange``, one row per historical version it wrote), so that it
can be undone as a whole.

Why a trace table rather than a ``source_import`` key on each model: a key
holds only the last import that touched a record, so a later import would
hide what an earlier one changed, and a deleted record has no row left to
hold it; the trace keeps every create, change and delete of every import,
names the exact historical version to go back to, and serves any model with
history (trade rows included) without a column of its own. A row an import
leaves unchanged is not saved, writes no version and is not traced.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataImport(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("処理中")
        DONE = "done", _("完了")
        REJECTED = "rejected", _("却下")
        UNDONE = "undone", _("取り消し済み")

    kind = models.CharField(_("種類"), max_length=30)
    source_name = models.CharField(_("ファイル名"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size_bytes = models.PositiveBigIntegerField(_("サイズ（バイト）"), default=0)
    stored_file = models.FileField(
        _("保存したファイル"), upload_to="imports/%Y/%m/", blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("開始"), auto_now_add=True)
    finished_at = models.DateTimeField(_("終了"), null=True, blank=True)
    counts = models.JSONField(_("件数"), default=dict, blank=True)
    report = models.TextField(_("報告"), blank=True)
    row_results = models.JSONField(
        _("行ごとの結果"),
        default=list,
        blank=True,
        help_text=_("ファイルの行番号、処理（new/update/skip/delete）、記録"),
    )
    undone_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("取り消した人"),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("取り込み")
        verbose_name_plural = _("取り込み")
        permissions = [
            ("import_records", "ファイルから記録を取り込める"),
            ("undo_dataimport", "取り込みを取り消せる"),
        ]

    def __str__(self) -> str:
        return (
            f"#{self.pk} {self.kind}: {self.source_name} ({self.get_status_display()})"
        )

    @property
    def change_reason(self) -> str:
        """What the history of each record this import changes says about it."""
        return f"取り込み #{self.pk} {self.kind} {self.source_name}"[:100]


class ImportedChange(models.Model):
    """One historical version of a record that an import wrote.

    ``history_type`` is simple-history's: ``+`` created, ``~`` changed,
    ``-`` deleted; ``history_id`` is the historical row's id in the
    record's history table.
    """

    data_import = models.ForeignKey(
        DataImport, on_delete=models.CASCADE, related_name="changes"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    history_type = models.CharField(max_length=1)
    history_id = models.BigIntegerField()

    class Meta:
        ordering = ["data_import", "pk"]
        verbose_name = _("取り込みによる変更")
        verbose_name_plural = _("取り込みによる変更")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.history_type}"
