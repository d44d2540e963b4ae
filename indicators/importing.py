"""Loading staff spreadsheets through django-import-export resources.

The management command ``import_records`` and the admin's import button use
the same resource classes, so the same checks apply to both. A file is
imported in one transaction: any row error rolls back the whole file, and a
dry run rolls back after the checks. Every import is recorded with the
file's hash; a second import of the same file changes no record.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from import_export import resources
from import_export.results import RowResult

from indicators.models import DataImport
from indicators.problems import Problem
from indicators.spreadsheets import Sheet, normalise_header, read_sheet_bytes

logger = logging.getLogger(__name__)

ROW_NUMBER = "__row__"


class ImportRejected(Exception):
    """The file had errors; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportReport:
    kind: str
    source: str
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(self.counts.get(k) for k in ("new", "update", "delete"))

    def summary(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items()) if v)
        mode = " (dry run: nothing written)" if self.dry_run else ""
        return (
            f"{self.source}: {self.kind}: {counts or 'no rows'}; "
            f"{len(self.warnings)} warnings in {self.seconds:.1f} s{mode}"
        )


class PortalResource(resources.ModelResource):
    """Base resource: header aliases, row numbers, and located error messages.

    ``header_aliases`` maps a normalised header (see ``normalise_header``)
    to the resource's column name, so Japanese and English headers both work.
    """

    header_aliases: ClassVar[dict[str, str]] = {}
    # When two rows of one file name the same record, they must agree: a
    # second row that would change what the first wrote is an error rather
    # than a silent "last one wins". Resources that merge rows on purpose
    # (the survey) leave this off.
    repeated_rows_must_agree: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self.options = options
        self.warnings: list[Problem] = []
        self.notes: list[str] = []
        self.source = options.get("source", "")

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        self.rows_by_record: dict[str, int | None] = {}
        canonical = {normalise_header(c): c for c in self.canonical_columns()}
        canonical.update(self.header_aliases)
        dataset.headers = [
            canonical.get(normalise_header(h), h) for h in (dataset.headers or [])
        ]
        self.check_headers(dataset)
        super().before_import(dataset, **kwargs)

    def canonical_columns(self) -> list[str]:
        return [f.column_name for f in self.get_import_fields() if f.column_name]

    def required_columns(self) -> list[str]:
        return list(self._meta.import_id_fields or [])

    def check_headers(self, dataset: tablib.Dataset) -> None:
        missing = [c for c in self.required_columns() if c not in dataset.headers]
        if missing:
            raise ImportRejected(
                [Problem(self.source, f"missing column {c!r}", row=1) for c in missing]
            )

    def get_instance(self, instance_loader: Any, row: dict[str, Any]) -> Any:
        """The record a row updates; an unreadable key cell is that column's error.

        django-import-export cleans the key columns while looking the record
        up and lets a widget's ValueError escape without its column; report
        every unreadable cell of the row by column instead.
        """
        try:
            return super().get_instance(instance_loader, row)
        except ValueError as exc:
            errors = self.cell_errors(row)
            if not errors:
                raise
            raise ValidationError(errors) from exc

    def cell_errors(self, row: dict[str, Any]) -> dict[str, list[str]]:
        """Each cell of ``row`` its column's widget cannot read, by column."""
        errors: dict[str, list[str]] = {}
        for column in self.get_import_fields():
            if not column.attribute or column.column_name not in row:
                continue
            try:
                column.clean(row)
            except ValueError as exc:
                errors[column.column_name] = [str(exc)]
        return errors

    def after_import_row(self, row: Any, row_result: Any, **kwargs: Any) -> None:
        super().after_import_row(row, row_result, **kwargs)
        if not self.repeated_rows_must_agree or row_result.object_id is None:
            return
        number = row.get(ROW_NUMBER)
        first = self.rows_by_record.setdefault(str(row_result.object_id), number)
        if first != number and row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            raise ValidationError(
                f"row {first} gives other values for the same record "
                f"({row_result.object_repr}); keep one of the two rows"
            )

    def warn(
        self, row: dict[str, Any], message: str, column: str | None = None
    ) -> None:
        self.warnings.append(Problem(self.source, message, row.get(ROW_NUMBER), column))

    def after_import(self, dataset: tablib.Dataset, result: Any, **kwargs: Any) -> None:
        """Hook for whole-file checks once every row is in; raise ImportRejected."""


