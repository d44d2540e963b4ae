"""The database connection cut during a big import: nothing is half-written.

An import of 1,500 memberships runs in a thread; at a chosen point it
waits while the test ends its connection from another one with
``pg_terminate_backend``. The import must fail with the database's error
(the command: a CommandError saying nothing was written) and leave no
membership, history, import record, trace or stored file behind.
"""

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from indicators import import_log
from indicators.importing import import_bytes
from indicators.models import Country, DataImport, ImportedChange, Membership
from indicators.resources_cooperation import MembershipResource

pytestmark = [
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

FRAMEWORKS = ("MOU", "JCM", "ACCP")


def big_file(rows: int = 1500) -> bytes:
    """Distinct one-year spells of every country in every framework."""
    lines = ["country,framework,joined_on,left_on"]
    countries = list(
        Country.objects.order_by("alpha2").values_list("alpha2", flat=True)
    )
    year = 2000
    while len(lines) <= rows:
        for alpha2 in countries:
            for framework in FRAMEWORKS:
                lines.append(f"{alpha2},{framework},{year}-04-01,{year + 1}-03-31")
        year += 1
    return ("\n".join(lines[: rows + 1]) + "\n").encode()


class Cut:
    """Holds the importing thread at a point until its connection is ended."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.done = threading.Event()
        self.backend_pid: int | None = None

    def hold(self) -> None:
        self.backend_pid = connection.connection.info.backend_pid
        self.reached.set()
        assert self.done.wait(15)


def terminate(cut: Cut) -> None:
    assert cut.reached.wait(30), "the import never reached the cut"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [cut.backend_pid])
        assert cursor.fetchone() == (True,)
    cut.done.set()


def import_in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # reported to the test below
            outcome.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def hold_at_row(cut: Cut, monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    original = MembershipResource.after_import_row

    def after_import_row(self: Any, row: Any, row_result: Any, **kwargs: Any) -> None:
        original(self, row, row_result, **kwargs)
        if row.get("__row__") == number:
            cut.hold()

    monkeypatch.setattr(MembershipResource, "after_import_row", after_import_row)


def hold_after_storing_the_file(cut: Cut, monkeypatch: pytest.MonkeyPatch) -> None:
    original = import_log.link_changes

    def link_changes(record: DataImport, trace: Any) -> int:
        cut.hold()
        return original(record, trace)

    monkeypatch.setattr(import_log, "link_changes", link_changes)


def nothing_written() -> dict[str, int]:
    stored = Path(settings.MEDIA_ROOT)
    return {
        "memberships": Membership.objects.count(),
        "history": Membership.history.count(),
        "imports": DataImport.objects.count(),
        "traces": ImportedChange.objects.count(),
        "files": sum(1 for p in stored.rglob("*") if p.is_file())
        if stored.exists()
        else 0,
    }


NONE = {"memberships": 0, "history": 0, "imports": 0, "traces": 0, "files": 0}


@pytest.mark.parametrize(
    "where", ["while rows are written", "after the file is stored"]
)
def test_a_connection_ended_mid_import_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    cut = Cut()
    if where == "while rows are written":
        hold_at_row(cut, monkeypatch, 400)
    else:
        hold_after_storing_the_file(cut, monkeypatch)
    content = big_file()

    thread, outcome = import_in_thread(
        lambda: import_bytes("memberships", content, "big.csv")
    )
    terminate(cut)
    thread.join(30)

    assert not thread.is_alive()
    assert isinstance(outcome[0], DatabaseError), outcome[0]
    assert nothing_written() == NONE


def test_the_command_says_nothing_was_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cut = Cut()
    hold_at_row(cut, monkeypatch, 200)
    path = tmp_path / "big.csv"
    path.write_bytes(big_file(600))

    thread, outcome = import_in_thread(
        lambda: call_command("import_records", "memberships", str(path))
    )
    terminate(cut)
    thread.join(30)

    assert isinstance(outcome[0], CommandError)
    assert "nothing was written" in str(outcome[0])
    assert nothing_written() == NONE
    # The portal works on with a fresh connection: the same file now imports.
    call_command("import_records", "memberships", str(path))
    assert Membership.objects.count() == 600
    assert date(2000, 4, 1) in set(
        Membership.objects.values_list("joined_on", flat=True)
    )
