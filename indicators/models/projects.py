"""The register of overseas-expansion projects behind indicator E.

A programme calls for proposals each fiscal year; the projects it selects
are kept with their lead company and partner country, and with a dated
history of what became of them after the selection. The number of
applications is kept per programme and fiscal year, and a programme never
selects more projects in a year than it received applications: whichever
of the two is written second is refused. One check does it
(``check_selection_within_applications``), run by the models' ``clean``
and so by the importer, the admin form and the API alike. It reads the
records already saved, so two staff writing the same year and programme at
the same moment could each pass it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.history import traced_history
from indicators.models.countries import Country


class Programme(models.Model):
    """A call for proposals; its counted years say when it counts towards E."""

    code = models.SlugField(_("コード"), max_length=30, unique=True)
    name_ja = models.CharField(_("名称（日本語）"), max_length=200)
    name_en = models.CharField(_("名称（英語）"), max_length=200, blank=True)
    short_name_ja = models.CharField(
        _("略称（日本語）"),
        max_length=40,
        blank=True,
        help_text=_("グラフの凡例に使う短い名称。空欄なら正式な名称"),
    )
    short_name_en = models.CharField(_("略称（英語）"), max_length=60, blank=True)
    other_names = models.TextField(
        _("別名"),
        blank=True,
        help_text=_("ファイルで使われるほかの名称。1行に1つ"),
    )
    counted_from = models.PositiveSmallIntegerField(
        _("集計の開始年度"), help_text=_("この年度から指標Eに数える")
    )
    counted_until = models.PositiveSmallIntegerField(
        _("集計の終了年度"),
        null=True,
        blank=True,
        help_text=_("この年度まで数える。続いている場合は空欄"),
    )
    history = traced_history()

    class Meta:
        ordering = ["counted_from", "code"]
        verbose_name = _("事業（公募）")
        verbose_name_plural = _("事業（公募）")

    def __str__(self) -> str:
        return self.name_ja

    def short_names(self) -> tuple[str, str]:
        """The names a chart's legend shows (Japanese, English)."""
        name_en = self.short_name_en or self.name_en or self.name_ja
        return self.short_name_ja or self.name_ja, name_en

    def names(self) -> list[str]:
        """Every name a file may use for the programme, its code first."""
        others = [n.strip() for n in self.other_names.splitlines() if n.strip()]
        return [self.code, self.name_ja, self.name_en, *others]


class FollowUpStatus(models.TextChoices):
    COMMERCIALISED = "commercialised", _("事業化済み")
    PREPARING = "preparing", _("事業化に向けて準備中")
    STUDYING = "studying", _("調査・検討を継続中")
    STOPPED = "stopped", _("中止")
    UNKNOWN = "unknown", _("不明")


class Project(models.Model):
    """A selected project; the same project is the same year, programme and title."""

    fiscal_year = models.PositiveSmallIntegerField(_("採択年度"))
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("事業"),
    )
    title = models.CharField(_("件名"), max_length=300)
    lead_company = models.CharField(_("代表事業者"), max_length=200)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="expansion_projects",
        verbose_name=_("相手国"),
    )
    city = models.CharField(_("対象都市"), max_length=120, blank=True)
    history = traced_history()

    class Meta:
        ordering = ["-fiscal_year", "programme", "title"]
        verbose_name = _("採択案件")
        verbose_name_plural = _("採択案件")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "programme", "title"],
                name="project_unique_title_per_call",
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.title}"

    def clean(self) -> None:
        if self.fiscal_year is None or not self.programme_id:
            return  # the missing field is reported on its own
        counted = ApplicationCount.objects.filter(
            fiscal_year=self.fiscal_year, programme_id=self.programme_id
        ).first()
        if counted is None:
            return  # checked when the number of applications is written
        others = Project.objects.filter(
            fiscal_year=self.fiscal_year, programme_id=self.programme_id
        ).exclude(pk=self.pk)
        check_selection_within_applications(
            counted, others.count() + 1, field="fiscal_year"
        )


class ProjectFollowUp(models.Model):
    """What had become of a project on a date, one entry per project and date."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="follow_ups"
    )
    recorded_on = models.DateField(_("確認日"))
    status = models.CharField(_("状況"), max_length=20, choices=FollowUpStatus.choices)
    note = models.TextField(_("備考"), blank=True)
    history = traced_history()

    class Meta:
        ordering = ["project", "recorded_on"]
        verbose_name = _("採択後の状況")
        verbose_name_plural = _("採択後の状況")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "recorded_on"], name="follow_up_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.recorded_on}: {self.get_status_display()}"


class ApplicationCount(models.Model):
    """How many proposals a programme received in a fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="application_counts",
        verbose_name=_("事業"),
    )
    applications = models.PositiveIntegerField(_("応募件数"))
    history = traced_history()

    class Meta:
        ordering = ["-fiscal_year", "programme"]
        verbose_name = _("応募件数")
        verbose_name_plural = _("応募件数")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "programme"],
                name="applications_one_per_call",
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} {self.programme.code}: {self.applications}"

    def clean(self) -> None:
        if None in (self.fiscal_year, self.applications) or not self.programme_id:
            return  # the missing field is reported on its own
        selected = Project.objects.filter(
            fiscal_year=self.fiscal_year, programme_id=self.programme_id
        )
        check_selection_within_applications(
            self, selected.count(), field="applications"
        )


def check_selection_within_applications(
    counted: ApplicationCount, selected: int, field: str
) -> None:
    """Refuse a number of applications below the projects selected from them.

    ``selected`` is the number of projects of the count's fiscal year and
    programme once the record being written is saved; the error is
    reported under ``field`` of that record.
    """
    if selected <= counted.applications:
        return
    message = _(
        "%(fiscal_year)s年度の%(programme)sの選定事業数（%(selected)s件）が"
        "応募件数（%(applications)s件）を上回ります。応募件数と選定事業を"
        "確かめてください"
    )
    params = {
        "fiscal_year": counted.fiscal_year,
        "programme": counted.programme.code,
        "selected": selected,
        "applications": counted.applications,
    }
    raise ValidationError(
        {
            field: ValidationError(
                message, code="selection_over_applications", params=params
            )
        }
    )
