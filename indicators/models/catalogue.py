"""The indicator catalogue: what each of A-F measures and how it is judged."""

from fractions import Fraction

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.assessment import Direction, Target
from indicators.numbers import json_number


class Indicator(models.Model):
    class Kind(models.TextChoices):
        MATERIAL_FLOW = "material_flow", _("項目別物質フロー指標")
        EFFORT = "effort", _("項目別取組指標")

    class PeriodKind(models.TextChoices):
        FISCAL_YEAR = "fiscal_year", _("年度")
        DATE = "date", _("時点")

    class DesiredDirection(models.TextChoices):
        UP = Direction.UP.value, _("増加")
        DOWN = Direction.DOWN.value, _("減少")
        NONE = Direction.NONE.value, _("なし")

    code = models.CharField(_("記号"), max_length=1, unique=True)
    name_ja = models.CharField(_("名称（日本語）"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200)
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    headline = models.BooleanField(_("代表指標"), default=False)
    unit = models.CharField(_("単位"), max_length=40)
    period_kind = models.CharField(
        _("期間の種類"), max_length=20, choices=PeriodKind.choices
    )
    base_year = models.PositiveSmallIntegerField(_("基準年"), default=2000)
    target_value = models.DecimalField(
        _("数値目標"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("目標年次"), null=True, blank=True)
    desired_direction = models.CharField(
        _("目指すべき方向"),
        max_length=10,
        choices=DesiredDirection.choices,
        default=DesiredDirection.NONE,
    )
    has_headline_value = models.BooleanField(
        _("表に最新値を示す"),
        default=True,
        help_text=_(
            "オフにすると評価表の行は「―」になり、系列は指標のページにだけ示す"
        ),
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("指標")
        verbose_name_plural = _("指標")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target_value__isnull=True, target_year__isnull=True)
                    | models.Q(target_value__isnull=False, target_year__isnull=False)
                ),
                name="indicator_target_has_value_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}) {self.name_ja}"

    @property
    def target(self) -> Target | None:
        if self.target_value is None or self.target_year is None:
            return None
        return Target(value=Fraction(self.target_value), year=self.target_year)

    @property
    def desired(self) -> Direction:
        return Direction(self.desired_direction)

    def target_as_json(self) -> dict[str, object] | None:
        if self.target_value is None:
            return None
        return {"value": json_number(self.target_value), "year": self.target_year}
