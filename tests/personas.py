"""One user per staff role, plus a staff user in no group, for permission tests.

Import the ``personas`` fixture into a test module to use it; the groups
come from the real ``load_roles`` loader.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from indicators.roles import ADMINISTRATORS, DATA_ENTRY, REVIEWERS, load_roles


@dataclass
class Personas:
    data_entry: User
    reviewer: User
    administrator: User
    staff_without_groups: User

    def client(self, user: User | None) -> Client:
        """A logged-in client; ``None`` stays anonymous."""
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


def staff_user(username: str, group: str | None = None) -> User:
    # No password: hashing one costs a quarter of a second per user.
    user = User.objects.create_user(username, is_staff=True)
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def personas(db: None) -> Personas:
    load_roles()
    return Personas(
        data_entry=staff_user("entry", DATA_ENTRY),
        reviewer=staff_user("reviewer", REVIEWERS),
        administrator=staff_user("administrator", ADMINISTRATORS),
        staff_without_groups=staff_user("staff"),
    )
