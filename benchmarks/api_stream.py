"""Benchmark: stream N rows of a table as CSV through the API, against COPY.

    python benchmarks/api_stream.py [--table series|trade] [--rows N] [--keep]

Needs PostgreSQL. The rows go into their own database, ``BENCH_DATABASE_URL``
or else ``DATABASE_URL`` with ``_bench`` added to the database name; it is
created and migrated if missing and dropped at the end (``--keep`` keeps
it). N rows (default one million) are loaded with COPY into the table:

- ``series`` (the default): values of a benchmark-only indicator ``Z``,
  streamed by ``/api/v1/series-values/export/?indicator=Z``;
- ``trade``: monthly customs rows as the trade importer stores them
  (``benchmarks/trade_rows.py``), streamed by
  ``/api/v1/trade/monthly/export/``.

Each measurement runs in a child process, which reports its own peak
resident memory (``ru_maxrss``):

- ``api``: GET the export through Django's test client (URL routing,
  middleware, throttling, filters and the streamed CSV), reading the whole
  body;
- ``copy``: the baseline, PostgreSQL's ``COPY (same query) TO STDOUT WITH
  CSV`` read through psycopg, the fastest CSV the database itself makes;
- ``idle``: Django set up and nothing streamed, the memory floor.

The API stream is also run on a tenth of the rows: equal peaks for N/10
and N rows are what "flat memory" means. Output: rows per second of each,
the API's speed as a ratio of COPY's, and peak memory in MiB. Each line
also gives the CPU time of its own process (Python's side only: the
database's work is not in it), which varies less than the wall time on a
machine shared with other jobs.
"""

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

logger = logging.getLogger("benchmarks.api_stream")

DEFAULT_ROWS = 1_000_000
PERIODS_PER_SERIES = 1000
BENCH_INDICATOR = "Z"


@dataclass(frozen=True)
class Table:
    """What one mode streams, how its rows are loaded and what the export runs."""

    name: str
    noun: str
    url: str
    db_table: str
    load: Callable[[int], None]
    # The values_list query of the export, before the API writes it as CSV.
    export_rows: Callable[[], Any]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    table = TABLES[args.table]
    if args.child:
        return run_child(args.child, table)

    url = bench_database_url()
    os.environ["DATABASE_URL"] = url
    create_database(url)
    try:
        report(measure(table, args.rows), table)
    finally:
        if not args.keep:
            drop_database(url)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--table",
        choices=sorted(TABLES),
        default="series",
        help="series values or monthly trade rows (default series)",
    )
    parser.add_argument(
        "--rows", type=int, default=DEFAULT_ROWS, help="rows to load and stream"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the benchmark database"
    )
    parser.add_argument("--child", choices=["api", "copy", "idle"], help="internal")
    return parser.parse_args(argv)


def measure(table: Table, rows: int) -> dict[str, Any]:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    table.load(rows)
    results: dict[str, Any] = {"rows": rows, "load": time.monotonic() - started}
    vacuum()
    results["idle"] = child("idle", table)
    results["copy"] = child("copy", table)
    results["api"] = child("api", table)
    delete_rows_after(table, rows // 10)
    results["api_tenth"] = child("api", table)
    return results


def report(results: dict[str, Any], table: Table) -> None:
    api, copy, tenth = results["api"], results["copy"], results["api_tenth"]
    lines = [
        f"{table.url}: loaded {results['rows']:,} {table.noun} with COPY in "
        f"{results['load']:.1f} s",
        _line("COPY TO STDOUT (baseline)", copy),
        _line("API export, all rows", api),
        _line("API export, a tenth", tenth),
        f"API speed / COPY speed: {api['rows_per_s'] / copy['rows_per_s']:.2f}",
        f"peak memory: idle Django {results['idle']['peak_mib']:.0f} MiB; "
        f"API {tenth['peak_mib']:.0f} MiB for {tenth['rows']:,} rows, "
        f"{api['peak_mib']:.0f} MiB for {api['rows']:,} rows",
    ]
    print("\n".join(lines))


def _line(label: str, measured: dict[str, Any]) -> str:
    return (
        f"{label:<28} {measured['rows']:>10,} rows {measured['seconds']:7.1f} s "
        f"(CPU {measured['cpu_seconds']:5.1f} s) "
        f"{measured['rows_per_s']:>10,.0f} rows/s "
        f"{measured['mib']:8.1f} MiB out  peak {measured['peak_mib']:.0f} MiB"
    )


def child(mode: str, table: Table) -> dict[str, Any]:
    """Run one measurement in a fresh process and read its JSON line."""
    command = [sys.executable, __file__, "--child", mode, "--table", table.name]
    env = {**os.environ, "DJANGO_DEBUG": "0", "PORTAL_LOG_LEVEL": "WARNING"}
    finished = subprocess.run(
        command, env=env, check=True, capture_output=True, text=True
    )
    measured: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return measured


def run_child(mode: str, table: Table) -> int:
    setup_django()
    started, cpu_started = time.monotonic(), time.process_time()
    rows, sent = {"api": stream_api, "copy": stream_copy, "idle": idle}[mode](table)
    seconds = time.monotonic() - started
    cpu_seconds = time.process_time() - cpu_started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "rows_per_s": rows / seconds if seconds else 0.0,
                "mib": sent / 2**20,
                "peak_mib": peak_kib / 1024,
            }
        )
    )
    return 0


