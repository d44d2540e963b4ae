"""Import and export resources of the survey area (command and admin alike).

``import_records municipalities FILE`` adds mergers, renamings and new codes
to the registry. ``import_records survey FILE --fiscal-year 2017`` reads a
survey file: every row is matched and parsed first, rows of the same
municipality are merged into one response, and the year's responses are
replaced as a whole by the file's (unchanged responses are left alone, so a
re-import of the same file changes nothing). The admin's import button uses
the same resource and shows, per row, the municipality it matched and the
merges before anything is written.
"""

import logging
import time
from collections.abc import Iterator
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets
from import_export.results import RowResult

from indicators.importing import (
    ROW_NUMBER,
    ImportKind,
    ImportRejected,
    PortalResource,
    Problem,
    register_kind,
)
from indicators.japanese_dates import DateNotation, parse_fiscal_year
from indicators.spreadsheets import normalise_header
from indicators.tasks import request_recompute
from indicators.widgets import JapaneseDateWidget
from surveys import records
from surveys.answers import TickError, parse_tick
from surveys.codes import CodeError, parse_code
from surveys.dedup import PlannedResponse, SubmittedRow, plan_responses
from surveys.matching import CODE_COLUMN, NAME_COLUMN, PREFECTURE_COLUMN
from surveys.models import Municipality, SourceRow, Survey, SurveyResponse
from surveys.names import prefecture_named
from surveys.population import parse_kind
from surveys.survey_rows import (
    ANSWER_COLUMNS,
    COMMENT_COLUMN,
    GENERAL_COLUMN,
    NONE_COLUMN,
    QUESTIONNAIRE_HEADERS,
    SPECIFIC_COLUMN,
    read_survey_rows,
)

logger = logging.getLogger(__name__)


class TickWidget(widgets.Widget):
    """A yes/no cell in any notation of ``surveys.answers.parse_tick``."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        try:
            return parse_tick(value)
        except TickError as exc:
            raise ValueError(str(exc)) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "1" if value else "0"


class WrittenTextWidget(widgets.Widget):
    """A cell kept as written: text, or a number read from a spreadsheet."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value).strip()

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class CodeWidget(widgets.Widget):
    """A local government code in its five- or six-digit form, stored as six."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        if value in (None, ""):
            return ""
        try:
            return parse_code(value)
        except CodeError as exc:
            raise ValueError(str(exc)) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class PrefectureWidget(widgets.Widget):
    """A prefecture written as 栃木県, 栃木 or 09, stored as 栃木県."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        prefecture = prefecture_named(str(value or ""))
        if prefecture is None:
            raise ValueError(_("都道府県「%(p)s」が分かりません") % {"p": value})
        return prefecture

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


class KindWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        name = str((row or {}).get("name") or "")
        return parse_kind(str(value or ""), name)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value or ""


def _aliases(headers: dict[str, str]) -> dict[str, str]:
    return {normalise_header(written): column for written, column in headers.items()}


class MunicipalityResource(PortalResource):
    """Registry rows: ``code, prefecture, name, kana, kind, valid_from,
    valid_to, successor_code``; a row is identified by its code and name."""

    header_aliases = _aliases(
        {
            "自治体コード": "code",
            "団体コード": "code",
            "都道府県": "prefecture",
            "都道府県名": "prefecture",
            "自治体名": "name",
            "名称": "name",
            "ふりがな": "kana",
            "種類": "kind",
            "開始日": "valid_from",
            "終了日": "valid_to",
            "後継の自治体コード": "successor_code",
            "後継コード": "successor_code",
        }
    )

    code = fields.Field(attribute="code", column_name="code", widget=CodeWidget())
    prefecture = fields.Field(
        attribute="prefecture", column_name="prefecture", widget=PrefectureWidget()
    )
    name = fields.Field(attribute="name", column_name="name")
    kana = fields.Field(attribute="kana", column_name="kana")
    kind = fields.Field(attribute="kind", column_name="kind", widget=KindWidget())
    valid_from = fields.Field(
        attribute="valid_from", column_name="valid_from", widget=JapaneseDateWidget()
    )
    valid_to = fields.Field(
        attribute="valid_to", column_name="valid_to", widget=JapaneseDateWidget()
    )
    successor_code = fields.Field(
        attribute="successor_code", column_name="successor_code", widget=CodeWidget()
    )

    class Meta:
        model = Municipality
        import_id_fields = ("code", "name")
        fields = (
            "code",
            "prefecture",
            "name",
            "kana",
            "kind",
            "valid_from",
            "valid_to",
            "successor_code",
        )
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def required_columns(self) -> list[str]:
        return ["code", "prefecture", "name", "kind"]

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        # The identity columns must be read the way they are stored, so that
        # 01100 and 011002 find the same municipality.
        try:
            row["code"] = parse_code(row.get("code") or "")
        except CodeError as exc:
            raise ValidationError({"code": str(exc)}) from None
        row["name"] = str(row.get("name") or "").strip()

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.imported: list[tuple[str, str, int | None]] = []

    def after_import_row(self, row: Any, row_result: Any, **kwargs: Any) -> None:
        super().after_import_row(row, row_result, **kwargs)
        self.imported.append((row["code"], row["name"], row.get(ROW_NUMBER)))

    def after_import(self, dataset: tablib.Dataset, result: Any, **kwargs: Any) -> None:
        """Each successor must exist on the day after its predecessor ended."""
        directory = records.municipality_directory()
        problems = []
        for code, name, number in self.imported:
            entry = next((e for e in directory.with_code(code) if e.name == name), None)
            if entry and entry.successor_code and directory.successor(entry) is None:
                message = _(
                    "後継の自治体コード %(code)s の自治体が %(day)s の翌日に"
                    "存在しません"
                ) % {"code": entry.successor_code, "day": entry.valid_to}
                problems.append(Problem(self.source, message, number, "successor_code"))
        if problems:
            raise ImportRejected(problems)


