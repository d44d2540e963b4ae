"""Undoing an import as a whole, from the trace of the records it changed.

An import's ``ImportedChange`` rows name every historical version it wrote.
Undoing it, in one transaction: records the import created are deleted;
records it changed or deleted are put back as their history had them just
before the import. Every step goes through the models, so the history
keeps both the import and its undoing. An undo is refused, with the
records named, when a traced record no longer stands as the import left
it (a person or a later import changed it since): undo the later import
first, or correct by hand.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.history import tracing_changes
from indicators.models import DataImport, ImportedChange
from indicators.tasks import request_recompute

logger = logging.getLogger(__name__)

# Problems named in a refusal; the rest are counted.
NAMED_CONFLICTS = 10


class UndoRefused(Exception):
    """The import cannot be undone; nothing was changed."""


@dataclass
class Traced:
    """One record an import touched: its first and last historical version."""

    model: type[models.Model]
    object_id: str
    created: bool
    first_history_id: int
    last_history_id: int


@dataclass
class UndoPlan:
    created: list[Traced] = field(default_factory=list)
    restored: list[Traced] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def plan_undo(record: DataImport) -> UndoPlan:
    """What undoing ``record`` would delete and restore, and what stops it."""
    plan = UndoPlan()
    for traced in _traced_records(record):
        (plan.created if traced.created else plan.restored).append(traced)
    plan.conflicts = _later_changes(plan.created + plan.restored)
    return plan


def undo_import(record: DataImport, user: Any) -> dict[str, int]:
    """Undo one finished import; returns the number of records removed and restored."""
    started = time.monotonic()
    try:
        with transaction.atomic():
            counts = _undo_locked(record.pk, user)
    except (ProtectedError, IntegrityError) as exc:
        raise UndoRefused(
            _("取り消すと他の記録との整合が崩れるため、取り消せません（%s）") % exc
        ) from None
    logger.info(
        "import %s undone: %s in %.1f s", record.pk, counts, time.monotonic() - started
    )
    return counts


def _undo_locked(pk: int, user: Any) -> dict[str, int]:
    record = DataImport.objects.select_for_update().get(pk=pk)
    if record.status != DataImport.Status.DONE:
        raise UndoRefused(_("完了した取り込みだけを取り消せます"))
    plan = plan_undo(record)
    if plan.conflicts:
        raise UndoRefused(_conflict_message(plan.conflicts))

    with tracing_changes(_("取り込み #%s の取り消し") % record.pk):
        removed = _remove(plan.created)
        restored = _restore(plan.restored)
    counts = {"removed": removed, "restored": restored}
    _mark_undone(record, user, counts)
    request_recompute()
    return counts


def _traced_records(record: DataImport) -> list[Traced]:
    """Each traced record once, in the order the import first touched them."""
    by_record: dict[tuple[int, str], Traced] = {}
    links = ImportedChange.objects.filter(data_import=record).order_by("pk")
    for link in links.select_related("content_type"):
        key = (link.content_type_id, link.object_id)
        traced = by_record.get(key)
        if traced is None:
            model = _model_of(link.content_type)
            by_record[key] = Traced(
                model,
                link.object_id,
                link.history_type == "+",
                link.history_id,
                link.history_id,
            )
        else:
            traced.last_history_id = max(traced.last_history_id, link.history_id)
    return list(by_record.values())


def _model_of(content_type: ContentType) -> type[models.Model]:
    model = content_type.model_class()
    if model is None:
        raise UndoRefused(_("取り込んだ記録の種類が見つかりません"))
    return model


def _later_changes(traced: list[Traced]) -> list[str]:
    """Records that no longer stand as the import left them.

    A record changed again after the import (by a person or a later import)
    cannot be put back without losing that change; a later change that
    was itself undone leaves the record as the import left it.
    """
    conflicts = []
    for model, group in _by_model(traced).items():
        left = _history(model).in_bulk([t.last_history_id for t in group])
        current = model._default_manager.in_bulk([t.object_id for t in group])
        for item in group:
            now = current.get(_pk_value(model, item.object_id))
            if not _as_left(left[item.last_history_id], now):
                conflicts.append(f"{model._meta.verbose_name} {item.object_id}")
    return conflicts


def _as_left(version: Any, record: models.Model | None) -> bool:
    """Whether ``record`` (None if gone) matches the historical ``version``."""
    if version.history_type == "-":
        return record is None
    if record is None:
        return False
    fields = record._meta.concrete_fields
    return all(
        getattr(version, f.attname) == getattr(record, f.attname) for f in fields
    )


def _pk_value(model: type[models.Model], object_id: str) -> Any:
    return model._meta.pk.to_python(object_id)


def _remove(created: list[Traced]) -> int:
    """Delete what the import created, the last created first."""
    removed = 0
    for item in reversed(created):
        found = item.model._default_manager.filter(pk=item.object_id).first()
        if found is not None:
            found.delete()
            removed += 1
    return removed


def _restore(changed: list[Traced]) -> int:
    """Put back each changed or deleted record as it was before the import."""
    for item in changed:
        before = (
            _history(item.model)
            .filter(
                **{item.model._meta.pk.attname: item.object_id},
                history_id__lt=item.first_history_id,
            )
            .order_by("-history_id")
            .first()
        )
        if before is None:
            raise UndoRefused(
                _("%(what)s %(id)s の取り込み前の版が履歴にありません")
                % {"what": item.model._meta.verbose_name, "id": item.object_id}
            )
        before.instance.save()
    return len(changed)


def _mark_undone(record: DataImport, user: Any, counts: dict[str, int]) -> None:
    record.status = DataImport.Status.UNDONE
    record.undone_at = timezone.now()
    record.undone_by = user if getattr(user, "pk", None) else None
    note = _("取り消し：削除 %(removed)s 件、復元 %(restored)s 件") % counts
    record.report = f"{record.report}\n{note}".strip()
    record.save()


def _by_model(traced: list[Traced]) -> dict[type[models.Model], list[Traced]]:
    groups: dict[type[models.Model], list[Traced]] = defaultdict(list)
    for item in traced:
        groups[item.model].append(item)
    return groups


def _history(model: type[models.Model]) -> Any:
    options: Any = model._meta
    return getattr(model, options.simple_history_manager_attribute)


def _conflict_message(conflicts: list[str]) -> str:
    named = "、".join(conflicts[:NAMED_CONFLICTS])
    more = len(conflicts) - NAMED_CONFLICTS
    if more > 0:
        named += _("ほか %d 件") % more
    return _("取り込みの後に変更された記録があるため、取り消せません：%s") % named
