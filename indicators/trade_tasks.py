"""Celery task of the admin upload: the same import as ``import_trade``.

Progress is written to the file's record as blocks are read (the reading
runs outside the import's transaction), so the admin page can show it.
Running the task again for a file that has finished does nothing.
"""

import logging
import time

from celery import shared_task
from django.utils import timezone

from indicators.models import TradeFile
from indicators.tasks import request_recompute
from indicators.trade_import import (
    TradeImportRejected,
    TradeSource,
    import_trade_files,
    local_path,
    reread_trade_files,
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


@shared_task(acks_late=True)
def reread_uploaded_trade_files(file_ids: list[int]) -> str:
    """Read loaded files again with the current classification."""
    records = list(TradeFile.objects.filter(pk__in=file_ids))
    try:
        report = reread_trade_files(records)
    except TradeImportRejected as exc:
        logger.warning("re-read refused: %s", exc)
        return f"refused: {len(exc.problems)} errors"
    if report.changed:
        request_recompute()
    return report.summary()
