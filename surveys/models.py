"""Models of the municipal survey area: registry, surveys, responses, source rows.

A municipality row is one name under one code for a span of dates; a renaming
that keeps the code is a second row with the same code. Its successor is the
municipality with ``successor_code`` in force on the day after it ended.
A response is what one municipality answered in one survey, merged from one
or more source rows of the imported file, each kept with its file and row.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.history import traced_history
from surveys import population
from surveys.answers import (
    MULTILATERAL,
    OTHER,
    SISTER_CITY,
    TRAINING_EXCHANGE,
    Answers,
)


class Municipality(models.Model):
    class Kind(models.TextChoices):
        CITY = population.CITY, _("市")
        DESIGNATED_CITY = population.DESIGNATED_CITY, _("政令指定都市")
        TOWN = population.TOWN, _("町")
        VILLAGE = population.VILLAGE, _("村")
        SPECIAL_WARD = population.SPECIAL_WARD, _("特別区")
        DESIGNATED_CITY_WARD = population.DESIGNATED_CITY_WARD, _("政令指定都市の区")
        NORTHERN_TERRITORIES_VILLAGE = (
            population.NORTHERN_TERRITORIES_VILLAGE,
            _("北方領土の村"),
        )

    code = models.CharField(
        _("自治体コード"), max_length=6, db_index=True, help_text=_("検査数字を含む6桁")
    )
    prefecture = models.CharField(_("都道府県"), max_length=4)
    name = models.CharField(_("名称"), max_length=40)
    kana = models.CharField(_("ふりがな"), max_length=80, blank=True)
    kind = models.CharField(_("種類"), max_length=30, choices=Kind.choices)
    valid_from = models.DateField(
        _("開始日"), null=True, blank=True, help_text=_("空欄は登録簿の記録より前から")
    )
    valid_to = models.DateField(
        _("終了日"), null=True, blank=True, help_text=_("空欄は現存")
    )
    successor_code = models.CharField(
        _("後継の自治体コード"),
        max_length=6,
        blank=True,
        help_text=_("合併・名称変更の後にこの自治体に代わる自治体"),
    )
    history = traced_history()

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("自治体")
        verbose_name_plural = _("自治体")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "name"], name="municipality_unique_code_name"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="municipality_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefecture}{self.name}（{self.code}）"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("終了日が開始日より前です")})
        if self.successor_code and self.valid_to is None:
            raise ValidationError(
                {"valid_to": _("後継の自治体があるときは終了日が必要です")}
            )

    def is_respondent_on(self, day: date) -> bool:
        return population.is_respondent(self.kind, self.valid_from, self.valid_to, day)


class Survey(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    survey_date = models.DateField(
        _("調査日"),
        blank=True,
        help_text=_(
            "空欄なら年度の10月1日。回答はこの日の自治体に照合するので、"
            "変えたら回答ファイルを取り込み直す"
        ),
    )
    title = models.CharField(_("調査名"), max_length=200, blank=True)
    history = traced_history()

    class Meta:
        ordering = ["fiscal_year"]
        verbose_name = _("自治体アンケート")
        verbose_name_plural = _("自治体アンケート")

    def __str__(self) -> str:
        return f"{self.fiscal_year}年度 {self.title}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        if self.survey_date is None:
            self.survey_date = population.default_survey_date(self.fiscal_year)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AnswerFields(models.Model):
    """The answer columns shared by a response and each of its source rows."""

    specific_partner = models.BooleanField(_("海外の特定自治体と連携"), default=False)
    general_cooperation = models.BooleanField(
        _("特定自治体以外との国際協力"), default=False
    )
    no_cooperation = models.BooleanField(_("国際協力は実施していない"), default=False)
    kind_sister_city = models.BooleanField(_("姉妹都市・連携都市"), default=False)
    kind_multilateral = models.BooleanField(_("複数自治体間枠組"), default=False)
    kind_training_exchange = models.BooleanField(_("研修・人材交流"), default=False)
    kind_other = models.BooleanField(_("その他の連携"), default=False)
    comment = models.TextField(_("自由記述"), blank=True)

    KIND_FIELDS = {
        SISTER_CITY: "kind_sister_city",
        MULTILATERAL: "kind_multilateral",
        TRAINING_EXCHANGE: "kind_training_exchange",
        OTHER: "kind_other",
    }

    class Meta:
        abstract = True

    @property
    def answers(self) -> Answers:
        return Answers(
            specific_partner=self.specific_partner,
            general_cooperation=self.general_cooperation,
            no_cooperation=self.no_cooperation,
            kinds=frozenset(k for k, f in self.KIND_FIELDS.items() if getattr(self, f)),
        )

    def set_answers(self, answers: Answers) -> None:
        self.specific_partner = answers.specific_partner
        self.general_cooperation = answers.general_cooperation
        self.no_cooperation = answers.no_cooperation
        for kind, field_name in self.KIND_FIELDS.items():
            setattr(self, field_name, kind in answers.kinds)


class SurveyResponse(AnswerFields):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="responses"
    )
    review_reason = models.TextField(
        _("確認が必要な理由"),
        blank=True,
        help_text=_("取り込み時に見つかった食い違い。空欄なら確認不要"),
    )
    reviewed = models.BooleanField(
        _("確認済み"),
        default=False,
        help_text=_("職員が確認した印。回答が変わる取り込みで外れる"),
    )
    history = traced_history()

    class Meta:
        ordering = ["survey", "municipality__code"]
        verbose_name = _("回答")
        verbose_name_plural = _("回答")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "municipality"],
                name="survey_response_one_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey.fiscal_year}年度 {self.municipality}"

    @property
    def cooperates(self) -> bool:
        return self.specific_partner or self.general_cooperation


class SourceRow(AnswerFields):
    """A row of an imported survey file, as written, and how it was read."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="source_rows"
    )
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="source_rows"
    )
    source_file = models.CharField(_("ファイル"), max_length=300)
    row_number = models.PositiveIntegerField(_("行"))
    municipality_code = models.CharField(
        _("自治体コード（記載）"), max_length=40, blank=True
    )
    municipality_name = models.CharField(
        _("自治体名（記載）"), max_length=100, blank=True
    )
    prefecture = models.CharField(_("都道府県（記載）"), max_length=40, blank=True)
    match_note = models.TextField(_("照合の記録"), blank=True)
    history = traced_history()

    class Meta:
        ordering = ["survey", "source_file", "row_number"]
        verbose_name = _("回答の元の行")
        verbose_name_plural = _("回答の元の行")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "source_file", "row_number"],
                name="source_row_unique_file_row",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_file} 行 {self.row_number}"

    @property
    def matched_label(self) -> str:
        """The municipality this row was counted for, as the preview shows it."""
        if self.response_id is None:
            return ""
        return str(self.response.municipality)
