"""Customs trade statistics: classification, loaded files, periods and rows.

- ``TradeItem`` and ``HsClassification``: which HS codes make up each item
  of indicators A and B, per range of years (staff edit them; history kept).
- ``WatchedHeading``: headings where every code should be classified.
- ``TradeFile``: each customs file loaded (hash, layout, revision, counts,
  progress, the kept source file so a reclassification can re-read it).
- ``TradePeriod``: which file currently supplies each month and direction;
  its history lists every revision that replaced it.
- ``TradeRow``: the current monthly figures of the classified codes.
- ``TradeFileTotal``: each file's own monthly totals per HS code, kept
  after a later revision replaces its rows, so earlier figures stay
  visible beside the current ones.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.customs_layouts import EXPORT, IMPORT, NATIONAL, PORT
from indicators.models.countries import CustomsPartner

hs_code_validator = RegexValidator(
    r"^(\d{6}|\d{9})$", _("HSコードは6桁または9桁の数字です")
)
heading_validator = RegexValidator(
    r"^(\d{4}|\d{6})$", _("見出しは4桁または6桁の数字です")
)


class Direction(models.IntegerChoices):
    EXPORT = EXPORT, _("輸出")
    IMPORT = IMPORT, _("輸入")


class Scope(models.TextChoices):
    NATIONAL = NATIONAL, _("全国")
    PORT = PORT, _("税関別")


class Revision(models.TextChoices):
    PROVISIONAL = "provisional", _("速報")
    CONFIRMED = "confirmed", _("確報")


class TradeItem(models.Model):
    class Category(models.TextChoices):
        BIOMASS = "biomass", _("バイオマス")
        METALS = "metals", _("金属")
        NON_METALLIC_MINERALS = "non_metallic_minerals", _("非金属鉱物")
        FOSSIL = "fossil", _("化石系")
        OTHER = "other", _("その他")
        USED_GOODS = "used_goods", _("中古品")

    class Indicator(models.TextChoices):
        A = "A", _("A 循環資源")
        B = "B", _("B 中古品")

    slug = models.SlugField(_("品目キー"), max_length=60, unique=True)
    category = models.CharField(_("区分"), max_length=30, choices=Category.choices)
    indicator = models.CharField(_("指標"), max_length=1, choices=Indicator.choices)
    name_ja = models.CharField(_("品目名（日本語）"), max_length=200)
    name_en = models.CharField(_("品目名（英語）"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "order", "slug"]
        verbose_name = _("貿易統計の品目")
        verbose_name_plural = _("貿易統計の品目")

    def __str__(self) -> str:
        return f"{self.name_ja} ({self.slug})"


class YearRange(models.Model):
    valid_from = models.PositiveSmallIntegerField(_("適用開始年"))
    valid_to = models.PositiveSmallIntegerField(
        _("適用終了年"), null=True, blank=True, help_text=_("空欄は現在も有効")
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("終了年が開始年より前です")})


class HsClassification(YearRange):
    """An HS code (6 or 9 digits) mapped to an item for a range of years."""

    hs_code = models.CharField(
        _("HSコード"), max_length=9, validators=[hs_code_validator]
    )
    item = models.ForeignKey(
        TradeItem,
        on_delete=models.PROTECT,
        related_name="classifications",
        verbose_name=_("品目"),
    )
    unit1 = models.CharField(
        _("単位1"), max_length=3, blank=True, help_text=_("単位欄のない様式で使う")
    )
    unit2 = models.CharField(_("単位2"), max_length=3, blank=True)
    source = models.CharField(_("出典"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["hs_code", "valid_from"]
        verbose_name = _("HSコードの分類")
        verbose_name_plural = _("HSコードの分類")
        constraints = [
            models.UniqueConstraint(
                fields=["hs_code", "valid_from"], name="hs_classification_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="hs_classification_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        until = self.valid_to or ""
        return f"{self.hs_code} {self.valid_from}-{until}: {self.item.slug}"

    def clean(self) -> None:
        super().clean()
        overlapping = HsClassification.objects.filter(hs_code=self.hs_code).exclude(
            pk=self.pk
        )
        for other in overlapping:
            if _overlap(self, other):
                raise ValidationError(
                    _("%(code)s は %(other)s と適用年が重なっています")
                    % {"code": self.hs_code, "other": other}
                )


class WatchedHeading(YearRange):
    heading = models.CharField(
        _("見出し"), max_length=6, validators=[heading_validator]
    )
    note = models.CharField(_("備考"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["heading", "valid_from"]
        verbose_name = _("監視する見出し")
        verbose_name_plural = _("監視する見出し")
        constraints = [
            models.UniqueConstraint(
                fields=["heading", "valid_from"], name="watched_heading_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.heading} {self.valid_from}-{self.valid_to or ''}"


def _overlap(first: YearRange, second: YearRange) -> bool:
    far = 9999
    return first.valid_from <= (second.valid_to or far) and second.valid_from <= (
        first.valid_to or far
    )


class TradeFile(models.Model):
    """One customs file as loaded, with its outcome and its kept source."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("待機中")
        RUNNING = "running", _("処理中")
        LOADED = "loaded", _("取り込み済み")
        UNCHANGED = "unchanged", _("同じファイルを取り込み済み")
        REJECTED = "rejected", _("却下")

    name = models.CharField(_("ファイル名"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    size_bytes = models.PositiveBigIntegerField(_("サイズ（バイト）"), default=0)
    layout = models.CharField(_("様式"), max_length=20, blank=True)
    encoding = models.CharField(_("文字コード"), max_length=12, blank=True)
    scope = models.CharField(
        _("集計の単位"), max_length=10, choices=Scope.choices, blank=True
    )
    revision = models.CharField(
        _("版"), max_length=12, choices=Revision.choices, default=Revision.CONFIRMED
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    source_file = models.FileField(
        _("元のファイル"), upload_to="trade/%Y/", max_length=300, blank=True
    )
    periods = models.JSONField(
        _("対象の月"), default=list, blank=True, help_text=_("[方向, 年, 月] の一覧")
    )
    rows_read = models.PositiveIntegerField(_("読んだ行"), default=0)
    rows_kept = models.PositiveIntegerField(_("分類された行"), default=0)
    rows_skipped = models.PositiveIntegerField(_("対象外の行"), default=0)
    records = models.PositiveIntegerField(_("保存した月別の値"), default=0)
    warning_count = models.PositiveIntegerField(_("警告"), default=0)
    bytes_done = models.PositiveBigIntegerField(_("読み終えたバイト"), default=0)
    report = models.TextField(_("報告"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    finished_at = models.DateTimeField(_("終了日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("貿易統計ファイル")
        verbose_name_plural = _("貿易統計ファイル")
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"],
                condition=models.Q(status="loaded"),
                name="trade_file_loaded_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        if not self.size_bytes:
            return 100 if self.status == self.Status.LOADED else 0
        return min(100, round(100 * self.bytes_done / self.size_bytes))


class TradePeriod(models.Model):
    """Which file supplies one month of one direction; one layout per month."""

    direction = models.PositiveSmallIntegerField(_("輸出入"), choices=Direction.choices)
    month = models.DateField(_("月"), help_text=_("月の初日"))
    scope = models.CharField(_("集計の単位"), max_length=10, choices=Scope.choices)
    layout = models.CharField(_("様式"), max_length=20)
    revision = models.CharField(_("版"), max_length=12, choices=Revision.choices)
    number = models.PositiveSmallIntegerField(
        _("取り込み回数"), default=1, help_text=_("同じ月を何回目に取り込んだか")
    )
    file = models.ForeignKey(
        TradeFile,
        on_delete=models.PROTECT,
        related_name="current_periods",
        verbose_name=_("ファイル"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "direction"]
        verbose_name = _("取り込んだ月")
        verbose_name_plural = _("取り込んだ月")
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "month"], name="trade_period_unique_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.month:%Y-%m}"


class TradeRow(models.Model):
    """One month of trade in one code with one partner (through one port)."""

    direction = models.PositiveSmallIntegerField(_("輸出入"), choices=Direction.choices)
    hs_code = models.CharField(_("HSコード"), max_length=9)
    # Neither foreign key has an index or a database constraint of its own:
    # the import checks every partner code before it inserts, and a
    # constraint trigger per row would double the time a large file takes
    # to land. Deleting a referenced partner or file is still refused
    # (PROTECT is enforced by Django).
    partner = models.ForeignKey(
        CustomsPartner,
        on_delete=models.PROTECT,
        related_name="trade_rows",
        verbose_name=_("相手国"),
        db_index=False,
        db_constraint=False,
    )
    port = models.CharField(_("税関"), max_length=5, blank=True)
    month = models.DateField(_("月"))
    quantity1 = models.BigIntegerField(_("数量1"), null=True, blank=True)
    quantity2 = models.BigIntegerField(_("数量2"), null=True, blank=True)
    unit1 = models.CharField(_("単位1"), max_length=3, blank=True)
    unit2 = models.CharField(_("単位2"), max_length=3, blank=True)
    value = models.BigIntegerField(_("金額（千円）"), null=True, blank=True)
    tonnes = models.DecimalField(
        _("重量（トン）"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    count = models.BigIntegerField(_("台数・個数"), null=True, blank=True)
    file = models.ForeignKey(
        TradeFile,
        on_delete=models.PROTECT,
        related_name="rows",
        verbose_name=_("ファイル"),
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["month", "direction", "hs_code"]
        verbose_name = _("貿易統計の値")
        verbose_name_plural = _("貿易統計の値")
        # Direction and month first: a revision deletes by them, and the
        # series read by them.
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "month", "hs_code", "partner", "port"],
                name="trade_row_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hs_code} {self.partner_id} {self.month:%Y-%m}"


class TradeFileTotal(models.Model):
    """A file's own monthly total per HS code, kept through later revisions."""

    file = models.ForeignKey(TradeFile, on_delete=models.CASCADE, related_name="totals")
    direction = models.PositiveSmallIntegerField(_("輸出入"), choices=Direction.choices)
    month = models.DateField(_("月"))
    hs_code = models.CharField(_("HSコード"), max_length=9)
    quantity1 = models.BigIntegerField(_("数量1"), null=True)
    quantity2 = models.BigIntegerField(_("数量2"), null=True)
    value = models.BigIntegerField(_("金額（千円）"), null=True)
    tonnes = models.DecimalField(
        _("重量（トン）"), max_digits=20, decimal_places=6, null=True
    )
    count = models.BigIntegerField(_("台数・個数"), null=True)
    rows = models.PositiveIntegerField(_("行数"))

    class Meta:
        ordering = ["file", "month", "direction", "hs_code"]
        verbose_name = _("ファイルごとの月別合計")
        verbose_name_plural = _("ファイルごとの月別合計")
        constraints = [
            models.UniqueConstraint(
                fields=["file", "direction", "month", "hs_code"],
                name="trade_file_total_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_id} {self.hs_code} {self.month:%Y-%m}"
