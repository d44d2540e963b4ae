"""What the failure tests own: a TCP proxy they can cut, a Celery app pointed
at it, a worker process, and their keys in the test Redis database.

Everything listens on 127.0.0.1 and is stopped by the test that started it;
the shared PostgreSQL and Redis servers are never restarted.
"""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import redis
from celery import Celery
from django.conf import settings

from portal.celery import app as portal_app

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def redis_test_url() -> str:
    """The Redis database the tests may use (CELERY_BROKER_URL of the run)."""
    return str(settings.CELERY_BROKER_URL)


def redis_via(port: int) -> str:
    """The test Redis database, reached through 127.0.0.1:``port``."""
    parts = urlsplit(redis_test_url())
    return urlunsplit(parts._replace(netloc=f"127.0.0.1:{port}"))


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to a target; ``cut`` drops it, ``restore``
    brings it back on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and break every open one."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, []
        for sock in [s for s in [listener] if s is not None] + sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def restore(self) -> None:
        self.start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, target), daemon=True
                ).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        for sock in (source, target):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def celery_app_at(broker_url: str, queue: str) -> Iterator[Celery]:
    """Make a Celery app sending to ``broker_url`` the current one for the block.

    The portal's tasks are shared tasks, so ``indicators.tasks.recompute``
    sends through whichever app is current. Results go to the same Redis,
    as the settings have it by default. Celery lets the environment's
    ``CELERY_BROKER_URL`` override any configured broker, so it is set
    aside for the block.
    """
    saved_url = os.environ.pop("CELERY_BROKER_URL", None)
    app = Celery("failure-test", set_as_current=False)
    app.conf.update(
        broker_url=broker_url,
        result_backend=broker_url,
        task_default_queue=queue,
        task_always_eager=False,
        broker_connection_timeout=2,
    )
    app.set_current()
    try:
        yield app
    finally:
        portal_app.set_current()
        app.close()
        if saved_url is not None:
            os.environ["CELERY_BROKER_URL"] = saved_url


@contextmanager
def own_redis_keys() -> Iterator[redis.Redis]:
    """Remove, afterwards, every key that appeared in the test database."""
    client = redis.Redis.from_url(redis_test_url())
    before = set(client.scan_iter())
    try:
        yield client
    finally:
        created = set(client.scan_iter()) - before
        if created:
            client.delete(*created)
        client.close()


WORKER_SCRIPT = """
import sys
import django
django.setup()
exec(sys.argv[2])
from portal.celery import app
app.conf.update(task_default_queue=sys.argv[1], worker_enable_remote_control=False)
app.worker_main(["worker", "-P", "solo", "-c", "1", "-Q", sys.argv[1],
                 "--without-heartbeat", "--without-gossip", "--without-mingle",
                 "-l", "INFO"])
"""


@contextmanager
def celery_worker(
    broker_url: str,
    queue: str,
    database: str,
    prelude: str = "",
    environment: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker process on ``queue``, using the test database.

    ``prelude`` is Python run in the worker once Django is set up, before
    it takes a task (a test's way to change what a task does there)."""
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, queue, prelude],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_RESULT_BACKEND": broker_url,
            "DATABASE_URL": database,
            **(environment or {}),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def worker_database_url() -> str:
    """The URL of the test database, for processes the tests start."""
    database = settings.DATABASES["default"]
    return (
        f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}"
    )


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()
