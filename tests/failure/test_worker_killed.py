"""A worker killed in the middle of a recompute: the next run gives the same result.

The recompute is held inside indicator E's builder in a real worker
process, which is then sent SIGKILL: it can neither finish nor clean up.
Its work is one database transaction, so nothing of it is left; its lock
row is left, and the next recompute frees it at once because the killed
worker's database session has ended (a lease of 30 minutes would
otherwise make it wait). The lost task itself comes back from Redis only
after the broker's visibility timeout; the next run here is the one the
next data change (or the nightly schedule) queues.
"""

import signal
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.db.models import QuerySet

from indicators import tasks
from indicators.models import AssessmentRun, JobLock
from indicators.recompute import recompute_all
from indicators.sample_cooperation import load_cooperation_sample
from indicators.table import stored_table, table_to_json
from surveys.sample import load_survey_sample
from tests.failure.servers import (
    celery_app_at,
    celery_worker,
    own_redis_keys,
    redis_test_url,
    wait_for,
    worker_database_url,
)

pytestmark = [
    pytest.mark.server,
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.django_db(transaction=True),
]

AS_OF = date(2019, 6, 30)

# Run in the first worker: indicator E's builder says it has been reached,
# then never returns.
STALL_IN_E = """
import os, pathlib, time
from indicators import computed
def stalled(as_of):
    pathlib.Path(os.environ["STALL_MARKER"]).touch()
    while True:
        time.sleep(1)
computed._BUILDERS["E"] = stalled
"""


def runs_as_of() -> QuerySet[AssessmentRun]:
    """The runs as of 30 June 2019 (loading the data ran today's in-process)."""
    return AssessmentRun.objects.filter(as_of=AS_OF)


def headline(table: dict, code: str) -> tuple[str, float]:
    (indicator,) = [i for i in table["indicators"] if i["code"] == code]
    latest = indicator["series"][0]["latest"]
    return latest["period"], latest["value"]


def test_a_recompute_killed_with_its_worker_runs_again_with_the_same_result(
    tmp_path: Path,
) -> None:
    load_cooperation_sample()
    load_survey_sample()
    broker, database = redis_test_url(), worker_database_url()
    queue = f"failure-{uuid.uuid4().hex}"
    marker = tmp_path / "stalled"

    with own_redis_keys(), celery_app_at(broker, queue):
        with celery_worker(
            broker, queue, database, STALL_IN_E, {"STALL_MARKER": str(marker)}
        ) as worker:
            tasks.recompute.delay(AS_OF.isoformat())
            assert wait_for(marker.exists, seconds=60), "the recompute never started"
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(timeout=10) == -signal.SIGKILL

        # Killed mid-run: no run stored, its lock left behind.
        assert not runs_as_of().exists()
        assert JobLock.objects.filter(name=tasks.RECOMPUTE_LOCK).count() == 1

        with celery_worker(broker, queue, database):
            tasks.recompute.delay(AS_OF.isoformat())
            ran = wait_for(runs_as_of().exists, seconds=60)

    assert ran, "the recompute after the killed one did not run"
    assert not JobLock.objects.exists()
    run = runs_as_of().get()
    after_kill = table_to_json(stored_table(run))
    # The bundled data's published figures as of 30 June 2019.
    assert headline(after_kill, "D") == ("2019-06-30", 54)
    assert headline(after_kill, "E") == ("FY2018", 11)
    assert headline(after_kill, "F") == ("FY2017", 27)

    # An uninterrupted recompute of the same data finds exactly the same.
    uninterrupted = table_to_json(stored_table(recompute_all(AS_OF)))
    assert uninterrupted == after_kill
