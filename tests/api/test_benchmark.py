"""The streaming benchmark runs end to end on a small number of rows."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "api_stream.py"


def run_benchmark(*args: str) -> str:
    """The script's output, on a database of its own named after the tests' one."""
    name = settings.DATABASES["default"]["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}_stream"
    finished = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env={**os.environ, "BENCH_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return finished.stdout


def streamed_counts(output: str) -> list[tuple[str, str]]:
    return re.findall(r"^(COPY|API)[^\d]*([\d,]+) rows", output, re.M)


@pytest.mark.server
def test_the_benchmark_streams_every_row_and_a_tenth_of_them() -> None:
    output = run_benchmark("--rows", "3000")

    assert streamed_counts(output) == [
        ("COPY", "3,000"),
        ("API", "3,000"),
        ("API", "300"),
    ]
    assert "API speed / COPY speed:" in output


@pytest.mark.server
def test_the_trade_benchmark_streams_every_loaded_trade_row() -> None:
    # 2,500 rows per direction and month: exports and imports of January
    # 2000, then 1,700 exports of February; the tenth is 670 exports.
    output = run_benchmark("--table", "trade", "--rows", "6700")

    assert streamed_counts(output) == [
        ("COPY", "6,700"),
        ("API", "6,700"),
        ("API", "670"),
    ]
    assert "/api/v1/trade/monthly/export/: loaded 6,700 trade rows" in output
    assert "API speed / COPY speed:" in output
