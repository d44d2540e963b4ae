"""Whole-table CSV exports that stream with flat memory.

A list page holds at most ``MAX_PAGE_SIZE`` rows; a full export (every
series value, the monthly trade table) is instead read from the database
``chunk_size`` rows at a time (a server-side cursor on PostgreSQL) and
written out as it is read, so memory stays the same for a thousand rows or
ten million. Rows come from ``values_list`` (tuples, no model instances)
and go through the same cell rules as the CSV renderer.
"""

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from indicators.api.renderers import csv_lines

logger = logging.getLogger(__name__)

CHUNK_SIZE = 5000


@dataclass(frozen=True)
class ExportColumn:
    """A CSV column: its header and the ``values_list`` lookup that fills it."""

    name: str
    lookup: str


def streaming_csv_response(
    queryset: QuerySet[Any],
    columns: Sequence[ExportColumn],
    filename: str,
    chunk_size: int = CHUNK_SIZE,
) -> StreamingHttpResponse:
    """Every row of ``queryset`` (in its order) as a streamed CSV download."""
    rows = queryset.values_list(*(c.lookup for c in columns)).iterator(
        chunk_size=chunk_size
    )
    header = [c.name for c in columns]
    tally = _Tally(filename)
    response = StreamingHttpResponse(
        tally.chunks(csv_lines(header, tally.rows(rows))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Tally:
    """Counts what an export sent and logs it once, when the stream ends."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.row_count = 0
        self.started = time.monotonic()

    def rows(self, rows: Iterable[Any]) -> Iterator[Any]:
        for row in rows:
            self.row_count += 1
            yield row

    def chunks(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        sent = 0
        for chunk in chunks:
            sent += len(chunk)
            yield chunk
        logger.info(
            "export %s: %d rows, %d bytes in %.1f s",
            self.filename,
            self.row_count,
            sent,
            time.monotonic() - self.started,
        )
