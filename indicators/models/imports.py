"""A record of every file loaded into the portal: what, by whom, and the outcome."""

from django.conf import settings
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

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("取り込み")
        verbose_name_plural = _("取り込み")

    def __str__(self) -> str:
        return f"{self.kind}: {self.source_name} ({self.get_status_display()})"
