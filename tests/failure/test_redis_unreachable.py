"""Redis unreachable: the site keeps working, and recomputing resumes when it is back.

A data change queues a recompute after it commits. With Redis down the
change must still be saved and the page answered; the lost request is
logged, and the next recompute (scheduled, or queued by the next change)
rebuilds everything, the change made during the outage included.
"""

import logging
import time
import uuid
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indicators.models import AssessmentRun, Country, Membership, SeriesAssessment
from tests.failure.servers import (
    TcpProxy,
    celery_app_at,
    celery_worker,
    free_port,
    own_redis_keys,
    redis_test_url,
    redis_via,
    wait_for,
    worker_database_url,
)

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("reference_data")]

NOT_QUEUED = "recompute not queued"


def add_membership(client: Client, alpha2: str, framework: str, joined: date) -> int:
    country = Country.objects.get(alpha2=alpha2)
    answer = client.post(
        reverse("admin:indicators_membership_add"),
        {
            "country": country.pk,
            "framework": framework,
            "joined_on": joined.isoformat(),
            "left_on": "",
            "note": "",
        },
    )
    return answer.status_code


def test_pages_and_the_admin_work_while_redis_is_closed(
    admin_client: Client,
    client: Client,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    closed = redis_via(free_port())
    caplog.set_level(logging.WARNING, logger="indicators.tasks")

    with celery_app_at(closed, f"failure-{uuid.uuid4().hex}"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as queued:
            saved = add_membership(admin_client, "MN", "JCM", date(2013, 1, 8))
        seconds = time.monotonic() - started
        listing = admin_client.get(reverse("admin:indicators_membership_changelist"))
        overview = client.get("/")
        indicator = client.get("/indicators/D/")

    assert (saved, len(queued)) == (302, 1)
    assert Membership.objects.filter(country__alpha2="MN").exists()
    assert NOT_QUEUED in caplog.text
    assert seconds < 10
    assert [listing.status_code, overview.status_code, indicator.status_code] == [
        200,
        200,
        200,
    ]


def test_the_recompute_command_says_the_broker_is_down_instead_of_a_traceback() -> None:
    from django.core.management import CommandError, call_command

    with (
        celery_app_at(redis_via(free_port()), "failure-unused"),
        pytest.raises(CommandError, match="--sync"),
    ):
        call_command("recompute")


@pytest.mark.django_db(transaction=True)
def test_a_change_made_while_redis_was_cut_is_in_the_recompute_after_it_is_back(
    admin_client: Client,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="indicators.tasks")
    redis_address = urlsplit(redis_test_url())
    proxy = TcpProxy(redis_address.hostname or "127.0.0.1", redis_address.port or 6379)
    proxy.start()
    queue = f"failure-{uuid.uuid4().hex}"
    broker = redis_via(proxy.port)
    database_url = worker_database_url()

    with own_redis_keys(), celery_app_at(broker, queue):
        proxy.cut()
        during = add_membership(admin_client, "MN", "JCM", date(2013, 1, 8))
        assert NOT_QUEUED in caplog.text
        proxy.restore()
        with celery_worker(broker, queue, database_url):
            after = add_membership(admin_client, "VN", "MOU", date(2014, 3, 18))
            ran = wait_for(AssessmentRun.objects.exists, seconds=25)
        proxy.cut()

    assert (during, after) == (302, 302)
    assert ran, "the worker did not run the recompute queued after Redis came back"
    run = AssessmentRun.objects.get()
    assert run.as_of == timezone.localdate()
    countries = SeriesAssessment.objects.get(
        indicator_assessment__run=run, series__key="total"
    )
    # Mongolia (added while Redis was cut) and Viet Nam are both counted.
    assert countries.latest_value == 2
