"""Fixtures of the API tests: clients, staff tokens, and a clean throttle."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories_api import UserFactory


@pytest.fixture(autouse=True)
def fresh_throttle() -> Iterator[None]:
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def token_client(**user_fields: object) -> APIClient:
    user = UserFactory.create(**user_fields)
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def staff_writer(db: None) -> APIClient:
    """A staff member's token allowed to add, change and delete reference values."""
    codenames = [f"{verb}_referencevalue" for verb in ("add", "change", "delete")]
    return token_client(username="writer", is_staff=True, permissions=codenames)
