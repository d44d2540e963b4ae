"""The compose file's web, worker and beat commands, run on the host.

No Docker engine runs here, so this starts the very commands that
``docker/compose.yaml`` gives each service, in production mode, against
the test database that pytest-django created and the configured Redis:
gunicorn must serve the pages, the worker must store a queued recompute,
beat must tick, and the containers' health checks must pass. Every
process is stopped at the end, and their logs are printed for a failing
test. The worker reads its own queue, so nothing else on the same Redis
sees these tasks.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest
import redis
import yaml
from django.conf import settings
from django.db import connection

from indicators.models import AssessmentRun, Indicator
from indicators.reference_data import load_catalogue
from indicators.tasks import recompute
from portal.celery import app as celery_app

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker" / "compose.yaml"
HOST = "portal.test"
START_SECONDS = 40
TASK_SECONDS = 30
STOP_SECONDS = 15
LOG_LINES = 60


@dataclass
class Stack:
    base_url: str
    env: dict[str, str]
    queue: str
    worker_name: str
    heartbeat: Path
    logs: dict[str, Path]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def log_tails(self) -> str:
        parts = []
        for name, path in self.logs.items():
            lines = path.read_text(errors="replace").splitlines()[-LOG_LINES:]
            parts.append(f"----- {name} ({path}) -----\n" + "\n".join(lines))
        return "\n".join(parts)

    def require_running(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise AssertionError(
                    f"{name} exited with {process.returncode}\n{self.log_tails()}"
                )


def compose_commands() -> dict[str, list[str]]:
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    return {name: list(services[name]["command"]) for name in ("web", "worker", "beat")}


def executable(command: list[str]) -> list[str]:
    """The venv's copy of gunicorn or celery, as the image has on its PATH."""
    beside_python = Path(sys.executable).parent / command[0]
    return [str(beside_python) if beside_python.exists() else command[0], *command[1:]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_env(tmp: Path, port: int, queue: str) -> dict[str, str]:
    own = ("DJANGO_", "PORTAL_", "DATABASE_", "GUNICORN_", "CELERY_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    secret = tmp / "django_secret_key"
    secret.write_text(uuid.uuid4().hex + uuid.uuid4().hex)
    db = connection.settings_dict
    env.update(
        PORTAL_MODE="production",
        DJANGO_SECRET_KEY_FILE=str(secret),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=(
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        PORTAL_CELERY_QUEUE=queue,
        PORTAL_VAR_DIR=str(tmp / "var"),
        PORTAL_STATIC_ROOT=str(tmp / "static"),
        PORTAL_MEDIA_ROOT=str(tmp / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        PYTHONUNBUFFERED="1",
    )
    if db.get("PASSWORD"):
        env["DATABASE_PASSWORD"] = db["PASSWORD"]
    return env


def start(stack: Stack, name: str, command: list[str], tmp: Path) -> None:
    log: IO[bytes] = (tmp / f"{name}.log").open("wb")
    stack.logs[name] = tmp / f"{name}.log"
    stack.processes[name] = subprocess.Popen(
        executable(command),
        cwd=REPO,
        env=stack.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, stopped as a whole
    )
    log.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


def wait_for(
    stack: Stack, what: str, ready: Callable[[], bool], seconds: float
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stack.require_running()
        if ready():
            return
        time.sleep(0.25)
    raise AssertionError(f"{what}: not ready in {seconds} s\n{stack.log_tails()}")


def fetch(
    stack: Stack, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """GET without following redirects; (status, headers, body)."""
    request = urllib.request.Request(
        stack.base_url + path, headers={"Host": HOST, **(headers or {})}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def through_proxy(stack: Stack, path: str) -> tuple[int, dict[str, str], bytes]:
    return fetch(stack, path, {"X-Forwarded-Proto": "https"})


def web_is_up(stack: Stack) -> bool:
    try:
        return through_proxy(stack, "/healthz")[0] == 200
    except OSError:
        return False


def healthcheck(stack: Stack, service: str, **extra_env: str) -> int:
    result = subprocess.run(
        [sys.executable, "docker/healthcheck.py", service],
        cwd=REPO,
        env={**stack.env, **extra_env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    print(f"healthcheck {service}: {result.returncode} {result.stdout}{result.stderr}")
    return result.returncode


@pytest.fixture(scope="module")
def stack(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("smoke")
    port, tag = free_port(), uuid.uuid4().hex[:12]
    with django_db_blocker.unblock():
        env = production_env(tmp, port, queue=f"smoke-{tag}")
    commands = compose_commands()
    # The image runs collectstatic when it is built; here it runs first.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=120,
    )
    stack = Stack(
        base_url=f"http://127.0.0.1:{port}",
        env=env,
        queue=env["PORTAL_CELERY_QUEUE"],
        worker_name=f"smoke-{tag}@{socket.gethostname()}",
        heartbeat=tmp / "var" / "beat-heartbeat",
        logs={},
    )
    try:
        start(stack, "web", commands["web"], tmp)
        # A name of its own, so that its health check pings only this worker.
        start(stack, "worker", [*commands["worker"], "-n", f"smoke-{tag}@%h"], tmp)
        start(stack, "beat", commands["beat"], tmp)
        wait_for(stack, "gunicorn", lambda: web_is_up(stack), START_SECONDS)
        yield stack
    finally:
        for process in stack.processes.values():
            stop(process)
        _forget_queue(stack.queue)


@pytest.fixture(autouse=True)
def logs_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """Printed after every test here; pytest shows them when it fails."""
    yield
    if "stack" in request.fixturenames:
        print(request.getfixturevalue("stack").log_tails())


def _forget_queue(queue: str) -> None:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    # The queue and kombu's records of its binding; nothing shared.
    bindings = ("_kombu.binding.", "_kombu.binding_permanent.")
    client.delete(queue, *(prefix + queue for prefix in bindings))
    client.close()


def test_the_home_page_answers_200_through_the_https_proxy(stack: Stack) -> None:
    status, headers, body = through_proxy(stack, "/")

    assert status == 200
    assert "各指標の進捗状況" in body.decode()
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_sent_to_https(stack: Stack) -> None:
    status, headers, _ = fetch(stack, "/")

    assert status == 301
    assert headers["Location"] == f"https://{HOST}/"


def test_whitenoise_serves_hashed_static_files_for_a_year(stack: Stack) -> None:
    page = through_proxy(stack, "/")[2].decode()
    css = re.search(r'href="(/static/portal/portal\.[0-9a-f]{12}\.css)"', page)
    assert css is not None, page

    status, headers, body = through_proxy(stack, css.group(1))

    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in headers["Cache-Control"]
    assert body == (REPO / "portal" / "static" / "portal" / "portal.css").read_bytes()


def test_the_admin_login_page_answers_with_its_static_files(stack: Stack) -> None:
    status, _, body = through_proxy(stack, "/admin/login/")

    assert status == 200
    assert re.search(rb"/static/admin/css/base\.[0-9a-f]{12}\.css", body)


def test_an_oversized_upload_is_refused_before_its_body_is_sent(
    stack: Stack,
) -> None:
    # Headers only: the answer must come without gunicorn waiting for 300 MB.
    head = (
        "POST /admin/login/ HTTP/1.1\r\n"
        f"Host: {HOST}\r\nX-Forwarded-Proto: https\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        "Content-Length: 300000000\r\nConnection: close\r\n\r\n"
    )
    port = int(stack.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(head.encode())
        status_line = client.makefile("rb").readline()

    assert status_line.startswith(b"HTTP/1.1 413")


def test_a_queued_recompute_is_stored_by_the_worker(stack: Stack) -> None:
    load_catalogue()
    indicators = Indicator.objects.count()
    celery_app.conf.task_always_eager = False  # the fixture restores it

    # The task keeps no result (see indicators/tasks.py): watch the database.
    recompute.apply_async(args=["2019-06-30"], queue=stack.queue)
    stored = AssessmentRun.objects.filter(as_of="2019-06-30")
    wait_for(stack, "the worker's assessment run", stored.exists, TASK_SECONDS)

    run = stored.get()
    assert indicators > 0
    assert str(run.as_of) == "2019-06-30"
    assert run.indicators.count() == indicators


def test_beat_starts_and_ticks(stack: Stack) -> None:
    wait_for(stack, "beat heartbeat", stack.heartbeat.exists, START_SECONDS)

    assert "beat: Starting" in stack.logs["beat"].read_text()


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_the_container_health_check_passes(stack: Stack, service: str) -> None:
    if service == "beat":
        wait_for(stack, "beat heartbeat", stack.heartbeat.exists, START_SECONDS)

    assert healthcheck(stack, service, CELERY_WORKER_NAME=stack.worker_name) == 0


def test_the_web_health_check_fails_when_nothing_answers(stack: Stack) -> None:
    closed = f"127.0.0.1:{free_port()}"

    assert healthcheck(stack, "web", GUNICORN_BIND=closed) == 1


def test_the_worker_health_check_fails_for_a_worker_that_is_not_there(
    stack: Stack,
) -> None:
    absent = f"absent-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"

    assert healthcheck(stack, "worker", CELERY_WORKER_NAME=absent) == 1
