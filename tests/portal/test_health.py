"""``/healthz`` for load balancers and the container health check."""

import pytest
from django.db import DatabaseError
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from portal import health

pytestmark = pytest.mark.django_db


def test_the_health_endpoint_answers_ok_with_one_query(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_the_health_endpoint_answers_503_when_the_database_does_not(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    class DownConnection:
        def cursor(self) -> None:
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", DownConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"
