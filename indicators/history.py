"""Change history of records, with every change an import makes traced to it.

Records keep their history with django-simple-history. Saving one record
sends a signal for its historical row; bulk writes (``bulk_create_with_history``
and the like) send none, so their rows are passed on by the history manager
below. Either way, while an import runs (``tracing_changes``) every
historical row written is noted, so the import can later be undone as a
whole. The trace lives in a context variable: outside an import nothing is
noted and nothing is slower.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.dispatch import receiver
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_record,
    pre_create_historical_record,
)


@dataclass(frozen=True)
class TracedChange:
    """One historical row written during an import."""

    model: type[models.Model]
    object_id: str
    history_type: str
    history_id: int


@dataclass
class ChangeTrace:
    reason: str
    changes: list[TracedChange] = field(default_factory=list)

    def note(self, historical: Any) -> None:
        model = historical.instance_type
        object_id = getattr(historical, model._meta.pk.attname)
        self.changes.append(
            TracedChange(
                model, str(object_id), historical.history_type, historical.history_id
            )
        )


_trace: ContextVar[ChangeTrace | None] = ContextVar("import_trace", default=None)


@contextmanager
def tracing_changes(reason: str) -> Iterator[ChangeTrace]:
    """Note every historical row written inside the block, with ``reason``."""
    trace = ChangeTrace(reason)
    token = _trace.set(trace)
    try:
        yield trace
    finally:
        _trace.reset(token)


def note_historical_rows(rows: Iterable[Any]) -> None:
    trace = _trace.get()
    if trace is None:
        return
    for row in rows:
        trace.note(row)


class TracedHistoryManager(HistoryManager):
    """A history manager that also notes the rows of bulk writes."""

    def bulk_history_create(  # type: ignore[no-untyped-def]
        self, objs, batch_size=None, update=False, default_change_reason="", **kw
    ):
        trace = _trace.get()
        if trace is not None and not default_change_reason:
            default_change_reason = trace.reason
        rows = super().bulk_history_create(
            objs,
            batch_size=batch_size,
            update=update,
            default_change_reason=default_change_reason,
            **kw,
        )
        note_historical_rows(rows or [])
        return rows


def traced_history(**options: Any) -> HistoricalRecords:
    """``HistoricalRecords`` for a model whose imported changes can be undone."""
    return HistoricalRecords(history_manager=TracedHistoryManager, **options)


@receiver(pre_create_historical_record)
def _give_import_reason(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    trace = _trace.get()
    if trace is not None and not history_instance.history_change_reason:
        history_instance.history_change_reason = trace.reason


@receiver(post_create_historical_record)
def _note_saved_record(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    note_historical_rows([history_instance])
