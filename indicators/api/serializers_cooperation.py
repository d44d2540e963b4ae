"""Serializers of the cooperation registry (D) and the project register (E).

Reads are model serializers naming countries by alpha-2 and programmes by
code. Staff write memberships through ``MembershipInputSerializer``, which
cleans each column with the importer's widgets (``clean_membership``) and
then runs the model's own checks, as the importer and the admin do.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indicators.api.serializers import AssessmentQuerySerializer, PortalModelSerializer
from indicators.models import ApplicationCount, Membership, Project
from indicators.resources_cooperation import clean_membership

DUPLICATE_SPELL = _("この国・枠組み・開始日の参加はすでにあります")


class MembershipSerializer(PortalModelSerializer):
    country = serializers.CharField(source="country.alpha2", read_only=True)
    country_name_ja = serializers.CharField(source="country.name_ja", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "country",
            "country_name_ja",
            "framework",
            "joined_on",
            "left_on",
            "note",
        ]


class MembershipInputSerializer(serializers.Serializer[Membership]):
    """A membership as staff write it, in any notation the importer accepts.

    ``country`` is an alpha-2 or alpha-3 code or a name; ``framework`` a
    code, its label or a known synonym; dates ISO or Japanese (令和元年6月30日).
    """

    # Blank cells pass through so that the importer's rules name them.
    country = serializers.CharField(
        allow_blank=True, help_text=_("国（コードまたは名称）")
    )
    framework = serializers.CharField(allow_blank=True, help_text=_("MOU, JCM, ACCP"))
    joined_on = serializers.CharField(allow_blank=True, help_text=_("開始日"))
    left_on = serializers.CharField(
        required=False, allow_blank=True, help_text=_("終了日。続いている場合は空欄")
    )
    note = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        row = {**self._current_row(), **attrs}
        try:
            cleaned = clean_membership(row)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        membership = self._membership(cleaned)
        try:
            membership.full_clean(validate_unique=True, validate_constraints=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return {"membership": membership}

    def create(self, validated_data: dict[str, Any]) -> Membership:
        return self._save(validated_data["membership"])

    def update(
        self, instance: Membership, validated_data: dict[str, Any]
    ) -> Membership:
        return self._save(validated_data["membership"])

    def _current_row(self) -> dict[str, Any]:
        """Columns not sent keep the stored value (partial) or are empty."""
        instance = self.instance
        if not isinstance(instance, Membership) or not self.partial:
            return {"left_on": "", "note": ""}
        return {
            "country": instance.country.alpha2,
            "framework": instance.framework,
            "joined_on": instance.joined_on.isoformat(),
            "left_on": instance.left_on.isoformat() if instance.left_on else "",
            "note": instance.note,
        }

    def _membership(self, cleaned: dict[str, Any]) -> Membership:
        instance = self.instance
        membership = instance if isinstance(instance, Membership) else Membership()
        for name, value in cleaned.items():
            setattr(membership, name, value)
        return membership

    def _save(self, membership: Membership) -> Membership:
        # Two writers may pass the checks at once; the constraint decides.
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError:
            raise serializers.ValidationError(
                {"joined_on": [DUPLICATE_SPELL]}
            ) from None
        return membership


class BreakdownQuerySerializer(AssessmentQuerySerializer):
    """``as_of``, within the years the assessment accepts; today if not given."""

    as_of = serializers.DateField(
        required=False,
        help_text=_(
            "この日に有効な参加で数える（YYYY-MM-DD、1900年〜2199年）。既定は今日"
        ),
    )


class FrameworkCountsSerializer(serializers.Serializer[Any]):
    MOU = serializers.IntegerField()
    JCM = serializers.IntegerField()
    ACCP = serializers.IntegerField()


class BreakdownSerializer(serializers.Serializer[Any]):
    """Indicator D on a date: distinct countries and how they combine frameworks."""

    as_of = serializers.DateField()
    countries = serializers.IntegerField()
    by_framework = FrameworkCountsSerializer()
    MOU_only = serializers.IntegerField()
    JCM_only = serializers.IntegerField()
    ACCP_only = serializers.IntegerField()
    MOU_and_JCM = serializers.IntegerField()
    JCM_and_ACCP = serializers.IntegerField()
    MOU_and_ACCP = serializers.IntegerField()
    all_three = serializers.IntegerField()
    additions = FrameworkCountsSerializer()
    compared_with = serializers.DateField()


class ProjectSerializer(PortalModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    country = serializers.CharField(source="country.alpha2", read_only=True)
    current_status = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "fiscal_year",
            "programme",
            "title",
            "lead_company",
            "country",
            "city",
            "current_status",
        ]


class ApplicationCountSerializer(PortalModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)

    class Meta:
        model = ApplicationCount
        fields = ["id", "fiscal_year", "programme", "applications"]
