"""The recompute lock: one holder at a time, and a holder that died frees it.

A job killed outright (a worker's process sent SIGKILL, a machine that
lost power) cannot delete its lock row. The next job frees such a row at
once when it can tell the holder is gone: its database session has ended
(PostgreSQL), or its process no longer exists on this host. A holder it
cannot check keeps the lock until the lease runs out.
"""

import subprocess
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from indicators import locks
from indicators.locks import LockBusy, job_lock
from indicators.models import JobLock

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "recompute"


def left_behind(session: str, lease: timedelta = timedelta(minutes=30)) -> None:
    """A lock row as a holder killed mid-job leaves it."""
    JobLock.objects.create(
        name=NAME,
        holder="killed-holder",
        session=session,
        expires_at=timezone.now() + lease,
    )


def exited_process_id() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_second_holder_is_refused_while_the_first_holds_it() -> None:
    with job_lock(NAME), pytest.raises(LockBusy), job_lock(NAME):
        pass


def test_the_lock_is_free_again_after_release() -> None:
    with job_lock(NAME):
        assert JobLock.objects.filter(name=NAME).count() == 1
    assert not JobLock.objects.exists()
    with job_lock(NAME) as holder:
        assert JobLock.objects.get(name=NAME).holder == holder


def test_the_holder_records_its_own_session() -> None:
    with job_lock(NAME):
        assert JobLock.objects.get(name=NAME).session == locks.current_session()


def test_a_lock_whose_process_has_exited_on_this_host_is_taken_at_once() -> None:
    pid = exited_process_id()
    left_behind(f"process:{locks.HOST}:{pid}")

    with job_lock(NAME) as holder:
        assert JobLock.objects.get(name=NAME).holder == holder


def test_a_lock_of_a_running_process_is_kept() -> None:
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        left_behind(f"process:{locks.HOST}:{sleeper.pid}")
        with pytest.raises(LockBusy), job_lock(NAME):
            pass
    finally:
        sleeper.kill()
        sleeper.wait()
    assert JobLock.objects.get(name=NAME).holder == "killed-holder"


def test_a_holder_on_another_host_keeps_the_lock_until_its_lease_ends() -> None:
    left_behind(f"process:{locks.HOST}-elsewhere:1")
    with pytest.raises(LockBusy), job_lock(NAME):
        pass

    JobLock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with job_lock(NAME) as holder:
        assert JobLock.objects.get(name=NAME).holder == holder


def test_an_unreadable_session_is_treated_as_alive() -> None:
    left_behind("something-else")
    with pytest.raises(LockBusy), job_lock(NAME):
        pass


@pytest.mark.server
def test_a_lock_whose_database_session_ended_is_taken_at_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("database sessions are checked on PostgreSQL")
    taken = threading.Event()
    leave = threading.Event()

    def holder_that_dies() -> None:
        # Takes the lock on its own connection, then loses that connection
        # without releasing the lock, as a killed worker does.
        assert locks.take(NAME, "dying-holder", timedelta(minutes=30))
        taken.set()
        leave.wait(10)
        connection.close()

    thread = threading.Thread(target=holder_that_dies)
    thread.start()
    assert taken.wait(10)
    with pytest.raises(LockBusy), job_lock(NAME):
        pass  # its session is still open: the lock holds

    leave.set()
    thread.join(10)
    (row,) = JobLock.objects.all()
    assert row.session.startswith("pg:")

    with job_lock(NAME) as holder:
        assert JobLock.objects.get(name=NAME).holder == holder
