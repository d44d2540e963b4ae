"""Countries (ISO 3166) and the customs partner codes of the trade statistics.

A customs partner is the 3-digit code the Ministry of Finance uses; most map
to one ISO country, some (territories without their own ISO code,
international waters) map to none and stay customs-only partners.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.Model):
    alpha2 = models.CharField(_("ISO 3166 2文字コード"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO 3166 3文字コード"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166 数字コード"), max_length=3, blank=True)
    name_en = models.CharField(_("英語名"), max_length=120)
    name_ja = models.CharField(
        _("日本語名"), max_length=120, help_text=_("通常使う短い名称（例：韓国）")
    )
    name_ja_formal = models.CharField(
        _("日本語の正式名"), max_length=120, blank=True, help_text=_("例：大韓民国")
    )

    class Meta:
        ordering = ["alpha2"]
        verbose_name = _("国")
        verbose_name_plural = _("国")

    def __str__(self) -> str:
        return f"{self.name_ja} ({self.alpha2})"


class CustomsPartner(models.Model):
    code = models.CharField(_("税関の国コード"), max_length=3, unique=True)
    name_en = models.CharField(_("英語名"), max_length=120)
    name_ja = models.CharField(_("日本語名"), max_length=120, blank=True)
    region = models.CharField(_("地域"), max_length=60, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customs_partners",
        help_text=_("ISO の国がない地域・公海などは空欄"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("貿易統計の相手国")
        verbose_name_plural = _("貿易統計の相手国")

    def __str__(self) -> str:
        return f"{self.code} {self.name_ja or self.name_en}"