class SurveyAnswerColumns(PortalResource):
    """The three answers and four kinds as ticks: the columns a survey file
    is imported from (``SurveyRowResource``) and its merged responses are
    exported in (``SurveyResponseResource``)."""

    answer_specific_partner = fields.Field(
        attribute="specific_partner", column_name=SPECIFIC_COLUMN, widget=TickWidget()
    )
    answer_general_cooperation = fields.Field(
        attribute="general_cooperation", column_name=GENERAL_COLUMN, widget=TickWidget()
    )
    answer_none = fields.Field(
        attribute="no_cooperation", column_name=NONE_COLUMN, widget=TickWidget()
    )
    kind_sister_city = fields.Field(
        attribute="kind_sister_city",
        column_name="kind_sister_city",
        widget=TickWidget(),
    )
    kind_multilateral = fields.Field(
        attribute="kind_multilateral",
        column_name="kind_multilateral",
        widget=TickWidget(),
    )
    kind_training_exchange = fields.Field(
        attribute="kind_training_exchange",
        column_name="kind_training_exchange",
        widget=TickWidget(),
    )
    kind_other = fields.Field(
        attribute="kind_other", column_name="kind_other", widget=TickWidget()
    )


ANSWER_FIELDS = tuple(SurveyAnswerColumns.fields)


