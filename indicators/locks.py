"""A named lock in the database, so that two jobs of one kind never interleave.

The lock is a row naming its holder, the holder's session and an expiry.
It works the same on SQLite and PostgreSQL and needs no broker. A holder
that is killed outright cannot delete its row, so a job that finds the
lock taken checks whether the holder is still there:

- on PostgreSQL the session is the holder's database backend (its process
  id and start time); when the holder's process dies its connection
  closes and the backend ends, so a row whose backend is gone is freed at
  once;
- otherwise the session is the holder's host and process id, and a row
  left by a process that no longer runs on this host is freed at once.

A holder known to be alive keeps the lock however long it runs (a
recompute task has a time limit, after which Celery kills it and its
session ends). A holder that cannot be checked (another host without
PostgreSQL) keeps it until its lease runs out.

Taking the lock never waits on another transaction: a holder that has
not committed its row (a dry run, which rolls everything back) makes the
lock busy for the others, after at most ``WAIT_FOR_ROW_SECONDS``.
"""

import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from indicators.models import JobLock

logger = logging.getLogger(__name__)

RETRY_SECONDS = 0.5
WAIT_FOR_ROW_SECONDS = 2
LOCK_NOT_AVAILABLE = "55P03"
HOST = socket.gethostname()


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
    while not take(name, holder, lease):
        if time.monotonic() >= give_up:
            raise LockBusy(name)
        time.sleep(RETRY_SECONDS)
    logger.debug("lock %s taken by %s", name, holder)
    try:
        yield holder
    finally:
        JobLock.objects.filter(name=name, holder=holder).delete()


def take(name: str, holder: str, lease: timedelta) -> bool:
    """Take the lock for ``holder`` unless another holds it; committed on
    return unless called inside a transaction. A row whose holder is gone,
    or whose unverifiable holder's lease ran out, is freed."""
    now = timezone.now()
    session = current_session()
    with transaction.atomic(), _waiting_at_most(WAIT_FOR_ROW_SECONDS):
        try:
            with transaction.atomic():
                current = JobLock.objects.filter(name=name).first()
                if current is not None:
                    if not _stale(current, now):
                        return False
                    logger.warning(
                        "lock %s freed: holder %s (session %s) is gone or its "
                        "lease ran out",
                        name,
                        current.holder,
                        current.session,
                    )
                    # By holder, so that a row another job has just put in
                    # its place is left alone.
                    JobLock.objects.filter(name=name, holder=current.holder).delete()
                JobLock.objects.create(
                    name=name, holder=holder, session=session, expires_at=now + lease
                )
        except IntegrityError:
            return False
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
            return False  # another transaction holds an uncommitted row
    return True


def _stale(lock: JobLock, now: datetime) -> bool:
    alive = session_alive(lock.session)
    return alive is False or (alive is None and lock.expires_at < now)


@contextmanager
def _waiting_at_most(seconds: float) -> Iterator[None]:
    """On PostgreSQL, make statements give up after waiting ``seconds`` for
    another transaction's lock (LockNotAvailable), for this transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (before,) = cursor.fetchone()
        cursor.execute(
            "SELECT set_config('lock_timeout', %s, true)", [f"{int(seconds * 1000)}ms"]
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])


def current_session() -> str:
    """This job's session: its PostgreSQL backend, or else its process."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, backend_start FROM pg_stat_activity "
                "WHERE pid = pg_backend_pid()"
            )
            pid, started = cursor.fetchone()
        return f"pg:{pid}:{started.isoformat()}"
    return f"process:{HOST}:{os.getpid()}"


def session_alive(session: str) -> bool | None:
    """Whether the session is still there; None when it cannot be told."""
    kind, _, rest = session.partition(":")
    if kind == "pg" and connection.vendor == "postgresql":
        pid, _, started = rest.partition(":")
        return _backend_alive(int(pid), started)
    if kind == "process":
        host, _, pid = rest.rpartition(":")
        return _process_alive(int(pid)) if host == HOST else None
    return None


def _backend_alive(pid: int, started: str) -> bool:
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps one view of the sessions;
        # drop it so that a session that has just ended is seen as ended.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT backend_start FROM pg_stat_activity WHERE pid = %s", [pid]
        )
        row = cursor.fetchone()
    if row is None:
        return False
    # Another role's start time may be hidden (NULL): the id alone decides.
    return row[0] is None or row[0].isoformat() == started


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
