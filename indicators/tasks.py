"""Celery tasks of the indicators app: thin wrappers around the services.

A data change asks for a recompute once it has committed. When the broker
cannot be reached the change still stands: the request is logged and
dropped, and the next recompute (the scheduled one, or the next change's)
rebuilds everything from the records, this change included.
"""

import logging
from datetime import date
from typing import Any

from celery import shared_task
from django.db import DatabaseError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable
from redis.exceptions import ConnectionError as RedisUnreachable

from indicators.locks import LockBusy, job_lock
from indicators.recompute import recompute_all

logger = logging.getLogger(__name__)

RECOMPUTE_LOCK = "recompute"
RECOMPUTE_TIME_LIMIT = 25 * 60


# The outcome of a recompute is the run it stores, so no result is kept:
# that also spares each request that queues one a round trip to the result
# store (which, were Redis down, would retry for many seconds).
@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    # A recompute takes seconds; one still running after this long is hung.
    # Celery kills it, its database session ends and the lock is freed.
    soft_time_limit=RECOMPUTE_TIME_LIMIT - 60,
    time_limit=RECOMPUTE_TIME_LIMIT,
)
def recompute(self: Any, as_of: str | None = None) -> int | None:
    """Rebuild every series and assessment; one run at a time."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    try:
        with job_lock(RECOMPUTE_LOCK):
            return recompute_all(day).pk
    except LockBusy:
        if self.request.is_eager:
            logger.warning("recompute skipped: another recompute holds the lock")
            return None
        # The running recompute may have read the data before this change:
        # try again once it has finished rather than dropping the request.
        raise self.retry(countdown=30, max_retries=20) from None


# What publishing a task raises when Redis is down or cut off.
BROKER_ERRORS = (BrokerUnreachable, RedisUnreachable, OSError)


def request_recompute(as_of: date | None = None) -> None:
    """Queue a recompute once the current transaction has committed."""
    argument = as_of.isoformat() if as_of else None
    transaction.on_commit(lambda: queue_recompute(argument))


def queue_recompute(as_of: str | None = None) -> bool:
    """Send a recompute to the workers; False (and a warning) if none can be sent."""
    try:
        recompute.delay(as_of)
    except BROKER_ERRORS as exc:
        logger.warning(
            "recompute not queued, the broker is unreachable (%s); "
            "the next scheduled recompute will include this change",
            exc,
        )
        return False
    return True
