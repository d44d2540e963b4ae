from typing import Any

from django.core.management.base import BaseCommand

from indicators.reference_data import load_all_reference_data


class Command(BaseCommand):
    help = (
        "Load the shipped reference data (indicator catalogue, countries, "
        "municipalities, commodity classification). Adds missing rows only; "
        "never overwrites staff edits and never loads records."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_all_reference_data()
        parts = ", ".join(f"{name} +{count}" for name, count in added.items())
        self.stdout.write(f"reference data loaded: {parts}")
