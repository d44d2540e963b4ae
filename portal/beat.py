"""Celery beat's scheduler, with a heartbeat file for the health check.

Beat gives no sign of life between the tasks it sends, which may be a day
apart. This scheduler touches ``PORTAL_BEAT_HEARTBEAT`` on every tick, and
``CELERY_BEAT_MAX_LOOP_INTERVAL`` makes beat tick at least once a minute;
``docker/healthcheck.py beat`` reads the file's age.
"""

import logging
from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)


def touch_heartbeat(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


class HeartbeatScheduler(PersistentScheduler):
    def setup_schedule(self) -> None:
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()

    def tick(self, *args: Any, **kwargs: Any) -> float:
        touch_heartbeat(Path(settings.PORTAL_BEAT_HEARTBEAT))
        return super().tick(*args, **kwargs)
