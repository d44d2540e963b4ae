from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from indicators.locks import job_lock
from indicators.management.dry_run import add_dry_run, rolled_back_if
from indicators.publication import publish_if_changed
from indicators.recompute import recompute_all
from indicators.sample import SAMPLE_AS_OF, SAMPLE_LOADERS, apply_sample_texts
from indicators.tasks import RECOMPUTE_LOCK

LOCK_WAIT = timedelta(minutes=5)
SAMPLE_NOTE = "同梱のデータ（2019年6月30日時点）による評価"


class Command(BaseCommand):
    help = (
        "Load the bundled data set (the one `make run` shows) through the "
        "ordinary importers, then recompute the assessment as of its date "
        "and publish it (unless the same assessment is already published)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-recompute", action="store_true", help="load only, do not recompute"
        )
        add_dry_run(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with rolled_back_if(options["dry_run"]):
            self.load(recompute=not options["no_recompute"])
        if options["dry_run"]:
            self.stdout.write("dry run: everything above was rolled back")

    def load(self, *, recompute: bool) -> None:
        for name, loader in SAMPLE_LOADERS:
            self.stdout.write(f"{name}: {loader()}")
        if recompute:
            # A worker may be running the recompute an import asked for.
            with job_lock(RECOMPUTE_LOCK, wait=LOCK_WAIT):
                run = recompute_all(SAMPLE_AS_OF)
            filled = apply_sample_texts(run)
            published = publish_if_changed(run, None, SAMPLE_NOTE)
            self.stdout.write(
                f"assessment recomputed as of {run.as_of}; "
                f"staff text filled for {filled} indicators; "
                + ("published" if published else "same as the published one")
            )
