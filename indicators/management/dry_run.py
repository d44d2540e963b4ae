"""``--dry-run`` for commands that write: do all the work, then roll it back."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandParser
from django.db import transaction

DRY_RUN_HELP = "do everything and report, then roll back: nothing is written"


def add_dry_run(parser: CommandParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)


@contextmanager
def rolled_back_if(dry_run: bool) -> Iterator[None]:
    """One transaction rolled back at the end, for a dry run only.

    A real run is left alone: its steps commit as they go, so locks are seen
    by other processes and recomputes queued by imports run in their order.
    """
    if not dry_run:
        yield
        return
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
