"""The benchmark file looks like a full-year download of every chapter."""

import csv
from pathlib import Path

import pytest

from benchmarks.bench_file import write_bench_file

CLASSIFICATION = Path(__file__).parents[2] / "indicators/data/classification.csv"
MONTH_COLUMNS = 9


@pytest.fixture(scope="module")
def bench_rows(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    path = tmp_path_factory.mktemp("bench") / "bench.csv"
    write_bench_file(path, 30_000, year=2018)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def classified_prefixes() -> list[str]:
    with CLASSIFICATION.open(encoding="utf-8", newline="") as handle:
        return [
            row["hs_code"]
            for row in csv.DictReader(handle)
            if int(row["valid_from"]) <= 2018 <= int(row["valid_to"] or 9999)
        ]


def test_the_file_has_the_rows_asked_for_each_code_and_partner_once(
    bench_rows: list[list[str]],
) -> None:
    keys = {(row[2], row[3]) for row in bench_rows}

    assert len(bench_rows) == 30_000
    assert len(keys) == 30_000


def test_every_hs_chapter_appears(bench_rows: list[list[str]]) -> None:
    chapters = {row[2][:2] for row in bench_rows}

    # 97 chapters, chapter 77 being reserved and unused.
    assert chapters == {f"{c:02d}" for c in range(1, 98)} - {"77"}


def test_most_rows_are_not_circular_resources_but_some_are(
    bench_rows: list[list[str]],
) -> None:
    prefixes = classified_prefixes()
    classified = sum(any(row[2].startswith(p) for p in prefixes) for row in bench_rows)

    assert 0 < classified < len(bench_rows) / 2


def test_monthly_triples_sum_to_the_year(bench_rows: list[list[str]]) -> None:
    for row in bench_rows:
        numbers = [int(cell) for cell in row[6:]]
        for measure in range(3):
            months = numbers[3 + measure :: 3]
            assert len(months) == 12
            assert sum(months) == numbers[measure]
