"""Shared fixtures: in-process Celery by default, and the server marker.

Tests marked ``server`` need the real PostgreSQL or Redis. They are skipped
on a developer machine without them, and never skipped under ``CI=true``:
there a missing server is a failure.
"""

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation

from portal.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if IN_CI:
        return
    missing = []
    if not settings.CELERY_BROKER_URL:
        missing.append("CELERY_BROKER_URL")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.append("DATABASE_URL (PostgreSQL)")
    if not missing:
        return
    skip = pytest.mark.skip(
        reason=f"needs {', '.join(missing)}; set them or run .ci/run"
    )
    for item in items:
        if "server" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def eager_celery() -> Iterator[None]:
    """Tasks run in-process unless a test starts a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in Japanese, the portal's default: a request for an
    English page leaves English active in the thread that served it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def reference_data(db: None) -> None:
    from indicators.reference_data import load_all_reference_data

    load_all_reference_data()


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Pages cache their aggregates; no test sees another test's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Imports keep their files; each test keeps them in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
