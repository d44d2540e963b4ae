"""Celery task of the admin upload: the same import as ``import_trade``.

Progress is written to the file's record as blocks are read (the reading
runs outside the import's transaction), so the admin page can show it.
Running the task again for a file that has finished does nothing.
"""

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from celery import shared_task
from django.utils import timezone

from indicators.models import TradeFile
from indicators.tasks import request_recompute
from indicators.trade_import import (
    TradeImportRejected,
    TradeSource,
    import_trade_files,
)

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 1.0


class ProgressWriter:
    """Adds up bytes read and stores them on the record at most once a second."""

    def __init__(self, record: TradeFile) -> None:
        self.record = record
        self.done = 0
        self.written_at = 0.0

    def __call__(self, size: int) -> None:
        self.done += size
        now = time.monotonic()
        if now - self.written_at >= PROGRESS_EVERY_SECONDS:
            TradeFile.objects.filter(pk=self.record.pk).update(bytes_done=self.done)
            self.written_at = now


@contextmanager
def local_path(record: TradeFile) -> Iterator[Path]:
    """A path to the stored upload; remote storages are fetched to a temp file."""
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


@shared_task(acks_late=True)
def import_uploaded_trade_file(file_id: int) -> str:
    record = TradeFile.objects.get(pk=file_id)
    if record.status not in (TradeFile.Status.QUEUED, TradeFile.Status.RUNNING):
        return record.status
    record.status = TradeFile.Status.RUNNING
    record.save(update_fields=["status"])

    try:
        with local_path(record) as path:
            report = import_trade_files(
                [TradeSource(path, record.name, record)],
                revision=record.revision,
                user=record.user,
                on_progress=ProgressWriter(record),
            )
    except TradeImportRejected as exc:
        lines = [str(p) for p in exc.problems]
        if exc.unlisted:
            lines.append(f"... and {exc.unlisted} more errors")
        TradeFile.objects.filter(pk=file_id).update(
            status=TradeFile.Status.REJECTED,
            finished_at=timezone.now(),
            report="\n".join(lines),
        )
        logger.info("upload %s rejected: %d errors", record.name, len(lines))
        return TradeFile.Status.REJECTED

    if report.changed:
        request_recompute()
    return report.outcomes[0].status
