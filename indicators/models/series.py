"""Stored series: the values of each indicator by period, and how each was made."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models.catalogue import Indicator


class Series(models.Model):
    """A named series of an indicator, e.g. A's exports or C's copper-scrap imports."""

    class Valuation(models.TextChoices):
        NONE = "", _("―")
        FOB = "FOB", _("FOB（本船渡し価格）")
        CIF = "CIF", _("CIF（保険料・運賃込み価格）")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="series"
    )
    key = models.SlugField(_("キー"), max_length=80)
    name_ja = models.CharField(_("名称（日本語）"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200)
    unit = models.CharField(_("単位"), max_length=40)
    valuation = models.CharField(
        _("価格の基準"), max_length=3, choices=Valuation.choices, blank=True
    )
    in_table = models.BooleanField(
        _("評価表に載せる"),
        default=True,
        help_text=_("評価表の行として最新値と傾向を示す系列"),
    )
    order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["indicator__order", "order", "key"]
        verbose_name = _("系列")
        verbose_name_plural = _("系列")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "key"], name="series_unique_key_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.name_ja}"


class SeriesValue(models.Model):
    """A value of a series for one period, with the method and sources behind it.

    ``position`` orders the values the assessment uses: the fiscal year for
    fiscal-year series, the year of the same calendar date for
    point-in-time counts. Values kept only for charts (an incomplete fiscal
    year, a count at a fiscal year's end) have no position.
    """

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("期間"), max_length=20)
    period_end = models.DateField(_("期間の末日"))
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("評価上の年"), null=True, blank=True)
    value = models.DecimalField(_("値"), max_digits=24, decimal_places=6)
    complete = models.BooleanField(_("期間のデータがそろっている"), default=True)
    method = models.TextField(_("算出方法"))
    provenance = models.JSONField(_("出典"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("算出日時"))

    class Meta:
        ordering = ["series", "period_end"]
        verbose_name = _("系列の値")
        verbose_name_plural = _("系列の値")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period"], name="series_value_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.period}: {self.value}"
