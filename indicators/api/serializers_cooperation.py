"""Serializers of the cooperation registry (D) and the project register (E).

Reads are model serializers naming countries by alpha-2 and programmes by
code. Staff write memberships through ``MembershipInputSerializer``, which
cleans each column with the importer's widgets (``clean_membership``) and
then runs the model's own checks, as the importer and the admin do;
projects and application counts likewise.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indicators.api.serializers import AssessmentQuerySerializer, PortalModelSerializer
from indicators.models import ApplicationCount, Membership, Project
from indicators.resources_cooperation import (
    clean_application_count,
    clean_membership,
    clean_project,
)

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


class RegisterInputSerializer(serializers.Serializer[Any]):
    """A register row as staff write it, cleaned as the importer cleans it.

    Each column goes through the importer's widget (``clean_row``), then
    the model's own checks run (``full_clean``), as the importer's
    ``clean_model_instances`` does. A subclass names the model, the
    cleaning function, the stored row a partial update starts from, and
    the column a duplicate is reported under.
    """

    model: type[models.Model]
    clean_row: Callable[[Mapping[str, Any]], dict[str, Any]]
    duplicate = ("non_field_errors", _("同じ記録がすでにあります"))
    # Columns that may be left out of a full write, and their empty value.
    optional: dict[str, Any] = {}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        row = {**self._current_row(), **attrs}
        try:
            cleaned = type(self).clean_row(row)
            record = self._record(cleaned)
            record.full_clean(validate_unique=True, validate_constraints=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return {"record": record}

    def create(self, validated_data: dict[str, Any]) -> Any:
        return self._save(validated_data["record"])

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        return self._save(validated_data["record"])

    def stored_row(self, record: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _current_row(self) -> dict[str, Any]:
        """Columns not sent keep the stored value (partial) or are empty."""
        if isinstance(self.instance, self.model) and self.partial:
            return self.stored_row(self.instance)
        return dict(self.optional)

    def _record(self, cleaned: dict[str, Any]) -> Any:
        record = self.instance if isinstance(self.instance, self.model) else None
        record = record or self.model()
        for name, value in cleaned.items():
            setattr(record, name, value)
        return record

    def _save(self, record: Any) -> Any:
        # Two writers may pass the checks at once; the constraint decides.
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            column, message = self.duplicate
            raise serializers.ValidationError({column: [message]}) from None
        return record


class MembershipInputSerializer(RegisterInputSerializer):
    """A membership as staff write it, in any notation the importer accepts.

    ``country`` is an alpha-2 or alpha-3 code or a name; ``framework`` a
    code, its label or a known synonym; dates ISO or Japanese (令和元年6月30日).
    """

    model = Membership
    clean_row = staticmethod(clean_membership)
    duplicate = ("joined_on", DUPLICATE_SPELL)
    optional = {"left_on": "", "note": ""}

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

    def stored_row(self, record: Membership) -> dict[str, Any]:
        return {
            "country": record.country.alpha2,
            "framework": record.framework,
            "joined_on": record.joined_on.isoformat(),
            "left_on": record.left_on.isoformat() if record.left_on else "",
            "note": record.note,
        }


class ProjectInputSerializer(RegisterInputSerializer):
    """A selected project as staff write it (follow-ups are kept in the admin)."""

    model = Project
    clean_row = staticmethod(clean_project)
    duplicate = ("title", _("この年度・事業に同じ件名の案件がすでにあります"))
    optional = {"city": ""}

    fiscal_year = serializers.CharField(
        allow_blank=True, help_text=_("採択年度（2018、平成30年度）")
    )
    programme = serializers.CharField(
        allow_blank=True, help_text=_("事業のコードか名称")
    )
    title = serializers.CharField(allow_blank=True, max_length=300)
    lead_company = serializers.CharField(allow_blank=True, max_length=200)
    country = serializers.CharField(
        allow_blank=True, help_text=_("国（コードまたは名称）")
    )
    city = serializers.CharField(required=False, allow_blank=True, max_length=120)

    def stored_row(self, record: Project) -> dict[str, Any]:
        return {
            "fiscal_year": str(record.fiscal_year),
            "programme": record.programme.code,
            "title": record.title,
            "lead_company": record.lead_company,
            "country": record.country.alpha2,
            "city": record.city,
        }


class ApplicationCountInputSerializer(RegisterInputSerializer):
    """The number of proposals a programme received in a fiscal year."""

    model = ApplicationCount
    clean_row = staticmethod(clean_application_count)
    duplicate = ("fiscal_year", _("この年度・事業の応募件数はすでにあります"))

    fiscal_year = serializers.CharField(
        allow_blank=True, help_text=_("年度（2018、平成30年度）")
    )
    programme = serializers.CharField(
        allow_blank=True, help_text=_("事業のコードか名称")
    )
    applications = serializers.CharField(allow_blank=True, help_text=_("応募件数"))

    def stored_row(self, record: ApplicationCount) -> dict[str, Any]:
        return {
            "fiscal_year": str(record.fiscal_year),
            "programme": record.programme.code,
            "applications": str(record.applications),
        }


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
