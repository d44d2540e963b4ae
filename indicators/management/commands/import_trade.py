import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from indicators.models import TradeFile
from indicators.models.trade import Revision
from indicators.tasks import request_recompute
from indicators.trade_import import (
    TradeImportRejected,
    TradeSource,
    import_trade_files,
    reread_trade_files,
)


class Command(BaseCommand):
    help = (
        "Import customs trade statistics files (national or port level, "
        "English or Japanese headers, or the long monthly layout; UTF-8 or "
        "CP932). All files are one import: any error is reported with its "
        "file and row and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, metavar="PATH", help="customs CSV files"
        )
        parser.add_argument(
            "--reread",
            action="store_true",
            help="instead of new files, read every loaded file again from its "
            "kept copy with the current classification (after mapping new codes)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        parser.add_argument(
            "--revision",
            choices=[r.value for r in Revision],
            default=Revision.CONFIRMED.value,
            help="provisional (速報) or confirmed (確報) figures (default confirmed)",
        )
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="queue a recompute of the series once the files have landed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["paths"]
        if bool(paths) == options["reread"]:
            raise CommandError("give customs files, or --reread without files")
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        total = sum(p.stat().st_size for p in paths)
        if options["reread"]:
            total = sum(f.size_bytes for f in TradeFile.objects.all())
        with tqdm(
            total=total,
            unit="B",
            unit_scale=True,
            disable=not sys.stderr.isatty(),
            desc="import_trade",
        ) as bar:
            report = self._import(paths, options, bar.update)
        for warning in report.warnings():
            self.stderr.write(f"warning: {warning}")
        if options["recompute"] and report.changed and not options["dry_run"]:
            request_recompute()
        self.stdout.write(report.summary())

    def _import(self, paths: list[Path], options: dict[str, Any], progress: Any) -> Any:
        try:
            if options["reread"]:
                return reread_trade_files(
                    list(TradeFile.objects.all()), on_progress=progress
                )
            return import_trade_files(
                [TradeSource(path) for path in paths],
                revision=options["revision"],
                dry_run=options["dry_run"],
                on_progress=progress,
            )
        except TradeImportRejected as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            more = f" (and {exc.unlisted} more)" if exc.unlisted else ""
            raise CommandError(
                f"{len(exc.problems)} errors{more}; nothing was written"
            ) from None
