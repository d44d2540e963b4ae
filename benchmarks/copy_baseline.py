"""The baseline an import is measured against: PostgreSQL COPY of the file.

The file's bytes are streamed through psycopg 3's ``COPY ... FROM STDIN``
into a table with one typed column per CSV column and no index, key or
constraint: the least work a database can do to hold every row. Run as a
module, it times one such load and prints the result as JSON, so that the
caller can measure its peak memory as a separate process.
"""

import argparse
import json
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from indicators.customs_sample import HEADER

TABLE = "bench_customs_copy"
CHUNK_BYTES = 1 << 20
TEXT_COLUMNS = {"HS", "Country", "Unit1", "Unit2"}


def column_name(header: str) -> str:
    return header.lower().replace(" ", "_").replace("-", "_")


def create_table(connection: psycopg.Connection) -> None:
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(
            sql.Identifier(column_name(header)),
            sql.SQL("text" if header in TEXT_COLUMNS else "bigint"),
        )
        for header in HEADER
    )
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(TABLE)))
    connection.execute(
        sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(TABLE), columns)
    )


def settle(database_url: str) -> None:
    """Write out dirty pages first, so no checkpoint lands inside a timing.

    Needs a superuser; without one the timing simply runs unsettled.
    """
    try:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute("CHECKPOINT")
    except psycopg.errors.InsufficientPrivilege:
        pass


def drop_table(connection: psycopg.Connection) -> None:
    connection.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(TABLE)))


def copy_file(connection: psycopg.Connection, path: Path) -> int:
    """Stream the file into the table; return the rows the server counted."""
    statement = sql.SQL("COPY {} FROM STDIN (FORMAT csv, HEADER true)").format(
        sql.Identifier(TABLE)
    )
    with connection.cursor() as cursor, path.open("rb") as source:
        with cursor.copy(statement) as copy:
            while chunk := source.read(CHUNK_BYTES):
                copy.write(chunk)
        return cursor.rowcount


@dataclass(frozen=True)
class CopyTiming:
    rows: int
    seconds: float
    python_peak_bytes: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def time_copy(database_url: str, path: Path, keep_table: bool) -> CopyTiming:
    """Create the table, then time the COPY and its commit."""
    with psycopg.connect(database_url) as connection:
        create_table(connection)
        connection.commit()
        settle(database_url)

        tracemalloc.start()
        started = time.perf_counter()
        rows = copy_file(connection, path)
        connection.commit()
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        if not keep_table:
            drop_table(connection)
            connection.commit()
    return CopyTiming(rows, seconds, peak)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("database_url", help="postgres://... of the database")
    parser.add_argument("path", type=Path, help="the customs CSV file")
    parser.add_argument("--keep-table", action="store_true")
    args = parser.parse_args(argv)

    timing = time_copy(args.database_url, args.path, args.keep_table)
    print(json.dumps(asdict(timing)))


if __name__ == "__main__":
    main(sys.argv[1:])
