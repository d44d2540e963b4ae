"""Import and export of memberships, selected projects and application counts.

The ``import_records`` kinds ``memberships``, ``projects`` and
``applications`` and the admin's import and export buttons share these
resources. Countries may be written in any notation ``country_reference``
knows; dates and fiscal years in any notation of ``japanese_dates``.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from import_export import fields, widgets

from indicators.country_names import name_key
from indicators.country_reference import CountryFinder
from indicators.fiscal import fiscal_year_start
from indicators.follow_up import follow_up_is_news, latest_follow_up, record_follow_up
from indicators.importing import ROW_NUMBER, ImportKind, PortalResource, register_kind
from indicators.models import (
    ApplicationCount,
    Country,
    FollowUpStatus,
    Framework,
    Membership,
    Programme,
    Project,
)
from indicators.tasks import request_recompute
from indicators.widgets import (
    FiscalYearWidget,
    JapaneseDateWidget,
    NonNegativeIntegerWidget,
)

# Other ways staff write a framework, besides its code and its label.
FRAMEWORK_NAMES = {
    "覚書": Framework.MOU,
    "協力覚書": Framework.MOU,
    "memorandum": Framework.MOU,
    "二国間クレジット制度": Framework.JCM,
    "jointcreditingmechanism": Framework.JCM,
    "アフリカのきれいな街プラットフォーム": Framework.ACCP,
    "africancleancitiesplatform": Framework.ACCP,
}


class CountryWidget(widgets.Widget):
    """A country as alpha-2, alpha-3, customs code, English or Japanese name."""

    def __init__(self) -> None:
        super().__init__()
        self._finder: CountryFinder | None = None

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Country:
        if value in (None, ""):
            raise ValueError("a country is required")
        # Built on first use: a resource instance serves one import only.
        if self._finder is None:
            self._finder = CountryFinder()
        return self._finder.find(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.name_ja if value else ""


class ChoiceWidget(widgets.Widget):
    """One of a fixed set of codes, written as the code, its label or a synonym."""

    def __init__(self, choices: Any, synonyms: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.codes = {name_key(str(code)): str(code) for code in choices.values}
        self.codes.update(
            {name_key(str(label)): str(c) for c, label in choices.choices}
        )
        self.codes.update({name_key(k): str(v) for k, v in (synonyms or {}).items()})
        self.shown = ", ".join(str(code) for code in choices.values)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        if value in (None, ""):
            return None
        code = self.codes.get(name_key(str(value)))
        if code is None:
            raise ValueError(f"{value!r} is not one of {self.shown}")
        return code


class ProgrammeWidget(widgets.Widget):
    """A programme by its code, its Japanese or English name or another name."""

    def __init__(self) -> None:
        super().__init__()
        self._by_name: dict[str, Programme] | None = None

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Programme:
        if value in (None, ""):
            raise ValueError("a programme is required")
        if self._by_name is None:
            self._by_name = {
                name_key(name): programme
                for programme in Programme.objects.all()
                for name in programme.names()
                if name
            }
        programme = self._by_name.get(name_key(str(value)))
        if programme is None:
            known = ", ".join(sorted({p.code for p in self._by_name.values()}))
            raise ValueError(f"unknown programme {value!r}; known: {known}")
        return programme

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.code if value else ""


class TextWidget(widgets.CharWidget):
    """Text with its runs of spaces (and full-width spaces) made single."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return " ".join(str(value or "").replace("\u3000", " ").split())


class RegisterResource(PortalResource):
    """Notes rows that repeat an earlier row of the same file (kept once)."""

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        self.first_rows: dict[str, Any] = {}
        super().before_import(dataset, **kwargs)

    def after_import_row(self, row: Any, row_result: Any, **kwargs: Any) -> None:
        super().after_import_row(row, row_result, **kwargs)
        if row_result.object_id is None:
            return
        number = row.get(ROW_NUMBER)
        first = self.first_rows.setdefault(str(row_result.object_id), number)
        if first != number:
            self.notes.append(
                f"{self.source}: row {number} is the same record as row {first} "
                f"({row_result.object_repr}); kept once"
            )

    def warn_if_not_counted(self, row: Any, programme: Programme, year: int) -> None:
        last = programme.counted_until
        if year < programme.counted_from or (last is not None and year > last):
            self.warn(
                row,
                f"{programme.code} does not count towards indicator E in FY{year}",
                column="fiscal_year",
            )


