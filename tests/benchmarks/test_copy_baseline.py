"""The COPY baseline loads every row of a customs file into PostgreSQL."""

import csv
from pathlib import Path

import pytest
from django.db import connection

from benchmarks.bench_file import write_bench_file
from benchmarks.copy_baseline import TABLE, copy_file, create_table


@pytest.mark.server
@pytest.mark.django_db
def test_copy_loads_every_row_with_its_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bench.csv"
    write_bench_file(path, 500)
    with path.open(encoding="utf-8", newline="") as handle:
        values = [int(row["Value-Year"]) for row in csv.DictReader(handle)]

    connection.ensure_connection()
    create_table(connection.connection)
    copied = copy_file(connection.connection, path)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), sum(value_year) FROM {TABLE}")
        assert cursor.fetchone() == (500, sum(values))
    assert copied == 500
