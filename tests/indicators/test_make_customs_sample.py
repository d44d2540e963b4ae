"""``make_customs_sample`` writes a file per year and direction."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def test_it_writes_an_export_and_an_import_file_per_year(tmp_path: Path) -> None:
    out = StringIO()

    call_command(
        "make_customs_sample",
        "--out",
        str(tmp_path),
        "--from-year",
        "2018",
        "--to-year",
        "2019",
        stdout=out,
    )

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "national_2018_export.csv",
        "national_2018_import.csv",
        "national_2019_export.csv",
        "national_2019_import.csv",
    ]
    assert out.getvalue().startswith("wrote 4 files (2018-2019")


def test_it_refuses_a_range_that_runs_backwards(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command(
            "make_customs_sample",
            "--out",
            str(tmp_path),
            "--from-year",
            "2019",
            "--to-year",
            "2018",
        )
