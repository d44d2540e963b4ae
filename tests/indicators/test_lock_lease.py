"""The recompute lock against a holder that is alive but slow, and a dry run.

A lease is there for holders that cannot be checked. A holder whose
session is known to be alive is still recomputing: taking the lock from
it because its lease ran out lets two recomputes run at once. A dry run
holds the lock inside a transaction it will roll back; a real recompute
that meets it must be told the lock is busy, not wait on it.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from indicators.locks import take
from indicators.models import JobLock

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "recompute"
LEASE = timedelta(minutes=30)


def test_a_live_holder_keeps_the_lock_when_its_lease_has_run_out() -> None:
    assert take(NAME, "first", LEASE)
    # Thirty minutes later the first recompute is still running here.
    JobLock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert not take(NAME, "second", LEASE)
    assert JobLock.objects.get(name=NAME).holder == "first"


@pytest.mark.server
def test_a_recompute_meeting_a_dry_runs_lock_is_told_it_is_busy() -> None:
    holding, done = threading.Event(), threading.Event()

    def dry_run() -> None:
        try:
            with transaction.atomic():
                take(NAME, "dry-run", LEASE)
                holding.set()
                done.wait(30)
                transaction.set_rollback(True)
        finally:
            connection.close()

    answers: list[bool] = []

    def real_run() -> None:
        try:
            answers.append(take(NAME, "real", LEASE))
        finally:
            connection.close()

    holder = threading.Thread(target=dry_run)
    holder.start()
    assert holding.wait(15), "the dry run never took the lock"
    taker = threading.Thread(target=real_run)
    taker.start()
    taker.join(5)
    still_waiting = taker.is_alive()

    done.set()
    holder.join(15)
    taker.join(15)
    assert not still_waiting, "take() waited on the dry run's transaction"
    assert answers == [False]
