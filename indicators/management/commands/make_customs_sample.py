from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.customs_sample import write_sample


class Command(BaseCommand):
    help = (
        "Write generated customs trade files in the national English-header "
        "layout, one per calendar year and direction, calibrated to the "
        "review's FY2000, FY2017 and FY2018 totals. The volumes are "
        "generated, not official statistics."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            default=Path(settings.VAR_DIR) / "customs",
            help="directory to write the files to (default: var/customs)",
        )
        parser.add_argument(
            "--from-year",
            type=int,
            default=2000,
            help="first calendar year to write (default 2000)",
        )
        parser.add_argument(
            "--to-year",
            type=int,
            default=2019,
            help="last calendar year to write (default 2019)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = options["from_year"], options["to_year"]
        if not 1996 <= first <= last:
            raise CommandError("years must run forward from 1996 at the earliest")

        report = write_sample(options["out"], first, last)
        self.stdout.write(
            f"wrote {len(report.paths)} files ({first}-{last}, exports and "
            f"imports, {report.rows} rows) to {options['out']} "
            f"in {report.seconds:.1f} s"
        )
