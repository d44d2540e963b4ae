"""Reference series kept beside A-F without assessment (Basel Act, Waste Act)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.history import traced_history


class ReferenceSeries(models.Model):
    key = models.SlugField(_("キー"), max_length=80, unique=True)
    name_ja = models.CharField(_("名称（日本語）"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    unit = models.CharField(_("単位"), max_length=40)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("参考系列")
        verbose_name_plural = _("参考系列")

    def __str__(self) -> str:
        return self.name_ja


class ReferenceValue(models.Model):
    series = models.ForeignKey(
        ReferenceSeries, on_delete=models.CASCADE, related_name="values"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("値"), max_digits=24, decimal_places=6)
    source = models.CharField(_("出典"), max_length=300, blank=True)
    history = traced_history()

    class Meta:
        ordering = ["series", "fiscal_year"]
        verbose_name = _("参考系列の値")
        verbose_name_plural = _("参考系列の値")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "fiscal_year"], name="reference_value_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} FY{self.fiscal_year}: {self.value}"
