"""Data access of the import log: ``DataImport`` rows, their files and traces.

An import is started (a running ``DataImport`` with the file's hash) and
finished (the file stored, counts, the report per row, and one
``ImportedChange`` per historical version the import wrote) inside the
import's own transaction. The stored file is written outside the
database, so a failed import removes it again (``discard_stored_file``).
"""

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from indicators.history import ChangeTrace
from indicators.models import DataImport, ImportedChange

if TYPE_CHECKING:
    from indicators.importing import ImportReport

logger = logging.getLogger(__name__)


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def start_import(kind: str, data: bytes, source: str, user: Any) -> DataImport:
    return DataImport.objects.create(
        kind=kind,
        source_name=source[:300],
        sha256=file_sha256(data),
        size_bytes=len(data),
        user=user if getattr(user, "pk", None) else None,
        status=DataImport.Status.RUNNING,
    )


def finish_import(
    record: DataImport,
    data: bytes,
    report: "ImportReport",
    lines: str,
    trace: ChangeTrace,
) -> None:
    """Store the file, the counts and report, and link every traced change."""
    _store_file(record, data)
    record.status = DataImport.Status.DONE
    record.finished_at = timezone.now()
    record.counts = report.counts
    record.report = lines
    record.row_results = [list(outcome) for outcome in report.row_results]
    record.save()
    linked = link_changes(record, trace)
    logger.debug("import %s: %d historical versions linked", record.pk, linked)


def _store_file(record: DataImport, data: bytes) -> None:
    """Keep the bytes; a file imported before with the same hash is shared."""
    earlier = (
        DataImport.objects.filter(sha256=record.sha256)
        .exclude(pk=record.pk)
        .exclude(stored_file="")
        .values_list("stored_file", flat=True)
        .first()
    )
    if earlier and record.stored_file.storage.exists(earlier):
        record.stored_file.name = earlier
        return
    name = f"{record.sha256[:16]}-{record.source_name}"
    record.stored_file.save(name, ContentFile(data), save=False)


def link_changes(record: DataImport, trace: ChangeTrace) -> int:
    types = ContentType.objects.get_for_models(*{c.model for c in trace.changes})
    links = [
        ImportedChange(
            data_import=record,
            content_type=types[change.model],
            object_id=change.object_id,
            history_type=change.history_type,
            history_id=change.history_id,
        )
        for change in trace.changes
    ]
    ImportedChange.objects.bulk_create(links, batch_size=1000)
    return len(links)


def discard_stored_file(record: DataImport | None) -> None:
    """Remove the file of an import whose transaction did not commit.

    A file shared with an earlier import of the same bytes stays.
    """
    if record is None or not record.stored_file.name:
        return
    name = record.stored_file.name
    if DataImport.objects.filter(stored_file=name).exclude(pk=record.pk).exists():
        return
    try:
        record.stored_file.storage.delete(name)
    except OSError:
        logger.exception("could not remove %s", name)
