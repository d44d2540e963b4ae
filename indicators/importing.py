"""Loading staff spreadsheets through django-import-export resources.

The management command ``import_records`` and the admin's import button use
the same resource classes, so the same checks apply to both. A file is
imported in one transaction: any row error rolls back the whole file, and a
dry run rolls back after the checks. Every import is recorded
(``indicators.import_log``) with the file itself, its hash, a result per
row and a trace of the records it changed, so it can be undone; a second
import of the same file changes no record.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import tablib
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from import_export import resources
from import_export.results import RowResult
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators import import_log
from indicators.exporting import unneutralised
from indicators.history import ChangeTrace, tracing_changes
from indicators.models import DataImport
from indicators.problems import Problem
from indicators.spreadsheets import Sheet, normalise_header, read_sheet_bytes

logger = logging.getLogger(__name__)

ROW_NUMBER = "__row__"

# A lost database connection ends the import at once: it is no row's fault.
CONNECTION_ERRORS = (OperationalError, InterfaceError)


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
    # (file row, django-import-export's import type, the record) per row.
    row_results: list[tuple[int | None, str, str]] = field(default_factory=list)
    data_import: DataImport | None = None

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
        self.row_results: list[tuple[int | None, str, str]] = []
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
        """Keep what became of each row for the report; refuse disagreeing repeats."""
        super().after_import_row(row, row_result, **kwargs)
        number = row.get(ROW_NUMBER)
        self.check_repeated_row(number, row_result)
        outcome = (
            int(number) if number is not None else None,
            str(row_result.import_type),
            self.row_label(row, row_result),
        )
        self.row_results.append(outcome)

    def check_repeated_row(self, number: Any, row_result: Any) -> None:
        if not self.repeated_rows_must_agree or row_result.object_id is None:
            return
        first = self.rows_by_record.setdefault(str(row_result.object_id), number)
        if first != number and row_result.import_type == RowResult.IMPORT_TYPE_UPDATE:
            raise ValidationError(
                f"row {first} gives other values for the same record "
                f"({row_result.object_repr}); keep one of the two rows"
            )

    def row_label(self, row: Any, row_result: Any) -> str:
        return str(row_result.object_repr or "")

    def import_row(self, row: Any, instance_loader: Any, **kwargs: Any) -> Any:
        result = super().import_row(row, instance_loader, **kwargs)
        for error in result.errors:
            if isinstance(error.error, CONNECTION_ERRORS):
                raise error.error
        return result

    def handle_import_error(
        self, result: Any, error: Exception, raise_errors: bool = False
    ) -> None:
        if isinstance(error, CONNECTION_ERRORS):
            raise error
        super().handle_import_error(result, error, raise_errors)

    # Bulk writes keep each record's change history, as single saves do.

    def bulk_create(  # type: ignore[no-untyped-def]
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ) -> None:
        if not self.create_instances or (dry_run and not using_transactions):
            return
        try:
            bulk_create_with_history(
                self.create_instances, self._meta.model, batch_size=batch_size
            )
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(  # type: ignore[no-untyped-def]
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ) -> None:
        if not self.update_instances or (dry_run and not using_transactions):
            return
        try:
            bulk_update_with_history(
                self.update_instances,
                self._meta.model,
                self.get_bulk_update_fields(),
                batch_size=batch_size,
            )
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.update_instances.clear()

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
    """Import one file of ``kind``; raise ImportRejected and write nothing on error.

    The file, its report and the trace of changed records are kept with
    the ``DataImport`` row; all of it is written in the file's one
    transaction, so a failure at any point (a rejected row, a lost
    database connection) leaves neither records nor a stored file behind.
    """
    spec = IMPORT_KINDS[kind]
    started = time.monotonic()
    sheet = read_sheet_bytes(data, source)
    dataset = dataset_from_sheet(sheet)
    resource = spec.resource(source=source, **options)

    record: DataImport | None = None
    try:
        with transaction.atomic():
            if not dry_run:
                record = import_log.start_import(spec.name, data, source, user)
            report, trace = _run_resource(spec, resource, dataset, dry_run, record)
            if record is not None:
                lines = report_lines(report)
                import_log.finish_import(record, data, report, lines, trace)
            if dry_run:
                transaction.set_rollback(True)
            elif report.changed and spec.after_commit is not None:
                transaction.on_commit(spec.after_commit)
    except BaseException:
        import_log.discard_stored_file(record)
        raise

    report.seconds = time.monotonic() - started
    logger.info("%s", report.summary())
    return report


def _run_resource(
    spec: ImportKind,
    resource: PortalResource,
    dataset: tablib.Dataset,
    dry_run: bool,
    record: DataImport | None,
) -> tuple[ImportReport, ChangeTrace]:
    reason = record.change_reason if record is not None else "dry run"
    with tracing_changes(reason) as trace:
        result = resource.import_data(
            dataset, dry_run=False, use_transactions=False, raise_errors=False
        )
    problems = problems_of(result, resource, dataset)
    if problems:
        raise ImportRejected(problems)

    report = ImportReport(
        kind=spec.name,
        source=resource.source,
        dry_run=dry_run,
        counts=dict(result.totals),
        warnings=resource.warnings,
        notes=resource.notes,
        row_results=resource.row_results,
        data_import=record,
    )
    return report, trace


def report_lines(report: ImportReport) -> str:
    return "\n".join(
        [report.summary(), *report.notes, *(str(w) for w in report.warnings)]
    )


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


def _text(value: object) -> object:
    if isinstance(value, str):
        return unneutralised(value.strip())
    return value
