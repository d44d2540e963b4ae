"""Importing customs files: the one service behind ``import_trade`` and the admin.

Several files are one import: every file is read and checked first (the
reading keeps no lock and writes only to a temporary staging table, so
progress can be reported as it goes), then all land in one transaction or
none does. Within that transaction each file, in the order given:

- is skipped if a file with the same SHA-256 is already loaded;
- is refused if a month it covers was loaded from the other layout
  (national vs port level: one source per month), or if it is provisional
  and the month is already confirmed;
- replaces the rows of every month it covers (a month is a direction and
  a calendar month), so a revised file leaves no row of the previous one;
  the previous file keeps its monthly totals (``TradeFileTotal``) and the
  month's history records the replacement.
"""

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from indicators import trade_store
from indicators.customs import CustomsFile, ReadResult
from indicators.customs_layouts import CustomsFileError
from indicators.hs_classification import Classifier
from indicators.models import TradeFile, TradeFileTotal, TradePeriod
from indicators.models.trade import Revision
from indicators.problems import Problem

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


class TradeImportRejected(Exception):
    """A file had errors; nothing of this import was written."""

    def __init__(self, problems: list[Problem], unlisted: int = 0) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.unlisted = unlisted


@dataclass
class TradeSource:
    """A file to import; ``record`` is set when an upload already created it.

    ``reread``: the kept source of a loaded file, read again with the
    current classification; it replaces only the months it still supplies.
    """

    path: Path
    name: str = ""
    record: TradeFile | None = None
    reread: bool = False

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name


@dataclass
class FileOutcome:
    name: str
    status: str
    result: ReadResult
    new_months: int = 0
    replaced_months: int = 0
    record: TradeFile | None = None
    kept: bool = False  # its copy in the media storage became the record's


@dataclass
class TradeImportReport:
    dry_run: bool
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(o.status == TradeFile.Status.LOADED for o in self.outcomes)

    def warnings(self) -> list[Problem]:
        return [w for o in self.outcomes for w in o.result.warnings]

    def summary(self) -> str:
        results = [o.result for o in self.outcomes]
        loaded = sum(o.status == TradeFile.Status.LOADED for o in self.outcomes)
        parts = [
            f"{len(self.outcomes)} files: {loaded} loaded, "
            f"{len(self.outcomes) - loaded} unchanged",
            f"{sum(r.rows_read for r in results):,} rows read",
            f"{sum(r.rows_kept for r in results):,} classified "
            f"({sum(r.records for r in results):,} monthly values)",
            f"{sum(r.rows_skipped for r in results):,} outside the "
            "classification skipped",
            f"months {sum(o.new_months for o in self.outcomes)} new, "
            f"{sum(o.replaced_months for o in self.outcomes)} replaced",
            f"{sum(r.warning_count for r in results)} warnings",
            f"{self.seconds:.1f} s",
        ]
        mode = " (dry run: nothing written)" if self.dry_run else ""
        return "import_trade: " + "; ".join(parts) + mode


def import_trade_files(
    sources: list[TradeSource],
    *,
    revision: str = Revision.CONFIRMED,
    dry_run: bool = False,
    user: Any = None,
    on_progress: Progress | None = None,
) -> TradeImportReport:
    """Read, check and load customs files; raise TradeImportRejected on error."""
    started = time.monotonic()
    report = TradeImportReport(dry_run=dry_run)
    classifier = trade_store.load_classifier()
    # The sources are copied to the media storage while they are read.
    copies = [None if dry_run else KeptCopy.start(source) for source in sources]

    try:
        with trade_store.staging_table() as staging:
            results = [
                _read(source, index, classifier, staging, on_progress)
                for index, source in enumerate(sources)
            ]
            _reject_if_any(results)
            with transaction.atomic():
                for index, (source, result) in enumerate(
                    zip(sources, results, strict=True)
                ):
                    loader = _FileLoader(source, result, index, revision, user)
                    report.outcomes.append(loader.load(copies[index]))
                if dry_run:
                    transaction.set_rollback(True)
    except BaseException:
        _discard(copies)
        raise
    _discard([c for c, o in zip(copies, report.outcomes, strict=True) if not o.kept])

    report.seconds = time.monotonic() - started
    logger.info("%s", report.summary())
    return report


def _read(
    source: TradeSource,
    index: int,
    classifier: Classifier,
    staging: trade_store.Staging,
    on_progress: Progress | None,
) -> ReadResult:
    customs_file = CustomsFile(
        source.path, classifier, source=source.name, on_progress=on_progress
    )
    try:
        for records in customs_file.records():
            staging.add(index, records)
    except CustomsFileError as exc:
        customs_file.result.problems.extend(exc.problems)
        customs_file.result.problem_count += len(exc.problems)
    return customs_file.result


def _reject_if_any(results: list[ReadResult]) -> None:
    problems = [p for r in results for p in r.problems]
    if problems:
        unlisted = sum(r.unlisted_problems() for r in results)
        raise TradeImportRejected(problems, unlisted)