class SurveyRowResource(SurveyAnswerColumns):
    """Rows of a survey file; one ``SourceRow`` per row, merged into responses."""

    header_aliases = _aliases(
        {
            "自治体コード": CODE_COLUMN,
            "団体コード": CODE_COLUMN,
            "自治体名": NAME_COLUMN,
            "団体名": NAME_COLUMN,
            "市区町村名": NAME_COLUMN,
            "都道府県": PREFECTURE_COLUMN,
            "都道府県名": PREFECTURE_COLUMN,
            **QUESTIONNAIRE_HEADERS,
            "海外の特定自治体と連携": SPECIFIC_COLUMN,
            "特定自治体以外との国際協力": GENERAL_COLUMN,
            "国際協力は実施していない": NONE_COLUMN,
            "姉妹都市・連携都市": "kind_sister_city",
            "複数自治体間枠組（国際会議等）": "kind_multilateral",
            "複数自治体間枠組": "kind_multilateral",
            "研修・人材交流": "kind_training_exchange",
            "その他": "kind_other",
            "自由記述": COMMENT_COLUMN,
            "備考": COMMENT_COLUMN,
        }
    )

    municipality_code = fields.Field(
        attribute="municipality_code",
        column_name=CODE_COLUMN,
        widget=WrittenTextWidget(),
    )
    municipality_name = fields.Field(
        attribute="municipality_name",
        column_name=NAME_COLUMN,
        widget=WrittenTextWidget(),
    )
    prefecture = fields.Field(
        attribute="prefecture",
        column_name=PREFECTURE_COLUMN,
        widget=WrittenTextWidget(),
    )
    comment = fields.Field(
        attribute="comment", column_name=COMMENT_COLUMN, widget=WrittenTextWidget()
    )
    matched_municipality = fields.Field(
        attribute="matched_label", column_name="matched_municipality", readonly=True
    )
    match_note = fields.Field(
        attribute="match_note", column_name="match_note", readonly=True
    )

    class Meta:
        model = SourceRow
        fields = (
            "municipality_code",
            "municipality_name",
            "prefecture",
            *ANSWER_FIELDS,
            "comment",
            "matched_municipality",
            "match_note",
        )
        skip_unchanged = True
        report_skipped = False
        # Rows are written in batches: a survey file has a row per municipality.
        use_bulk = True
        batch_size = 500

    # The preview's headers of the two columns the file does not have.
    DIFF_LABELS = {
        "matched_municipality": gettext_lazy("照合した自治体"),
        "match_note": gettext_lazy("照合・統合の記録"),
    }

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.survey: Survey | None = None
        self.started = time.monotonic()
        self.plan: list[PlannedResponse] = []
        self.row_errors: dict[int, dict[str, list[str]]] = {}
        self.planned_rows: dict[int, tuple[PlannedResponse, SubmittedRow]] = {}
        self.responses: dict[int, SurveyResponse] = {}
        self.existing_rows: dict[int, SourceRow] = {}
        self.counts: dict[str, int] = {}

    def get_user_visible_fields(self) -> list[Any]:
        """The columns a file may have; the preview adds the two read-only ones."""
        return [f for f in super().get_user_visible_fields() if not f.readonly]

    def get_diff_headers(self) -> list[str]:
        return [str(self.DIFF_LABELS.get(c, c)) for c in super().get_diff_headers()]

    # Whole-file steps ---------------------------------------------------

    def check_headers(self, dataset: tablib.Dataset) -> None:
        headers = dataset.headers or []
        missing = [c for c in ANSWER_COLUMNS if c not in headers]
        if CODE_COLUMN not in headers and NAME_COLUMN not in headers:
            missing.append(f"{CODE_COLUMN} / {NAME_COLUMN}")
        if missing:
            raise ImportRejected(
                [
                    Problem(self.source, _("列 %(c)s がありません") % {"c": c}, 1)
                    for c in missing
                ]
            )

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        """Read every row, plan the merged responses and store them."""
        self.source = self.source or str(kwargs.get("file_name") or "upload")
        try:
            self._prepare(dataset, **kwargs)
        except ImportRejected:
            # Without a survey there is nothing to import the rows into; an
            # empty dataset keeps the file's one problem from repeating per row.
            dataset.wipe()
            raise

    def _prepare(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        _number_rows(dataset)
        self.survey = survey = records.survey_for_year(self._fiscal_year())

        reading = read_survey_rows(
            _numbered_rows(dataset),
            records.municipality_directory(),
            survey.survey_date,
        )
        self.row_errors = reading.errors
        self.plan = plan_responses(reading.rows)
        self.planned_rows = {
            row.row_number: (planned, row)
            for planned in self.plan
            for row in planned.rows
        }

        numbers = [int(n) for n in dataset[ROW_NUMBER]]
        self.counts["rows removed"] = records.remove_other_source_rows(
            survey, self.source, numbers
        )
        self.responses, stored = records.store_responses(survey, self.plan)
        self.counts.update({f"responses {k}": v for k, v in stored.items()})
        self.existing_rows = records.source_rows_of(survey, self.source)

    def after_import(self, dataset: tablib.Dataset, result: Any, **kwargs: Any) -> None:
        """Remove responses the file no longer has, and report the merges."""
        if self.survey is None:
            return  # the file was refused before any row was read
        kept = [planned.respondent.key for planned in self.plan]
        self.counts["responses removed"] = records.remove_responses_except(
            self.survey, kept
        )
        result.totals[RowResult.IMPORT_TYPE_DELETE] += self.counts["rows removed"]
        self.notes.extend(self._report_lines())
        self._warn_of_missing_respondents()
        logger.info(
            "%s: survey FY%d: %s in %.1f s",
            self.source,
            self.survey.fiscal_year,
            ", ".join(f"{k} {v}" for k, v in self.counts.items()),
            time.monotonic() - self.started,
        )

    def _warn_of_missing_respondents(self) -> None:
        """A file that leaves municipalities out still replaces the whole year."""
        assert self.survey is not None
        population = records.respondents_on(self.survey.survey_date).count()
        if len(self.plan) >= population:
            return
        message = _(
            "%(year)s年度の回答は %(answered)s / %(population)s 団体分だけです。"
            "この年度の回答はこのファイルの内容に置き換わりました"
        ) % {
            "year": self.survey.fiscal_year,
            "answered": len(self.plan),
            "population": population,
        }
        self.warnings.append(Problem(self.source, str(message)))

    def _fiscal_year(self) -> int:
        written = self.options.get("fiscal_year")
        if written in (None, ""):
            raise ImportRejected(
                [
                    Problem(
                        self.source, _("調査の年度を指定してください（--fiscal-year）")
                    )
                ]
            )
        try:
            return parse_fiscal_year(written)
        except DateNotation as exc:
            raise ImportRejected([Problem(self.source, str(exc))]) from None

    def _report_lines(self) -> Iterator[str]:
        assert self.survey is not None
        merged = [p for p in self.plan if p.merged]
        flagged = [p for p in self.plan if p.review_reasons]
        by_code = sum(row.match.by_code for p in self.plan for row in p.rows)
        by_name = sum(len(p.rows) for p in self.plan) - by_code
        yield _(
            "%(year)s年度: 回答 %(responses)s件（コードで照合 %(by_code)s行、"
            "名称で照合 %(by_name)s行、統合 %(merged)s件、要確認 %(flagged)s件）"
        ) % {
            "year": self.survey.fiscal_year,
            "responses": len(self.plan),
            "by_code": by_code,
            "by_name": by_name,
            "merged": len(merged),
            "flagged": len(flagged),
        }
        for planned in merged:
            yield _("統合: %(note)s") % {"note": planned.merge_note()}
        for planned in self.plan:
            for row in planned.rows:
                if row.match.written != row.match.respondent:
                    yield _("行 %(row)s: %(old)s は %(new)s として集計（後継）") % {
                        "row": row.row_number,
                        "old": row.match.written.label,
                        "new": row.match.respondent.label,
                    }
        for planned in flagged:
            reasons = "；".join(planned.review_reasons)
            yield _("要確認: %(who)s（%(why)s）") % {
                "who": planned.respondent.label,
                "why": reasons,
            }

    # Row steps ------------------------------------------------------------

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        errors = self.row_errors.get(_row_number(row))
        if errors:
            raise ValidationError(errors)

    def get_instance(self, instance_loader: Any, row: Any) -> SourceRow | None:
        return self.existing_rows.get(_row_number(row))

    def import_instance(self, instance: SourceRow, row: Any, **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        planned, submitted = self.planned_rows[_row_number(row)]
        instance.survey = self.responses[planned.respondent.key].survey
        instance.response = self.responses[planned.respondent.key]
        instance.source_file = self.source
        instance.row_number = submitted.row_number
        instance.match_note = planned.row_note(submitted)

    def row_label(self, row: Any, row_result: Any) -> str:
        """A row is reported by the municipality it was counted for."""
        planned = self.planned_rows.get(_row_number(row))
        return planned[0].respondent.label if planned else ""

    def get_bulk_update_fields(self) -> list[str]:
        """Model fields (not column names) that a changed row may have."""
        written = [f.attribute for f in self.get_import_fields() if not f.readonly]
        return [*written, "survey", "response", "match_note"]

    def skip_row(
        self,
        instance: SourceRow,
        original: SourceRow,
        row: Any,
        import_validation_errors: Any = None,
    ) -> bool:
        unchanged = super().skip_row(instance, original, row, import_validation_errors)
        return unchanged and instance.response_id == original.response_id


class SurveyResponseResource(SurveyAnswerColumns):
    """Export of merged responses, in the columns a survey file is imported from."""

    fiscal_year = fields.Field(
        attribute="survey__fiscal_year", column_name="fiscal_year"
    )
    municipality_code = fields.Field(
        attribute="municipality__code", column_name=CODE_COLUMN
    )
    municipality_name = fields.Field(
        attribute="municipality__name", column_name=NAME_COLUMN
    )
    prefecture = fields.Field(
        attribute="municipality__prefecture", column_name=PREFECTURE_COLUMN
    )
    comment = fields.Field(attribute="comment", column_name=COMMENT_COLUMN)
    review_reason = fields.Field(attribute="review_reason", column_name="review_reason")
    source_rows = fields.Field(column_name="source_rows", readonly=True)

    class Meta:
        model = SurveyResponse
        fields = (
            "fiscal_year",
            "municipality_code",
            "municipality_name",
            "prefecture",
            *ANSWER_FIELDS,
            "comment",
            "review_reason",
            "source_rows",
        )

    def get_queryset(self) -> Any:
        return SurveyResponse.objects.select_related(
            "survey", "municipality"
        ).prefetch_related("source_rows")

    def dehydrate_source_rows(self, response: SurveyResponse) -> str:
        return "; ".join(
            f"{row.source_file}:{row.row_number}" for row in response.source_rows.all()
        )


def _number_rows(dataset: tablib.Dataset) -> None:
    """Rows of a file the admin read have no numbers yet: the header is row 1."""
    if ROW_NUMBER not in (dataset.headers or []):
        dataset.append_col(list(range(2, len(dataset) + 2)), header=ROW_NUMBER)


def _numbered_rows(dataset: tablib.Dataset) -> Iterator[tuple[int, dict[str, Any]]]:
    for row in dataset.dict:
        yield _row_number(row), row


def _row_number(row: Any) -> int:
    return int(row[ROW_NUMBER])


register_kind(
    ImportKind(
        name="municipalities",
        resource=MunicipalityResource,
        help="municipality registry: code, prefecture, name, kana, kind, "
        "valid_from, valid_to, successor_code",
        after_commit=request_recompute,
    )
)
register_kind(
    ImportKind(
        name="survey",
        resource=SurveyRowResource,
        help="municipal survey answers of one fiscal year (--fiscal-year)",
        after_commit=request_recompute,
    )
)