@dataclass(frozen=True)
class ImportKind:
    name: str
    resource: type[PortalResource]
    help: str
    after_commit: Callable[[], None] | None = None


IMPORT_KINDS: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> ImportKind:
    IMPORT_KINDS[kind.name] = kind
    return kind


def dataset_from_sheet(sheet: Sheet) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=[*sheet.headers, ROW_NUMBER])
    for number, values in sheet.rows:
        dataset.append([*(_text(v) for v in values), number])
    return dataset


def import_path(
    kind: str, path: Path, *, dry_run: bool = False, **options: Any
) -> ImportReport:
    return import_bytes(kind, path.read_bytes(), path.name, dry_run=dry_run, **options)


def import_bytes(
    kind: str,
    data: bytes,
    source: str,
    *,
    dry_run: bool = False,
    user: Any = None,
    **options: Any,
) -> ImportReport:
    """Import one file of ``kind``; raise ImportRejected and write nothing on error."""
    spec = IMPORT_KINDS[kind]
    started = time.monotonic()
    sheet = read_sheet_bytes(data, source)
    dataset = dataset_from_sheet(sheet)
    resource = spec.resource(source=source, **options)

    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=False, use_transactions=False, raise_errors=False
        )
        problems = problems_of(result, resource, dataset)
        if problems:
            raise ImportRejected(problems)
        report = ImportReport(
            kind=kind,
            source=source,
            dry_run=dry_run,
            counts=dict(result.totals),
            warnings=resource.warnings,
            notes=resource.notes,
        )
        if dry_run:
            transaction.set_rollback(True)
        else:
            _record_import(spec, data, source, report, user)
            if report.changed and spec.after_commit is not None:
                transaction.on_commit(spec.after_commit)

    report.seconds = time.monotonic() - started
    logger.info("%s", report.summary())
    return report


def problems_of(
    result: Any, resource: PortalResource, dataset: tablib.Dataset
) -> list[Problem]:
    """Row errors and validation errors of an import result, located in the file."""
    source = resource.source
    numbers = dataset[ROW_NUMBER] if ROW_NUMBER in (dataset.headers or []) else []
    # Whole-file problems (a missing column) first: they explain the rest.
    problems: list[Problem] = []
    for error in result.base_errors:
        problems.extend(_problems_from_exception(source, None, error.error))
    for index, errors in result.row_errors():
        row = _file_row(numbers, index)
        for error in errors:
            problems.extend(_problems_from_exception(source, row, error.error))
    for invalid in result.invalid_rows:
        row = _file_row(numbers, invalid.number)
        problems.extend(_problems_from_exception(source, row, invalid.error))
    return problems


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _problems_from_exception(
    source: str, row: int | None, error: Exception
) -> list[Problem]:
    if isinstance(error, ImportRejected):
        return error.problems
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            Problem(
                source, "; ".join(m for e in errors for m in e.messages), row, column
            )
            for column, errors in error.error_dict.items()
        ]
    if isinstance(error, ValidationError):
        return [Problem(source, "; ".join(error.messages), row)]
    return [Problem(source, str(error) or type(error).__name__, row)]


def _file_row(numbers: list[Any], index: int) -> int | None:
    """django-import-export counts data rows from 1; map back to the file's row."""
    if 1 <= index <= len(numbers):
        return int(numbers[index - 1])
    return None


def _record_import(
    spec: ImportKind, data: bytes, source: str, report: ImportReport, user: Any
) -> DataImport:
    return DataImport.objects.create(
        kind=spec.name,
        source_name=source,
        sha256=file_sha256(data),
        size_bytes=len(data),
        user=user if getattr(user, "pk", None) else None,
        status=DataImport.Status.DONE,
        finished_at=timezone.now(),
        counts=report.counts,
        report="\n".join(
            [report.summary(), *report.notes, *(str(w) for w in report.warnings)]
        ),
    )


def _text(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    return value