class MembershipResource(RegisterResource):
    """Rows ``country, framework, joined_on, left_on, note``."""

    repeated_rows_must_agree = True

    header_aliases = {
        "国": "country",
        "国名": "country",
        "枠組み": "framework",
        "開始日": "joined_on",
        "終了日": "left_on",
        "備考": "note",
    }

    country = fields.Field(
        attribute="country", column_name="country", widget=CountryWidget()
    )
    framework = fields.Field(
        attribute="framework",
        column_name="framework",
        widget=ChoiceWidget(Framework, FRAMEWORK_NAMES),
    )
    joined_on = fields.Field(
        attribute="joined_on", column_name="joined_on", widget=JapaneseDateWidget()
    )
    left_on = fields.Field(
        attribute="left_on", column_name="left_on", widget=JapaneseDateWidget()
    )
    note = fields.Field(attribute="note", column_name="note", widget=TextWidget())

    class Meta:
        model = Membership
        import_id_fields = ("country", "framework", "joined_on")
        fields = ("country", "framework", "joined_on", "left_on", "note")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("country")


class ProjectResource(RegisterResource):
    """Rows ``fiscal_year, programme, title, lead_company, country, city,
    follow_up, follow_up_on``; the last two add to the follow-up history."""

    # Set per row by skip_row: the project is unchanged, only its follow-up is new.
    only_follow_up = False

    header_aliases = {
        "年度": "fiscal_year",
        "採択年度": "fiscal_year",
        "事業": "programme",
        "事業名": "programme",
        "件名": "title",
        "案件名": "title",
        "代表事業者": "lead_company",
        "国": "country",
        "相手国": "country",
        "都市": "city",
        "対象都市": "city",
        "採択後の状況": "follow_up",
        "フォローアップ": "follow_up",
        "確認日": "follow_up_on",
    }

    fiscal_year = fields.Field(
        attribute="fiscal_year", column_name="fiscal_year", widget=FiscalYearWidget()
    )
    programme = fields.Field(
        attribute="programme", column_name="programme", widget=ProgrammeWidget()
    )
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    lead_company = fields.Field(
        attribute="lead_company", column_name="lead_company", widget=TextWidget()
    )
    country = fields.Field(
        attribute="country", column_name="country", widget=CountryWidget()
    )
    city = fields.Field(attribute="city", column_name="city", widget=TextWidget())
    # Not attributes of the project: they go to its follow-up history.
    follow_up = fields.Field(
        column_name="follow_up", widget=ChoiceWidget(FollowUpStatus)
    )
    follow_up_on = fields.Field(column_name="follow_up_on", widget=JapaneseDateWidget())

    class Meta:
        model = Project
        import_id_fields = ("fiscal_year", "programme", "title")
        fields = (
            "fiscal_year",
            "programme",
            "title",
            "lead_company",
            "country",
            "city",
            "follow_up",
            "follow_up_on",
        )
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def required_columns(self) -> list[str]:
        return ["fiscal_year", "programme", "title", "lead_company", "country"]

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        self.follow_up_of(row)  # reject a bad status or date before any write

    def skip_row(
        self,
        instance: Project,
        original: Project,
        row: Any,
        import_validation_errors: Any = None,
    ) -> bool:
        unchanged = bool(
            super().skip_row(instance, original, row, import_validation_errors)
        )
        self.only_follow_up = unchanged
        status, on = self.follow_up_of(row)
        if status is not None and follow_up_is_news(instance, status, on):
            return False
        return unchanged

    def do_instance_save(self, instance: Project, is_create: bool) -> None:
        # When only the follow-up is new, the project row and its change
        # history stay as they are; after_save_instance records the entry.
        if not self.only_follow_up:
            super().do_instance_save(instance, is_create)

    def after_save_instance(self, instance: Project, row: Any, **kwargs: Any) -> None:
        # A dry run without a transaction to roll back must not write either.
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        status, on = self.follow_up_of(row)
        if status is not None:
            record_follow_up(instance, status, on)
        self.warn_if_not_counted(row, instance.programme, instance.fiscal_year)

    def follow_up_of(self, row: Any) -> tuple[str | None, date | None]:
        """The row's follow-up status and date; a date before selection is an error."""
        status = self.cell("follow_up", row)
        on = self.cell("follow_up_on", row)
        if on is not None and status is None:
            raise ValidationError({"follow_up": "a follow-up date needs a status"})
        year = self.cell("fiscal_year", row)
        if on is not None and year is not None and on < fiscal_year_start(year):
            raise ValidationError(
                {"follow_up_on": f"{on} is before the project's fiscal year FY{year}"}
            )
        return status, on

    def cell(self, column: str, row: Any) -> Any:
        """One cell read by its column's widget; an unreadable one is a row error."""
        if column not in row:
            return None
        try:
            return self.fields[column].clean(row)
        except ValueError as exc:
            raise ValidationError({column: str(exc)}) from None

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("programme", "country").prefetch_related(
            "follow_ups"
        )

    def dehydrate_follow_up(self, project: Project) -> str:
        entry = latest_follow_up(project)
        return entry.status if entry else ""

    def dehydrate_follow_up_on(self, project: Project) -> str:
        entry = latest_follow_up(project)
        return entry.recorded_on.isoformat() if entry else ""