class _FileLoader:
    """Land one read file inside the import's transaction."""

    def __init__(
        self,
        source: TradeSource,
        result: ReadResult,
        index: int,
        revision: str,
        user: Any,
    ) -> None:
        self.source = source
        self.result = result
        self.index = index
        self.revision = revision
        if source.reread and source.record is not None:
            self.revision = source.record.revision  # as it was loaded
        self.user = user
        self.months = sorted(
            (direction, date(year, month, 1))
            for direction, year, month in result.periods
        )

    def load(self, copy: "KeptCopy | None") -> FileOutcome:
        outcome = FileOutcome(self.source.name, TradeFile.Status.LOADED, self.result)
        earlier = self._same_file_loaded()
        if earlier is not None:
            outcome.status = TradeFile.Status.UNCHANGED
            outcome.record = self._mark_unchanged(earlier)
            return outcome

        current = self._current_periods()
        if self.source.reread:
            current = self._months_it_still_supplies(current)
        problems = [*self._layout_problems(current), *self._partner_problems()]
        if problems:
            raise TradeImportRejected(problems)

        started = time.monotonic()
        record = self._save_record(copy)
        outcome.kept = copy is not None and record.source_file.name == copy.name
        TradeFileTotal.objects.filter(file=record).delete()  # a re-read's old ones
        trade_store.insert_totals(record, self.index)
        trade_store.keep_staged_months(self.index, self.months)
        deleted = trade_store.delete_rows(self.months)
        inserted = self._insert_rows(record)
        self._save_periods(record, current)
        logger.debug(
            "%s: %d rows replaced by %d in %.2f s",
            record.name,
            deleted,
            inserted,
            time.monotonic() - started,
        )
        outcome.record = record
        outcome.replaced_months = len(current)
        outcome.new_months = len(self.months) - len(current)
        return outcome

    def _same_file_loaded(self) -> TradeFile | None:
        loaded = TradeFile.objects.filter(
            sha256=self.result.sha256, status=TradeFile.Status.LOADED
        )
        if self.source.record is not None:
            loaded = loaded.exclude(pk=self.source.record.pk)
        return loaded.first()

    def _mark_unchanged(self, earlier: TradeFile) -> TradeFile:
        """An upload of a loaded file: say so on its own record."""
        record = self.source.record
        if record is None:
            return earlier
        record.status = TradeFile.Status.UNCHANGED
        record.sha256 = self.result.sha256
        record.size_bytes = record.bytes_done = self.result.size_bytes
        record.finished_at = timezone.now()
        record.report = (
            f"same content as {earlier.name} (loaded {earlier.created_at:%Y-%m-%d})"
        )
        record.save()
        return record

    def _current_periods(self) -> dict[tuple[int, date], TradePeriod]:
        months = {month for _, month in self.months}
        periods = TradePeriod.objects.filter(month__in=months).select_related("file")
        wanted = set(self.months)
        return {
            (p.direction, p.month): p
            for p in periods
            if (p.direction, p.month) in wanted
        }

    def _months_it_still_supplies(
        self, current: dict[tuple[int, date], TradePeriod]
    ) -> dict[tuple[int, date], TradePeriod]:
        """A re-read leaves alone the months a later file has replaced."""
        record = self.source.record
        assert record is not None
        mine = {m: p for m, p in current.items() if p.file_id == record.pk}
        self.months = sorted(mine)
        return mine

    def _layout_problems(
        self, current: dict[tuple[int, date], TradePeriod]
    ) -> list[Problem]:
        layout = self.result.layout
        assert layout is not None
        problems = []
        for period in current.values():
            what = f"{period.get_direction_display()} {period.month:%Y-%m}"
            if period.scope != layout.scope:
                problems.append(
                    self._problem(
                        f"{what} is loaded from {period.file.name} "
                        f"({period.get_scope_display()}); a month holds one "
                        f"layout, so this {layout.scope} file is refused"
                    )
                )
            elif (
                period.revision == Revision.CONFIRMED
                and self.revision == Revision.PROVISIONAL
            ):
                problems.append(
                    self._problem(
                        f"{what} is confirmed by {period.file.name}; a "
                        "provisional file cannot replace it"
                    )
                )
        return problems[:20]

    def _partner_problems(self) -> list[Problem]:
        return [
            self._problem(
                f"country code {code} is not in the customs partner table",
                row=row,
            )
            for code, row in trade_store.unknown_partners(self.index)
        ]

    def _insert_rows(self, record: TradeFile) -> int:
        try:
            with transaction.atomic():
                return trade_store.insert_rows(record, self.index)
        except IntegrityError:
            # Only two records of this file with the same key can collide:
            # the file's months were emptied just before.
            raise TradeImportRejected(self._repeated_key_problems()) from None

    def _repeated_key_problems(self) -> list[Problem]:
        return [
            self._problem(
                f"same direction, HS code, country, port and month as row {first}",
                row=second,
            )
            for first, second in trade_store.repeated_keys(self.index, limit=20)
        ]

    def _problem(self, message: str, row: int | None = None) -> Problem:
        return Problem(self.source.name, message, row)

    def _save_record(self, copy: "KeptCopy | None") -> TradeFile:
        result = self.result
        layout = result.layout
        assert layout is not None
        record = self.source.record or TradeFile(name=self.source.name, user=self.user)
        record.sha256 = result.sha256
        record.size_bytes = result.size_bytes
        record.layout = layout.name
        record.scope = layout.scope
        record.encoding = result.encoding
        record.revision = self.revision
        record.status = TradeFile.Status.LOADED
        record.periods = [list(p) for p in sorted(result.periods)]
        record.rows_read = result.rows_read
        record.rows_kept = result.rows_kept
        record.rows_skipped = result.rows_skipped
        record.records = result.records
        record.warning_count = result.warning_count
        record.bytes_done = result.size_bytes
        record.report = report_text(result)
        record.finished_at = timezone.now()
        if not record.source_file and copy is not None:
            record.source_file.name = copy.finished()
        record.save()
        return record

    def _save_periods(
        self, record: TradeFile, current: dict[tuple[int, date], TradePeriod]
    ) -> None:
        layout = self.result.layout
        assert layout is not None
        for direction, month in self.months:
            period = current.get((direction, month))
            if period is None:
                period = TradePeriod(direction=direction, month=month, number=0)
            period.scope = layout.scope
            period.layout = layout.name
            period.revision = self.revision
            period.file = record
            reason = "re-read with the current classification"
            if not self.source.reread:
                period.number += 1
                reason = f"{self.revision} file {record.name}"
            period.save()
            update_change_reason(period, reason)


