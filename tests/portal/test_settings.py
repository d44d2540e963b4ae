"""Production settings, checked in a fresh process as a deployment starts them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OWN_PREFIXES = ("DJANGO_", "PORTAL_", "DATABASE_")


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_PREFIXES)}
    key_file = tmp_path / "django_secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    env.update(
        PORTAL_MODE="production",
        PORTAL_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SECRET_KEY_FILE=str(key_file),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v != ""}


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings(
    tmp_path: Path,
) -> None:
    result = manage(
        production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_check_deploy_reports_debug_left_on_in_production(tmp_path: Path) -> None:
    env = production_env(tmp_path, DJANGO_DEBUG="true")

    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path, DJANGO_SECRET_KEY_FILE="")

    result = manage(env, "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    env = production_env(tmp_path, DJANGO_ALLOWED_HOSTS="")

    result = manage(env, "check")

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is required in production" in result.stderr


def test_a_bad_setting_value_stops_start_up_with_its_name(tmp_path: Path) -> None:
    env = production_env(tmp_path, PORTAL_UPLOAD_MAX_BYTES="200MB")

    result = manage(env, "check")

    assert result.returncode != 0
    assert "PORTAL_UPLOAD_MAX_BYTES='200MB' is not an integer" in result.stderr


def test_production_refuses_to_start_with_the_development_key(
    tmp_path: Path,
) -> None:
    public_key = "development-only-key-never-used-in-production-0123456789abcdef"
    env = production_env(
        tmp_path, DJANGO_SECRET_KEY_FILE="", DJANGO_SECRET_KEY=public_key
    )

    result = manage(env, "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is the development key" in result.stderr


@pytest.mark.parametrize(
    ("name", "raw"),
    [("PORTAL_API_ANON_RATE", "lots"), ("PORTAL_API_USER_RATE", "10/fortnight")],
)
def test_a_throttle_rate_that_is_no_rate_stops_start_up(
    tmp_path: Path, name: str, raw: str
) -> None:
    result = manage(production_env(tmp_path, **{name: raw}), "check")

    assert result.returncode != 0
    assert f"{name}={raw!r} is not a rate" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SESSION_COOKIE_SECURE", "True"),
        ("CSRF_COOKIE_SECURE", "True"),
        ("LANGUAGE_COOKIE_SECURE", "True"),
        ("SECURE_HSTS_SECONDS", "31536000"),
        ("SECURE_SSL_REDIRECT", "True"),
        ("DEBUG", "False"),
    ],
)
def test_production_turns_on_the_protections(
    tmp_path: Path, name: str, expected: str
) -> None:
    code = f"from django.conf import settings; print(settings.{name})"

    result = manage(production_env(tmp_path), "shell", "--no-imports", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_the_database_password_comes_from_its_own_file(tmp_path: Path) -> None:
    password = tmp_path / "postgres_password"
    password.write_text("pg-pass-from-file\n")
    env = production_env(
        tmp_path,
        DATABASE_URL="postgres://portal@db.invalid:5432/portal",
        DATABASE_PASSWORD_FILE=str(password),
    )
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['USER'], d['PASSWORD'], d['HOST'], d['NAME'])"
    )

    result = manage(env, "shell", "--no-imports", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "portal",
        "pg-pass-from-file",
        "db.invalid",
        "portal",
    ]


def test_no_secret_is_committed_to_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    suspicious = [
        path
        for path in tracked
        if path.startswith("docker/secrets/")
        or Path(path).name in (".env", "django_secret_key", "postgres_password")
        or Path(path).suffix in (".pem", ".key")
    ]

    assert suspicious == []
