"""Data access for trade rows: staging, replacing periods, and classification.

The monthly records of the files being imported first go to a temporary
staging table: on PostgreSQL with ``COPY``, on SQLite with one
``executemany``. Checks that need the database (unknown partners) run as
SQL on the staging table. A file replaces the months it covers: their
rows are deleted and the staged records moved to ``TradeRow`` with one
``INSERT ... SELECT`` in key order. That is the upsert done as a set: the
same end state as updating matching keys and deleting the keys the new
file no longer has, in two statements instead of a conflict check per row.
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import polars as pl
from django.db import connection

from indicators.customs import RECORD_COLUMNS
from indicators.hs_classification import Classifier, Heading, Mapping
from indicators.models import (
    CustomsPartner,
    HsClassification,
    TradeFile,
    TradeFileTotal,
    TradeRow,
    WatchedHeading,
)

logger = logging.getLogger(__name__)

STAGING = "trade_staging"
# A file's monthly records as the reader gives them (``RECORD_COLUMNS``),
# their ``row`` named ``source_row``, after the index of the file.
STAGING_COLUMNS = (
    "file_index",
    *("source_row" if column == "row" else column for column in RECORD_COLUMNS),
)
# The SQL type of each staging column; the others (quantities, value,
# grams and count) are bigint.
_STAGING_TYPES = {
    "file_index": "integer",
    "source_row": "integer",
    "direction": "smallint",
    "hs_code": "varchar(9)",
    "partner_code": "varchar(3)",
    "port": "varchar(5)",
    "month": "date",
    "unit1": "varchar(3)",
    "unit2": "varchar(3)",
}


def load_classifier() -> Classifier:
    mappings = [
        Mapping(c.hs_code, c.valid_from, c.valid_to, c.item.slug, c.unit1, c.unit2)
        for c in HsClassification.objects.select_related("item")
    ]
    headings = [
        Heading(h.heading, h.valid_from, h.valid_to)
        for h in WatchedHeading.objects.all()
    ]
    return Classifier(mappings, headings)


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class Staging:
    """The monthly records of the files of one import, before they land."""

    def create(self) -> None:
        columns = ", ".join(
            f"{_q(name)} {_STAGING_TYPES.get(name, 'bigint')}"
            for name in STAGING_COLUMNS
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({columns})")
            # Every statement of the load picks one file's records.
            cursor.execute(f"CREATE INDEX {STAGING}_file ON {STAGING} (file_index)")

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")

    def add(self, file_index: int, records: pl.DataFrame) -> None:
        staged = records.rename({"row": "source_row"}).with_columns(
            file_index=pl.lit(file_index)
        )
        staged = staged.select(STAGING_COLUMNS)
        if _is_postgresql():
            self._copy(staged)
        else:
            self._insert(staged)

    def _copy(self, staged: pl.DataFrame) -> None:
        columns = ", ".join(_q(c) for c in STAGING_COLUMNS)
        sql = f"COPY {STAGING} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor, which speaks COPY
            with raw.copy(sql) as copy:
                copy.write(staged.write_csv(include_header=False))

    def _insert(self, staged: pl.DataFrame) -> None:
        staged = staged.with_columns(pl.col("month").dt.to_string("%Y-%m-%d"))
        marks = ", ".join(["%s"] * len(STAGING_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {STAGING} VALUES ({marks})", list(staged.iter_rows())
            )


@contextmanager
def staging_table() -> Iterator[Staging]:
    staging = Staging()
    staging.create()
    try:
        yield staging
    finally:
        staging.drop()


def unknown_partners(file_index: int) -> list[tuple[str, int]]:
    """Partner codes not in the customs partner table, with a row of each."""
    partners = _q(CustomsPartner._meta.db_table)
    sql = (
        f"SELECT s.partner_code, MIN(s.source_row) FROM {STAGING} s "
        f"LEFT JOIN {partners} p ON p.code = s.partner_code "
        "WHERE s.file_index = %s AND p.id IS NULL "
        "GROUP BY s.partner_code ORDER BY s.partner_code"
    )
    return [(str(code), int(row)) for code, row in _fetch(sql, [file_index])]


def repeated_keys(file_index: int, limit: int) -> list[tuple[int, int]]:
    """Pairs of rows with the same direction, code, partner, port and month."""
    sql = (
        f"SELECT MIN(source_row), MAX(source_row) FROM {STAGING} "
        "WHERE file_index = %s "
        "GROUP BY direction, hs_code, partner_code, COALESCE(port, ''), month "
        "HAVING COUNT(*) > 1 ORDER BY 1 LIMIT %s"
    )
    rows = _fetch(sql, [file_index, limit])
    return [(int(first), int(second)) for first, second in rows]


def _fetch(sql: str, params: list[int]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def delete_rows(periods: Iterable[tuple[int, date]]) -> int:
    """Remove the current rows of the given (direction, month) periods."""
    by_direction: dict[int, list[date]] = {}
    for direction, month in periods:
        by_direction.setdefault(direction, []).append(month)
    deleted = 0
    for direction, months in by_direction.items():
        count, _ = TradeRow.objects.filter(
            direction=direction, month__in=months
        ).delete()
        deleted += count
    return deleted


def keep_staged_months(file_index: int, months: list[tuple[int, date]]) -> None:
    """Drop a file's staged records outside the given (direction, month)s."""
    by_direction: dict[int, list[str]] = {}
    for direction, month in months:
        by_direction.setdefault(direction, []).append(month.isoformat())
    conditions = ["1 = 0"]
    params: list[int | str] = [file_index]
    for direction, isoformats in by_direction.items():
        marks = ", ".join(["%s"] * len(isoformats))
        conditions.append(f"(direction = %s AND month IN ({marks}))")
        params += [direction, *isoformats]
    sql = (
        f"DELETE FROM {STAGING} WHERE file_index = %s "
        f"AND NOT ({' OR '.join(conditions)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _tonnes(grams: str) -> str:
    if _is_postgresql():
        return f"CAST({grams} AS numeric) / 1000000"
    return f"{grams} / 1000000.0"


def insert_rows(trade_file: TradeFile, file_index: int) -> int:
    """Move one file's staged records into TradeRow, in key order.

    The months the file covers were emptied first, so a plain INSERT is
    enough; two records of the file with the same key make it fail with
    IntegrityError (see ``repeated_keys`` to say which rows).
    """
    key = ["direction", "month", "hs_code", "partner_id", "port"]
    values = [
        "quantity1",
        "quantity2",
        "unit1",
        "unit2",
        "value",
        "tonnes",
        "count",
        "file_id",
    ]
    sql = (
        f"INSERT INTO {_q(TradeRow._meta.db_table)} "
        f"({', '.join(_q(c) for c in key + values)}) "
        "SELECT s.direction, s.month, s.hs_code, p.id, COALESCE(s.port, ''), "
        "s.quantity1, s.quantity2, COALESCE(s.unit1, ''), COALESCE(s.unit2, ''), "
        f"s.value, {_tonnes('s.grams')}, s.{_q('count')}, %s "
        f"FROM {STAGING} s "
        f"JOIN {_q(CustomsPartner._meta.db_table)} p ON p.code = s.partner_code "
        "WHERE s.file_index = %s ORDER BY 1, 2, 3, 4, 5"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [trade_file.pk, file_index])
        return max(cursor.rowcount, 0)


def insert_totals(trade_file: TradeFile, file_index: int) -> None:
    """Keep the file's own monthly totals per code (its figures in history)."""
    columns = [
        "file_id",
        "direction",
        "month",
        "hs_code",
        "quantity1",
        "quantity2",
        "value",
        "tonnes",
        "count",
        "rows",
    ]
    sql = (
        f"INSERT INTO {_q(TradeFileTotal._meta.db_table)} "
        f"({', '.join(_q(c) for c in columns)}) "
        "SELECT %s, direction, month, hs_code, SUM(quantity1), SUM(quantity2), "
        f"SUM(value), {_tonnes('SUM(grams)')}, SUM({_q('count')}), COUNT(*) "
        f"FROM {STAGING} WHERE file_index = %s "
        "GROUP BY direction, month, hs_code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [trade_file.pk, file_index])
