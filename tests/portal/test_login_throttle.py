"""Login throttling: too many wrong passwords lock one account from one address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone

from portal.client_address import forwarded_client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LIMIT = 5  # settings.AXES_FAILURE_LIMIT, unless PORTAL_LOGIN_FAILURE_LIMIT is set


@pytest.fixture
def staff() -> User:
    return User.objects.create_user(
        username="kanri", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client: Client, password: str, address: str = "192.0.2.10") -> int:
    response = client.post(
        "/admin/login/",
        {"username": "kanri", "password": password},
        REMOTE_ADDR=address,
    )
    return response.status_code


def fail(client: Client, times: int, address: str = "192.0.2.10") -> None:
    for _ in range(times):
        assert log_in(client, "wrong password", address) == 200


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_right_password_logs_in(client: Client, staff: User) -> None:
    assert log_in(client, PASSWORD) == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_after_five_wrong_passwords_even_the_right_one_is_refused(
    client: Client, staff: User
) -> None:
    fail(client, LIMIT - 1)
    assert log_in(client, "wrong password") == 429

    response = client.post(
        "/admin/login/",
        {"username": "kanri", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 429
    assert "ログインを一時停止しました" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_same_account_from_another_address_is_not_locked(
    client: Client, staff: User
) -> None:
    fail(client, LIMIT - 1)
    log_in(client, "wrong password")

    assert log_in(Client(), PASSWORD, address="198.51.100.7") == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_lock_ends_after_the_cool_off(client: Client, staff: User) -> None:
    fail(client, LIMIT - 1)
    log_in(client, "wrong password")
    sixteen_minutes_ago = timezone.now() - timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=sixteen_minutes_ago)

    assert log_in(client, PASSWORD) == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_successful_login_clears_the_failures(client: Client, staff: User) -> None:
    fail(client, LIMIT - 1)
    assert log_in(client, PASSWORD) == 302
    client.logout()

    fail(client, LIMIT - 1)

    assert log_in(client, PASSWORD) == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT, PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_comes_from_x_forwarded_for(
    client: Client, staff: User
) -> None:
    # Every request reaches gunicorn from the proxy at 10.0.0.2; the client
    # prepends a made-up address, which must not count.
    def through_proxy(client_address: str, password: str) -> int:
        response = client.post(
            "/admin/login/",
            {"username": "kanri", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"203.0.113.99, {client_address}",
        )
        return response.status_code

    for _ in range(LIMIT - 1):
        through_proxy("192.0.2.10", "wrong password")
    assert through_proxy("192.0.2.10", "wrong password") == 429

    assert through_proxy("198.51.100.7", PASSWORD) == 302
    assert AccessAttempt.objects.get().ip_address == "192.0.2.10"


def test_logging_in_without_a_request_still_works_for_tests_and_scripts(
    client: Client, staff: User
) -> None:
    assert client.login(username="kanri", password=PASSWORD) is True


def test_the_admin_lists_the_failed_attempts(client: Client, staff: User) -> None:
    fail(client, 2)
    client.force_login(staff)

    response = client.get("/admin/axes/accessattempt/")

    assert response.status_code == 200
    assert "192.0.2.10" in response.content.decode()


@pytest.mark.parametrize(
    ("forwarded_for", "proxies", "expected"),
    [
        ("192.0.2.10", 1, "192.0.2.10"),
        ("203.0.113.99, 192.0.2.10", 1, "192.0.2.10"),
        ("192.0.2.10, 10.0.0.2", 2, "192.0.2.10"),
        ("192.0.2.10", 2, None),
        ("192.0.2.10", 0, None),
        ("", 1, None),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(
    forwarded_for: str, proxies: int, expected: str | None
) -> None:
    assert forwarded_client(forwarded_for, proxies) == expected