def stream_api(table: Table) -> tuple[int, int]:
    from django.test import Client

    response = Client().get(table.url, headers={"host": "localhost"})
    assert response.status_code == 200, response.status_code
    lines = sent = 0
    for chunk in response.streaming_content:  # type: ignore[attr-defined]
        lines += chunk.count(b"\r\n")
        sent += len(chunk)
    return lines - 1, sent


def stream_copy(table: Table) -> tuple[int, int]:
    from django.db import connection

    sql = f"COPY ({export_sql(table)}) TO STDOUT WITH (FORMAT csv, HEADER true)"
    lines = sent = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for block in copy:
            lines += bytes(block).count(b"\n")
            sent += len(block)
    return lines - 1, sent


def idle(table: Table) -> tuple[int, int]:
    from django.test import Client

    Client().get("/api/v1/", headers={"host": "localhost"})
    return 0, 0


def export_sql(table: Table) -> str:
    """The exact query the API export runs, with its parameters bound."""
    from django.db import connection

    sql, params = table.export_rows().query.sql_with_params()
    # compose_sql exists on the PostgreSQL backend only, which this needs.
    return str(connection.ops.compose_sql(sql, params))  # type: ignore[attr-defined]


def series_export_rows() -> Any:
    from indicators.api.filters import SeriesValueFilter
    from indicators.api.views import SERIES_VALUE_COLUMNS
    from indicators.models import SeriesValue

    values = SeriesValueFilter(
        {"indicator": BENCH_INDICATOR}, queryset=SeriesValue.objects.all()
    ).qs.order_by("period_end", "id")
    return values.values_list(*(c.lookup for c in SERIES_VALUE_COLUMNS))


def trade_export_rows() -> Any:
    from indicators.api.views_trade import MONTHLY_COLUMNS, TradeRowFilter, monthly_rows
    from indicators.models import TradeRow

    rows = monthly_rows(TradeRowFilter({}, queryset=TradeRow.objects.all()).qs)
    return rows.values_list(*(c.lookup for c in MONTHLY_COLUMNS))


def load_series_values(rows: int) -> None:
    """COPY ``rows`` values into series of indicator Z."""
    from django.db import connection, transaction

    with transaction.atomic():
        series_ids = create_series(-(-rows // PERIODS_PER_SERIES))
        columns = (
            "series_id, period, period_end, fiscal_year, position, value, "
            "complete, method, provenance, computed_at"
        )
        sql = f"COPY indicators_seriesvalue ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for number in range(rows):
                copy.write_row(value_row(series_ids, number))


def load_trade_rows(rows: int) -> None:
    from benchmarks.trade_rows import copy_trade_rows

    copy_trade_rows(rows)


def create_series(count: int) -> list[int]:
    from indicators.models import Indicator, Series

    indicator = Indicator.objects.create(
        code=BENCH_INDICATOR,
        name_ja="ベンチマーク",
        name_en="benchmark",
        kind=Indicator.Kind.MATERIAL_FLOW,
        unit="t",
        period_kind=Indicator.PeriodKind.FISCAL_YEAR,
        order=99,
    )
    created = Series.objects.bulk_create(
        Series(indicator=indicator, key=f"bench-{n:04d}", name_ja="系列", unit="t")
        for n in range(count)
    )
    return [s.pk for s in created]


NOW = datetime(2019, 6, 30, 3, 0, tzinfo=UTC)


def value_row(series_ids: list[int], number: int) -> tuple[Any, ...]:
    """One monthly value; every seventh is negative, as a net flow can be."""
    series_id = series_ids[number // PERIODS_PER_SERIES]
    month = number % PERIODS_PER_SERIES
    year, month_index = 1940 + month // 12, month % 12
    period_end = _month_end(year, month_index + 1)
    fiscal_year = year if month_index >= 3 else year - 1
    sign = -1 if number % 7 == 0 else 1
    value = f"{sign * (number % 100_000) * 1.25:.2f}"
    period = f"{year}-{month_index + 1:02d}"
    return (series_id, period, period_end, fiscal_year, None, value, True,
            "sum of monthly customs rows", "{}", NOW)  # fmt: skip


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(first_of_next.toordinal() - 1)


def delete_rows_after(table: Table, keep: int) -> None:
    """Keep the first ``keep`` rows loaded (in id order)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table.db_table} WHERE id > ("
            f" SELECT min(id) + %s - 1 FROM {table.db_table})",
            [keep],
        )
    vacuum()


def vacuum() -> None:
    """Fresh statistics and visibility maps, so no autovacuum runs mid-stream."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


SERIES = Table(
    "series",
    "series values",
    f"/api/v1/series-values/export/?indicator={BENCH_INDICATOR}",
    "indicators_seriesvalue",
    load_series_values,
    series_export_rows,
)
TRADE = Table(
    "trade",
    "trade rows",
    "/api/v1/trade/monthly/export/",
    "indicators_traderow",
    load_trade_rows,
    trade_export_rows,
)
TABLES = {table.name: table for table in (SERIES, TRADE)}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def bench_database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        base = os.environ.get("DATABASE_URL", "")
        parts = urlsplit(base)
        url = urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_bench"))
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("api_stream needs PostgreSQL: set BENCH_DATABASE_URL or DATABASE_URL")
    return url


def create_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with _maintenance_connection(url) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with _maintenance_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _maintenance_connection(url: str) -> Any:
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(maintenance, autocommit=True)


if __name__ == "__main__":
    sys.exit(main())
