import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import AssessmentRun
from indicators.table import (
    latest_run,
    stored_table,
    table_as_of,
    table_to_csv,
    table_to_json,
    table_to_text,
)


class Command(BaseCommand):
    help = (
        "Print the assessment table. Without --as-of: the assessment published "
        "last (--draft: the newest recompute's, published or not). With "
        "--as-of: the series as they stood on that date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of", type=date.fromisoformat, help="assess as of YYYY-MM-DD"
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="show the newest recompute's run even if it is not published",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json", "csv"],
            default="text",
            help="output format (default text)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["as_of"]:
            table = table_as_of(options["as_of"])
        else:
            table = stored_table(self._run(options["draft"]))
        output = options["format"]
        if output == "json":
            self.stdout.write(
                json.dumps(table_to_json(table), ensure_ascii=False, indent=2)
            )
        elif output == "csv":
            self.stdout.write(table_to_csv(table), ending="")
        else:
            self.stdout.write(table_to_text(table), ending="")

    def _run(self, draft: bool) -> AssessmentRun:
        run = latest_run(drafts=draft)
        if run is not None:
            return run
        if latest_run(drafts=True) is None:
            raise CommandError("no stored assessment; run `manage.py recompute --sync`")
        raise CommandError(
            "no published assessment; publish a run in the admin, "
            "or use --draft for the newest recompute"
        )
