"""Typed readers for settings taken from environment variables.

Each reader fails loudly with the variable's name when a value cannot be
understood, so a typo in a deployment is caught at start-up, not at the
first request that needs it. A secret may also be given as a path in
``NAME_FILE`` (the Docker secrets convention).
"""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """``NAME``, or the contents of the file named by ``NAME_FILE``.

    Setting both is refused: which one wins would be a guess, and a stale
    value left in the environment is how a rotated secret comes back.
    """
    file_path = os.environ.get(f"{name}_FILE")
    if not file_path:
        return os.environ.get(name, default)
    if name in os.environ:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    try:
        return Path(file_path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        message = f"{name}_FILE: cannot read {file_path}: {exc}"
        raise ImproperlyConfigured(message) from None


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        allowed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {allowed}")
    return value


# A request rate as DRF's throttles read it: a count, a slash and a period.
# DRF looks only at the period's first letter, so "10/fortnight" would pass
# as far as the first request and fail there; only these spellings pass.
_RATE = re.compile(r"([1-9][0-9]*)/(s|sec|second|m|min|minute|h|hour|d|day)")


def env_rate(name: str, default: str) -> str:
    """A throttle rate such as ``600/hour`` (count per second/minute/hour/day)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not _RATE.fullmatch(value):
        message = (
            f"{name}={raw!r} is not a rate: give requests per period, such as "
            "600/hour (periods: second, minute, hour, day)"
        )
        raise ImproperlyConfigured(message)
    return value
