from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.locks import LockBusy, job_lock
from indicators.management.dry_run import add_dry_run, rolled_back_if
from indicators.recompute import recompute_all
from indicators.tasks import BROKER_ERRORS, RECOMPUTE_LOCK, recompute


class Command(BaseCommand):
    help = "Rebuild every stored series and assessment (queued to Celery by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sync", action="store_true", help="run in this process and wait for it"
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            help="assessment date, YYYY-MM-DD (default: today in Japan)",
        )
        add_dry_run(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of: date | None = options["as_of"]
        if not options["sync"] and not options["dry_run"]:
            try:
                result = recompute.delay(as_of.isoformat() if as_of else None)
            except BROKER_ERRORS as exc:
                raise CommandError(
                    f"the task broker is unreachable ({exc}); run with --sync"
                ) from None
            self.stdout.write(f"recompute queued (task {result.id})")
            return
        from django.utils import timezone

        day = as_of or timezone.localdate()
        try:
            # The lock first, committed where other processes see it; a
            # dry run's transaction only holds the recompute.
            with job_lock(RECOMPUTE_LOCK), rolled_back_if(options["dry_run"]):
                run = recompute_all(day)
                count = run.indicators.count()
        except LockBusy:
            raise CommandError(
                "another recompute is running; try again later"
            ) from None
        mode = " (dry run: nothing written)" if options["dry_run"] else ""
        self.stdout.write(f"recomputed {count} indicators as of {run.as_of}{mode}")
