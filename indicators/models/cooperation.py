"""The cooperation registry behind indicator D: who is in which framework, when.

A membership is one spell of a country in one framework (a cooperation
memorandum, the Joint Crediting Mechanism or the African Clean Cities
Platform), in force from its start date through its end date.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.history import traced_history
from indicators.models.countries import Country


class Framework(models.TextChoices):
    MOU = "MOU", _("協力覚書")
    JCM = "JCM", _("二国間クレジット制度（JCM）")
    ACCP = "ACCP", _("アフリカのきれいな街プラットフォーム（ACCP）")


class Membership(models.Model):
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("国"),
    )
    framework = models.CharField(_("枠組み"), max_length=4, choices=Framework.choices)
    joined_on = models.DateField(_("開始日"), help_text=_("署名・加盟の日"))
    left_on = models.DateField(
        _("終了日"),
        null=True,
        blank=True,
        help_text=_("この日まで有効。続いている場合は空欄"),
    )
    note = models.TextField(_("備考"), blank=True, help_text=_("出典など"))
    history = traced_history()

    class Meta:
        ordering = ["joined_on", "country__alpha2", "framework"]
        verbose_name = _("協力枠組みへの参加")
        verbose_name_plural = _("協力枠組みへの参加")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "framework", "joined_on"],
                name="membership_unique_start",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.framework} {self.joined_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.joined_on is None or not self.country_id:
            return  # the missing field is reported on its own
        if self.left_on is not None and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("終了日が開始日より前になっています")})
        if self.overlapping().exists():
            raise ValidationError(
                _("同じ国・同じ枠組みの期間が重なる参加がすでにあります")
            )

    def overlapping(self) -> "models.QuerySet[Membership]":
        """Other spells of the same country and framework sharing a day."""
        spells = Membership.objects.filter(
            country_id=self.country_id, framework=self.framework
        ).exclude(pk=self.pk)
        if self.left_on is not None:
            spells = spells.filter(joined_on__lte=self.left_on)
        return spells.filter(
            models.Q(left_on__isnull=True) | models.Q(left_on__gte=self.joined_on)
        )
