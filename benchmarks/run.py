"""``make bench``: time ``import_trade`` on a full-year file against COPY.

Steps: write (once, then reuse) a national customs file of a million wide
rows across all HS chapters; time PostgreSQL ``COPY`` of the same file into
an unindexed table, the baseline; then run ``manage.py import_trade`` on it
against the same database (migrated, flushed and given its reference data
first) and on a file a tenth the size, to see that memory stays flat.

Each load runs as a child process, so that its peak resident memory is its
own (``os.wait4``). The database comes from ``DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/portal_bench``) and is created when it
does not exist. Exits non-zero when the import is more than three times
slower than the baseline, or its memory grows with the file.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from benchmarks.bench_file import write_bench_file
from benchmarks.copy_baseline import settle

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
# Bump when the bench file's content changes, so a cached file is rewritten.
FILE_VERSION = 1
RATIO_LIMIT = 3.0
# Ten times the rows may cost at most this much more peak memory.
FLAT_MEMORY_FACTOR = 1.5


@dataclass(frozen=True)
class Measured:
    """A finished child process: exit code, wall time, peak memory, output."""

    returncode: int
    seconds: float
    max_rss_mib: float
    stdout: str


def run_measured(args: list[str], env: dict[str, str], capture: bool) -> Measured:
    """Run a child and wait for it alone, so its rusage is its own."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        target = output if capture else None
        child = subprocess.Popen(args, env=env, cwd=ROOT, stdout=target, stderr=target)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)

        output.seek(0)
        return Measured(
            child.returncode, seconds, usage.ru_maxrss / 1024, output.read()
        )


def ensure_database(database_url: str) -> None:
    """Create the benchmark database on its server when it is missing."""
    name = str(conninfo_to_dict(database_url).get("dbname", ""))
    server = make_conninfo(database_url, dbname="postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )
            print(f"created database {name}")


def prepared_file(rows: int) -> Path:
    """The bench file for this many rows, written on first use only."""
    path = BENCH_DIR / f"customs_national_{rows}_rows_v{FILE_VERSION}.csv"
    if path.exists():
        return path

    written = write_bench_file(path, rows)
    print(
        f"wrote {path.relative_to(ROOT)}: {written.rows:,} rows "
        f"({written.classified_rows:,} classified) in {written.seconds:.1f} s"
    )
    return path


def child_env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url}


def manage(env: dict[str, str], *args: str, capture: bool = True) -> Measured:
    return run_measured([sys.executable, "manage.py", *args], env, capture)


def manage_or_stop(env: dict[str, str], *args: str) -> None:
    finished = manage(env, *args)
    if finished.returncode:
        print(finished.stdout)
        raise SystemExit(f"manage.py {args[0]} failed on the bench database")


def measure_baseline(
    database_url: str, path: Path, repeat: int
) -> tuple[dict, Measured]:
    """The fastest of ``repeat`` COPY loads, each in its own process."""
    args = [sys.executable, "-m", "benchmarks.copy_baseline", database_url]
    runs = []
    for _ in range(repeat):
        measured = run_measured([*args, str(path)], child_env(database_url), True)
        if measured.returncode:
            print(measured.stdout)
            raise SystemExit("the COPY baseline failed")
        runs.append((json.loads(measured.stdout.splitlines()[-1]), measured))
    return min(runs, key=lambda run: run[0]["seconds"])


def measure_import(env: dict[str, str], path: Path, repeat: int) -> Measured:
    """The fastest of ``repeat`` imports, each into a clean database."""
    runs = []
    for _ in range(repeat):
        manage_or_stop(env, "migrate", "--no-input", "-v", "0")
        manage_or_stop(env, "flush", "--no-input")
        manage_or_stop(env, "load_reference")
        settle(env["DATABASE_URL"])
        runs.append(manage(env, "import_trade", str(path), capture=False))
    return min(runs, key=lambda run: (run.returncode, run.seconds))


def rate(rows: int, seconds: float) -> str:
    return f"{seconds:7.2f} s {rows / seconds:>10,.0f} rows/s"


def report_baseline(path: Path, timing: dict, measured: Measured) -> None:
    size_mb = path.stat().st_size / 1e6
    print(f"file: {path.relative_to(ROOT)} ({timing['rows']:,} rows, {size_mb:.0f} MB)")
    print(
        f"baseline COPY into an unindexed table: "
        f"{rate(timing['rows'], timing['seconds'])}, "
        f"peak RSS {measured.max_rss_mib:.0f} MiB, "
        f"Python heap peak {timing['python_peak_bytes'] / 2**20:.1f} MiB"
    )


@dataclass(frozen=True)
class BenchOptions:
    database_url: str
    rows: int
    repeat: int


def parse_options(argv: list[str]) -> BenchOptions:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="rows of the bench file"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="load each way this many times and keep the fastest (default 3)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_URL,
        help="PostgreSQL database to load into (default: $DATABASE_URL or "
        "the local portal_bench)",
    )
    args = parser.parse_args(argv)
    return BenchOptions(args.database_url, args.rows, max(1, args.repeat))


def main(argv: list[str]) -> int:
    options = parse_options(argv)
    ensure_database(options.database_url)
    path = prepared_file(options.rows)

    timing, copy_run = measure_baseline(options.database_url, path, options.repeat)
    report_baseline(path, timing, copy_run)
    return compare_import(options, path, timing)


def compare_import(options: BenchOptions, path: Path, timing: dict) -> int:
    """Time import_trade where this checkout has it; 0 when within limits."""
    env = child_env(options.database_url)
    startup = manage(env, "help", "import_trade")
    if startup.returncode:
        print(
            "import_trade is not available in this checkout: only the COPY "
            "baseline was measured."
        )
        return 0

    full = measure_import(env, path, options.repeat)
    if full.returncode:
        print("import_trade failed on the bench file")
        return 1
    ratio = full.seconds / timing["seconds"]
    print(
        f"import_trade: {rate(timing['rows'], full.seconds)}, "
        f"peak RSS {full.max_rss_mib:.0f} MiB "
        f"(about {startup.seconds:.1f} s of it is Django start-up)"
    )
    print(f"ratio import_trade / COPY: {ratio:.2f}x (goal 1x, limit {RATIO_LIMIT}x)")
    flat = memory_is_flat(env, full, timing["rows"] // 10)
    return 0 if ratio <= RATIO_LIMIT and flat else 1


def memory_is_flat(env: dict[str, str], full: Measured, rows: int) -> bool:
    """Peak memory of a file a tenth the size, against the full file's."""
    small = measure_import(env, prepared_file(rows), repeat=1)
    flat = full.max_rss_mib <= FLAT_MEMORY_FACTOR * small.max_rss_mib
    print(
        f"peak RSS: {small.max_rss_mib:.0f} MiB for {rows:,} rows, "
        f"{full.max_rss_mib:.0f} MiB for ten times as many: "
        f"{'flat' if flat else 'grows with the file'}"
    )
    return small.returncode == 0 and flat


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    sys.exit(main(sys.argv[1:]))
