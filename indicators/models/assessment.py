"""Stored assessments: one run per as-of date, one row per indicator and series.

A recompute for the same as-of date updates the draft run's computed fields
and leaves the staff's evaluation and notes as they were. A published run
is never changed: a recompute then starts a new draft.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.assessment import Colour, Trend
from indicators.models.catalogue import Indicator
from indicators.models.series import Series, SeriesValue

TREND_CHOICES = [(t.value, t.value) for t in Trend]
COLOUR_CHOICES = [(c.value, c.value) for c in Colour]


class AssessmentRun(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公表済み")

    as_of = models.DateField(_("評価基準日"))
    method_version = models.CharField(_("評価方法の版"), max_length=20)
    data_as_of = models.DateTimeField(
        _("データ時点"), null=True, help_text=_("評価に使ったデータの最終更新日時")
    )
    computed_at = models.DateTimeField(_("算出日時"))
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_of", "-computed_at"]
        get_latest_by = "computed_at"
        verbose_name = _("評価")
        verbose_name_plural = _("評価")

    def __str__(self) -> str:
        return f"{self.as_of} ({self.get_status_display()})"


class IndicatorAssessment(models.Model):
    run = models.ForeignKey(
        AssessmentRun, on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)
    breakdown = models.JSONField(_("内訳"), null=True, blank=True)
    evaluation = models.TextField(_("進捗の評価"), blank=True)
    notes = models.TextField(_("留意点"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["run", "indicator__order"]
        verbose_name = _("指標の評価")
        verbose_name_plural = _("指標の評価")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "indicator"], name="one_assessment_per_indicator_and_run"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} @ {self.run.as_of}"


class SeriesAssessment(models.Model):
    indicator_assessment = models.ForeignKey(
        IndicatorAssessment, on_delete=models.CASCADE, related_name="series"
    )
    series = models.ForeignKey(Series, on_delete=models.PROTECT)
    latest = models.ForeignKey(
        SeriesValue, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    latest_period = models.CharField(_("最新値の期間"), max_length=20, blank=True)
    latest_value = models.DecimalField(
        _("最新値"), max_digits=24, decimal_places=6, null=True
    )
    long_term_trend = models.CharField(
        _("長期的な傾向"), max_length=5, choices=TREND_CHOICES, blank=True
    )
    long_term_colour = models.CharField(
        _("長期的な傾向の色"), max_length=5, choices=COLOUR_CHOICES, blank=True
    )
    long_term_change = models.DecimalField(
        _("長期の変化率"), max_digits=20, decimal_places=10, null=True
    )
    short_term_trend = models.CharField(
        _("短期的な動向"), max_length=5, choices=TREND_CHOICES, blank=True
    )
    short_term_colour = models.CharField(
        _("短期的な動向の色"), max_length=5, choices=COLOUR_CHOICES, blank=True
    )
    short_term_change = models.DecimalField(
        _("短期の変化率"), max_digits=20, decimal_places=10, null=True
    )

    class Meta:
        ordering = ["indicator_assessment", "series__order"]
        verbose_name = _("系列の評価")
        verbose_name_plural = _("系列の評価")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_assessment", "series"],
                name="one_assessment_per_series_and_run",
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} @ {self.latest_period}"


class JobLock(models.Model):
    """A named lock held by one job at a time, with an expiry for crashed holders."""

    name = models.CharField(max_length=80, primary_key=True)
    holder = models.CharField(max_length=80)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("処理中のロック")
        verbose_name_plural = _("処理中のロック")

    def __str__(self) -> str:
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M}"
