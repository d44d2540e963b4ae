from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from indicators.importing import IMPORT_KINDS, ImportRejected, import_path
from indicators.spreadsheets import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Import a CSV or XLSX file of records. The whole file is checked first; "
        "any error is reported with its row and column and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = sorted(IMPORT_KINDS)
        parser.add_argument("kind", choices=kinds, help="what the file holds")
        parser.add_argument("path", type=Path, help="CSV (UTF-8 or CP932) or XLSX file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        parser.add_argument(
            "--fiscal-year",
            help="fiscal year of a survey file (2017, FY2017, 平成29年度 ...)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        extra = (
            {"fiscal_year": options["fiscal_year"]} if options["fiscal_year"] else {}
        )
        try:
            report = import_path(
                options["kind"], path, dry_run=options["dry_run"], **extra
            )
        except ImportRejected as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path.name}: {len(exc.problems)} errors; nothing was written"
            ) from None
        except (SpreadsheetError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        except DatabaseError as exc:
            raise CommandError(
                f"{path.name}: the database failed during the import ({exc}); "
                "nothing was written"
            ) from None
        for note in report.notes:
            self.stdout.write(note)
        if report.data_import is not None:
            self.stdout.write(f"recorded as import #{report.data_import.pk}")
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(report.summary())