def reread_trade_files(
    records: list[TradeFile], *, on_progress: Progress | None = None
) -> TradeImportReport:
    """Read loaded files again from their kept source, e.g. after staff mapped
    a code that the first reading skipped. Files that no longer supply any
    month, or whose source is gone, are left out."""
    supplying = TradeFile.objects.filter(
        pk__in=[r.pk for r in records],
        status=TradeFile.Status.LOADED,
        current_periods__isnull=False,
    ).distinct()
    kept = [
        r
        for r in supplying.order_by("created_at", "pk")
        if r.source_file and default_storage.exists(str(r.source_file.name))
    ]
    with ExitStack() as stack:
        sources = [
            TradeSource(stack.enter_context(local_path(r)), r.name, r, reread=True)
            for r in kept
        ]
        return import_trade_files(sources, on_progress=on_progress)


@contextmanager
def local_path(record: TradeFile) -> Iterator[Path]:
    """A path to a kept source file; a remote storage's is fetched to a temp file."""
    try:
        stored = Path(record.source_file.path)
    except NotImplementedError:
        stored = None
    if stored is not None:
        yield stored
        return
    with tempfile.NamedTemporaryFile(suffix=".csv") as copy:
        with record.source_file.open("rb") as stream:
            shutil.copyfileobj(stream, copy)
        copy.flush()
        yield Path(copy.name)


def report_text(result: ReadResult) -> str:
    lines = [str(w) for w in result.warnings]
    if result.unlisted_warnings():
        lines.append(f"... and {result.unlisted_warnings()} more warnings")
    return "\n".join(lines)


class KeptCopy:
    """A source file copied into the media storage in a background thread.

    A copy, not a link: the original may be rewritten in place later. The
    copy runs in the kernel (or streams to a remote storage) while the file
    is parsed, so it costs the import almost no time.
    """

    def __init__(self, source: TradeSource) -> None:
        self.source = source
        # A random prefix: two sources of one import may share a name.
        unique = uuid.uuid4().hex[:8]
        self.name = f"trade/{timezone.now():%Y}/{unique}-{source.name}"
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._copy, daemon=True)

    @classmethod
    def start(cls, source: TradeSource) -> "KeptCopy | None":
        if source.record is not None and source.record.source_file:
            return None  # an upload: already stored
        copy = cls(source)
        copy.thread.start()
        return copy

    def _copy(self) -> None:
        try:
            self._copy_to_storage()
        except Exception as exc:  # raised again by finished(), in the caller
            self.error = exc

    def _copy_to_storage(self) -> None:
        try:
            target = Path(default_storage.path(self.name))
        except NotImplementedError:  # a remote storage: stream the file there
            with self.source.path.open("rb") as stream:
                self.name = default_storage.save(self.name, stream)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.source.path, target)

    def finished(self) -> str:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.name

    def discard(self) -> None:
        self.thread.join()
        default_storage.delete(self.name)


def _discard(copies: list[KeptCopy | None]) -> None:
    for copy in copies:
        if copy is not None:
            copy.discard()
