from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from indicators.locks import job_lock
from indicators.recompute import recompute_all
from indicators.sample import SAMPLE_AS_OF, SAMPLE_LOADERS, apply_sample_texts
from indicators.tasks import RECOMPUTE_LOCK


class Command(BaseCommand):
    help = (
        "Load the bundled data set (the one `make run` shows) through the "
        "ordinary importers, then recompute the assessment as of its date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-recompute", action="store_true", help="load only, do not recompute"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, loader in SAMPLE_LOADERS:
            self.stdout.write(f"{name}: {loader()}")
        if not options["no_recompute"]:
            with job_lock(RECOMPUTE_LOCK):
                run = recompute_all(SAMPLE_AS_OF)
            filled = apply_sample_texts(run)
            self.stdout.write(
                f"assessment recomputed as of {run.as_of}; "
                f"staff text filled for {filled} indicators"
            )
