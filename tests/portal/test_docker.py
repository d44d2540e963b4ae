"""The container files: the compose file validates and holds what a deployment needs.

No Docker engine runs on the test machines, so the compose file is checked
with ``docker compose config`` (or the standalone ``docker-compose``, which
``make test`` installs where the plugin is missing); the commands inside it
are run on the host by ``test_host_smoke``.
"""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker" / "compose.yaml"
DOCKERFILE = REPO / "docker" / "Dockerfile"
IN_CI = os.environ.get("CI", "").lower() == "true"
PORTAL_SERVICES = ("web", "worker", "beat")
SERVICES = (*PORTAL_SERVICES, "postgres", "redis")


def compose_command() -> list[str] | None:
    """``docker compose`` if the plugin answers, else ``docker-compose``."""
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, timeout=30
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


@pytest.fixture(scope="module")
def compose() -> list[str]:
    command = compose_command()
    if command is None:
        message = "neither `docker compose` nor `docker-compose` is installed"
        if IN_CI:
            pytest.fail(f"{message}; `make test` installs docker-compose")
        pytest.skip(message)
    return command


def run_config(
    compose: list[str], tmp_path: Path, **environment: str
) -> subprocess.CompletedProcess[str]:
    secrets = tmp_path / "secrets"
    secrets.mkdir(exist_ok=True)
    for name in ("django_secret_key", "postgres_password"):
        (secrets / name).write_text("not-a-real-secret\n")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PORTAL_SECRETS_DIR": str(secrets),
        **environment,
    }
    return subprocess.run(
        [*compose, "-f", str(COMPOSE_FILE), "config"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config(compose: list[str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    result = run_config(
        compose,
        tmp_path_factory.mktemp("compose"),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_the_compose_file_has_web_worker_beat_postgres_and_redis(
    config: Any,
) -> None:
    assert set(SERVICES) <= set(config["services"])


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_a_health_check(config: Any, service: str) -> None:
    check = config["services"][service]["healthcheck"]

    assert check["test"][0] in ("CMD", "CMD-SHELL")
    assert len(check["test"]) > 1
    assert check["retries"] >= 1


@pytest.mark.parametrize(
    ("service", "mount"),
    [
        ("postgres", "/var/lib/postgresql/data"),
        ("redis", "/data"),
        ("web", "/app/media"),
        ("worker", "/app/media"),
        ("beat", "/app/var"),
    ],
)
def test_state_is_kept_in_named_volumes(config: Any, service: str, mount: str) -> None:
    volumes = config["services"][service]["volumes"]
    sources = {_volume_target(v): _volume_source(v) for v in volumes}

    assert sources[mount] in config["volumes"]


@pytest.mark.parametrize(
    ("service", "words"),
    [
        ("web", ["gunicorn", "portal.wsgi"]),
        ("worker", ["celery", "-A", "portal", "worker"]),
        ("beat", ["celery", "-A", "portal", "beat"]),
    ],
)
def test_the_services_run_the_portal_commands(
    config: Any, service: str, words: list[str]
) -> None:
    command = config["services"][service]["command"]

    assert command[0] == words[0]
    assert all(word in command for word in words)


@pytest.mark.parametrize("service", PORTAL_SERVICES)
def test_secrets_reach_the_portal_as_files_never_as_values(
    config: Any, service: str
) -> None:
    environment = config["services"][service]["environment"]
    secrets = {_secret_name(s) for s in config["services"][service]["secrets"]}

    assert "DJANGO_SECRET_KEY" not in environment
    assert "DATABASE_PASSWORD" not in environment
    assert environment["DJANGO_SECRET_KEY_FILE"] == "/run/secrets/django_secret_key"
    assert environment["DATABASE_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert secrets == {"django_secret_key", "postgres_password"}
    assert environment["PORTAL_MODE"] == "production"


def test_the_database_and_broker_are_on_an_internal_network_only(
    config: Any,
) -> None:
    assert config["networks"]["backend"]["internal"] is True
    for service in ("postgres", "redis"):
        assert set(config["services"][service]["networks"]) == {"backend"}
        assert "ports" not in config["services"][service]


def test_the_site_host_name_is_required(compose: list[str], tmp_path: Path) -> None:
    result = run_config(compose, tmp_path)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_the_image_runs_gunicorn_as_a_user_without_root() -> None:
    final_stage = DOCKERFILE.read_text().split("\nFROM ")[-1]
    lines = [line.strip() for line in final_stage.splitlines()]

    assert lines[0].startswith("python:3.11-slim")
    assert "USER portal" in lines
    assert 'CMD ["gunicorn", "--config", "docker/gunicorn.conf.py", "portal.wsgi"]' in (
        lines
    )


def test_the_build_context_leaves_out_secrets_and_local_state() -> None:
    ignored = (REPO / ".dockerignore").read_text().split()

    for entry in ("docker/secrets", ".git", ".venv", "node_modules", "var"):
        assert entry in ignored


def _volume_target(volume: Any) -> str:
    if isinstance(volume, dict):
        return str(volume["target"])
    return str(volume).split(":")[1]


def _volume_source(volume: Any) -> str:
    if isinstance(volume, dict):
        return str(volume["source"])
    return str(volume).split(":")[0]


def _secret_name(secret: Any) -> str:
    return str(secret["source"] if isinstance(secret, dict) else secret)