class ApplicationCountResource(RegisterResource):
    """Rows ``fiscal_year, programme, applications``."""

    repeated_rows_must_agree = True

    header_aliases = {
        "年度": "fiscal_year",
        "事業": "programme",
        "事業名": "programme",
        "応募件数": "applications",
    }

    fiscal_year = fields.Field(
        attribute="fiscal_year", column_name="fiscal_year", widget=FiscalYearWidget()
    )
    programme = fields.Field(
        attribute="programme", column_name="programme", widget=ProgrammeWidget()
    )
    applications = fields.Field(
        attribute="applications",
        column_name="applications",
        widget=NonNegativeIntegerWidget(),
    )

    class Meta:
        model = ApplicationCount
        import_id_fields = ("fiscal_year", "programme")
        fields = ("fiscal_year", "programme", "applications")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def required_columns(self) -> list[str]:
        return ["fiscal_year", "programme", "applications"]

    def after_save_instance(
        self, instance: ApplicationCount, row: Any, **kwargs: Any
    ) -> None:
        self.warn_if_not_counted(row, instance.programme, instance.fiscal_year)

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("programme")


def clean_membership(row: Mapping[str, Any]) -> dict[str, Any]:
    """One membership row cleaned by the importer's widgets, as model attributes.

    Raises ValidationError keyed by column. The model's own checks (an end
    before the start, an overlapping spell) are the caller's ``full_clean``,
    as in the importer (``clean_model_instances``).
    """
    return _cleaned_fields(MembershipResource(), row)


def clean_project(row: Mapping[str, Any]) -> dict[str, Any]:
    """A project row cleaned by the importer's widgets (its follow-up aside)."""
    return _cleaned_fields(ProjectResource(), row)


def clean_application_count(row: Mapping[str, Any]) -> dict[str, Any]:
    """An application-count row cleaned by the importer's widgets."""
    return _cleaned_fields(ApplicationCountResource(), row)


def _cleaned_fields(resource: PortalResource, row: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field in resource.get_import_fields():
        if field.readonly or field.attribute is None or field.column_name not in row:
            continue
        try:
            cleaned[field.attribute] = field.clean(row)
        except (ValueError, LookupError) as exc:
            errors[field.column_name or field.attribute] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return cleaned


register_kind(
    ImportKind(
        name="memberships",
        resource=MembershipResource,
        help="cooperation memberships: country, framework, joined_on, left_on, note",
        after_commit=request_recompute,
    )
)
register_kind(
    ImportKind(
        name="projects",
        resource=ProjectResource,
        help=(
            "selected projects: fiscal_year, programme, title, lead_company, "
            "country, city, follow_up, follow_up_on"
        ),
        after_commit=request_recompute,
    )
)
register_kind(
    ImportKind(
        name="applications",
        resource=ApplicationCountResource,
        help="applications per programme and fiscal year",
        after_commit=request_recompute,
    )
)
