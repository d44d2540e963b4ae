"""A named lock in the database, so that two jobs of one kind never interleave.

The lock is a row with an expiry: a holder that crashed stops blocking
others once its lease runs out. It works the same on SQLite and PostgreSQL
and needs no broker. Known shortcoming: a worker killed mid-recompute keeps
later recomputes waiting (retried by the task) for up to the 30-minute
lease, because nothing yet checks whether the holder is still alive.
"""

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from indicators.models import JobLock

logger = logging.getLogger(__name__)

RETRY_SECONDS = 0.5


class LockBusy(Exception):
    """Another job holds the lock."""


@contextmanager
def job_lock(
    name: str,
    lease: timedelta = timedelta(minutes=30),
    wait: timedelta = timedelta(0),
) -> Iterator[str]:
    """Hold the lock ``name`` for the block; LockBusy if it stays taken ``wait``."""
    holder = uuid.uuid4().hex
    give_up = time.monotonic() + wait.total_seconds()
    while not _take(name, holder, lease):
        if time.monotonic() >= give_up:
            raise LockBusy(name)
        time.sleep(RETRY_SECONDS)
    logger.debug("lock %s taken by %s", name, holder)
    try:
        yield holder
    finally:
        JobLock.objects.filter(name=name, holder=holder).delete()


def _take(name: str, holder: str, lease: timedelta) -> bool:
    now = timezone.now()
    with transaction.atomic():
        JobLock.objects.filter(name=name, expires_at__lt=now).delete()
        try:
            with transaction.atomic():
                JobLock.objects.create(name=name, holder=holder, expires_at=now + lease)
        except IntegrityError:
            return False
    return True
