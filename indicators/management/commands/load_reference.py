from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from indicators.management.dry_run import add_dry_run, rolled_back_if
from indicators.reference_data import load_all_reference_data


class Command(BaseCommand):
    help = (
        "Load the shipped reference data (indicator catalogue, countries, "
        "municipalities, commodity classification). Adds missing rows only; "
        "never overwrites staff edits and never loads records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_dry_run(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with rolled_back_if(options["dry_run"]):
            added = load_all_reference_data()
        parts = ", ".join(f"{name} +{count}" for name, count in added.items())
        mode = " (dry run: nothing written)" if options["dry_run"] else ""
        self.stdout.write(f"reference data loaded: {parts}{mode}")
