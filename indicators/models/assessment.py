"""Stored assessments: one run per as-of date, one row per indicator and series.

A recompute for the same as-of date updates the draft run's computed fields
and leaves the staff's evaluation and notes as they were. A published run
is never changed: a recompute then starts a new draft, and saving or
deleting a published run or any of its rows raises ``PublishedRunFrozen``.
(Bulk ``QuerySet.update`` bypasses model methods and so this guard; nothing
in the portal updates assessments that way.)
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.assessment import Colour, Trend
from indicators.models.catalogue import Indicator
from indicators.models.series import Series, SeriesValue

TREND_CHOICES = [(t.value, t.value) for t in Trend]


class PublishedRunFrozen(Exception):
    """A published assessment run, or a row of one, was about to change."""


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
        verbose_name=_("公表した人"),
    )
    change_note = models.TextField(
        _("公表の理由"),
        blank=True,
        help_text=_("前回の公表から何がなぜ変わったか。公表するときに必須"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-as_of", "-computed_at"]
        get_latest_by = "computed_at"
        verbose_name = _("評価")
        verbose_name_plural = _("評価")
        permissions = [("publish_assessmentrun", "評価を公表できる")]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The stored status decides: publishing a draft is its last change.
        if self.pk is not None and _published(pk=self.pk):
            raise PublishedRunFrozen(f"assessment run {self.pk} is published")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # Checked before the deletion's own transaction starts.
        _keep_published_runs(AssessmentRun, self)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.run_id is not None and _published(pk=self.run_id):
            raise PublishedRunFrozen(f"assessment run {self.run_id} is published")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _keep_published_runs(IndicatorAssessment, self)
        return super().delete(*args, **kwargs)


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
    # The latest value as this run saw it, so that a published figure keeps
    # its period, method and sources when later recomputes rewrite or drop
    # the stored value (``latest`` then points elsewhere or nowhere).
    latest_period_end = models.DateField(_("最新値の期間の末日"), null=True)
    latest_complete = models.BooleanField(
        _("最新値の期間のデータがそろっている"), default=True
    )
    latest_method = models.TextField(_("最新値の算出方法"), blank=True)
    latest_provenance = models.JSONField(_("最新値の出典"), default=dict, blank=True)
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
    history = HistoricalRecords()

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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _published(indicators=self.indicator_assessment_id):
            raise PublishedRunFrozen("the series belongs to a published run")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        _keep_published_runs(SeriesAssessment, self)
        return super().delete(*args, **kwargs)


class JobLock(models.Model):
    """A named lock held by one job at a time, with an expiry for crashed holders."""

    name = models.CharField(max_length=80, primary_key=True)
    holder = models.CharField(max_length=80)
    # Where the holder runs, to tell whether it is still alive: see
    # indicators.locks.
    session = models.CharField(max_length=120, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("処理中のロック")
        verbose_name_plural = _("処理中のロック")

    def __str__(self) -> str:
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M}"


def _published(**lookup: Any) -> bool:
    """Whether the stored run matching ``lookup`` is published."""
    runs = AssessmentRun.objects.filter(status=AssessmentRun.Status.PUBLISHED)
    return runs.filter(**lookup).exists()


@receiver(pre_delete, sender=AssessmentRun)
@receiver(pre_delete, sender=IndicatorAssessment)
@receiver(pre_delete, sender=SeriesAssessment)
def _keep_published_runs(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A published run stays retrievable: none of its rows is ever deleted.

    Also a ``pre_delete`` receiver, so bulk deletes are stopped too (inside
    the deletion's transaction, which the error then rolls back).
    """
    lookup = {
        AssessmentRun: {"pk": instance.pk},
        IndicatorAssessment: {"pk": getattr(instance, "run_id", None)},
        SeriesAssessment: {
            "indicators": getattr(instance, "indicator_assessment_id", None)
        },
    }[sender]
    if _published(**lookup):
        raise PublishedRunFrozen(f"{instance} belongs to a published run")
