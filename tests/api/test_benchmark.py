"""The streaming benchmark runs end to end on a small number of rows."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "api_stream.py"


@pytest.mark.server
def test_the_benchmark_streams_every_row_and_a_tenth_of_them() -> None:
    name = settings.DATABASES["default"]["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}_stream"
    finished = subprocess.run(
        [sys.executable, str(SCRIPT), "--rows", "3000"],
        env={**os.environ, "BENCH_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    counts = re.findall(r"^(COPY|API)[^\d]*([\d,]+) rows", finished.stdout, re.M)
    assert counts == [("COPY", "3,000"), ("API", "3,000"), ("API", "300")]
    assert "API speed / COPY speed:" in finished.stdout
