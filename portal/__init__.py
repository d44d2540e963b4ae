"""Project package: settings, URLs, the Celery app and site-wide templates."""

from portal.celery import app as celery_app

__all__ = ["celery_app"]
