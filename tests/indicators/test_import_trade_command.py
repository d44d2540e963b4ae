"""The import_trade command and the assessment table built from its rows."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import TradeFile, TradeRow
from indicators.recompute import recompute_all
from indicators.reference_data import load_all_reference_data
from tests.factories_trade import (
    CustomsPartnerFactory,
    HsClassificationFactory,
    TradeItemFactory,
)
from tests.indicators.customs_files import WideFile, WideRow
from tests.indicators.trade_fixtures import media, partners, scrap

__all__ = ["media", "partners", "scrap"]  # fixtures used by name


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_trade", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_one_summary_line_and_the_warnings(scrap, tmp_path):
    path = WideFile(
        [
            WideRow("720410000", "105", {1: (0, 1000, 10), 2: (0, 0, 7)}),
            WideRow("391510000", "105", {1: (0, 5, 1)}),
        ]
    ).write(tmp_path / "2018.csv")

    out, err = run(str(path))

    assert out.count("\n") == 1
    assert "1 loaded" in out and "1 outside the classification" in out
    assert "2018.csv, row 2, column Value-Feb" in err
    assert TradeRow.objects.count() == 2


def test_a_bad_file_exits_with_its_rows_and_writes_nothing(scrap, tmp_path):
    good = WideFile([WideRow("720410000", "105", {1: (0, 1, 1)})]).write(
        tmp_path / "good.csv"
    )
    bad = WideFile([WideRow("720410000", "105", {1: (0, -1, 1)}, year=2019)]).write(
        tmp_path / "bad.csv"
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_trade", str(good), str(bad), stderr=err)

    assert "bad.csv, row 2, column Quantity2-Jan: 数量が負の数です" in err.getvalue()
    assert not TradeFile.objects.exists()


def test_a_dry_run_writes_nothing(scrap, tmp_path):
    path = WideFile([WideRow("720410000", "105", {1: (0, 1, 1)})]).write(
        tmp_path / "2018.csv"
    )

    out, _ = run(str(path), "--dry-run")

    assert "dry run: nothing written" in out
    assert not TradeRow.objects.exists()


def test_a_missing_file_is_an_error(db):
    with pytest.raises(CommandError, match="no such file"):
        run("/nonexistent/customs.csv")


def test_the_table_shows_a_and_b_for_the_latest_complete_fiscal_year(
    db, media, tmp_path
):
    load_all_reference_data()
    for code in ("105", "108"):
        CustomsPartnerFactory(code=code)
    for year, month_kg in [(2018, {4: 2_000_000, 9: 1_000_000}), (2019, {2: 500_000})]:
        rows = [
            WideRow(
                "720410000",
                "105",
                {m: (0, kg, kg // 20) for m, kg in month_kg.items()},
                year=year,
            ),
            WideRow("630900000", "108", {6: (0, 40_000, 9)}, year=year),
            WideRow("720410000", "105", {}, year=year, direction=2),
        ]
        WideFile(rows).write(tmp_path / f"{year}.csv")
    run(str(tmp_path / "2018.csv"), str(tmp_path / "2019.csv"))
    recompute_all(date(2019, 6, 30))
    out = io.StringIO()

    # The newest recompute is a draft until a reviewer publishes it.
    call_command("indicator_table", "--format", "json", "--draft", stdout=out)

    table = {i["code"]: i for i in json.loads(out.getvalue())["indicators"]}
    a = {s["key"]: s["latest"] for s in table["A"]["series"]}
    # FY2018 exports: 2,000 t (April 2018) + 1,000 t (September) + 500 t
    # (February 2019); imports were loaded with no trade: a true zero.
    assert a["export"] == {"period": "FY2018", "value": 3500}
    assert a["import"] == {"period": "FY2018", "value": 0}
    b = {s["key"]: s["latest"] for s in table["B"]["series"]}
    assert b["export"] == {"period": "FY2018", "value": 40}  # June 2018 only
    assert table["C"]["series"] == []


def test_reread_reads_every_loaded_file_again(scrap, tmp_path):
    path = WideFile([WideRow("740400000", "105", {1: (0, 1000, 1)})]).write(
        tmp_path / "2018.csv"
    )
    run(str(path))
    HsClassificationFactory(hs_code="740400", item=TradeItemFactory(slug="copper"))

    out, _ = run("--reread")

    assert "1 files: 1 loaded" in out
    assert TradeRow.objects.get().hs_code == "740400000"


def test_files_and_reread_do_not_go_together(db, tmp_path):
    with pytest.raises(CommandError, match="--reread without files"):
        run(str(tmp_path / "x.csv"), "--reread")
