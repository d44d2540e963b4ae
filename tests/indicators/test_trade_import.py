"""Importing customs files: one transaction, revisions, one layout per month."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from indicators.models import (
    TradeFile,
    TradeFileTotal,
    TradeItem,
    TradePeriod,
    TradeRow,
)
from indicators.trade_import import TradeImportRejected, reread_trade_files
from tests.factories_trade import (
    CustomsPartnerFactory,
    HsClassificationFactory,
    TradeItemFactory,
)
from tests.indicators.customs_files import FIXTURES, Triple, WideFile, WideRow
from tests.indicators.trade_fixtures import load, media, partners, scrap

__all__ = ["media", "partners", "scrap"]  # fixtures used by name


def scrap_file(path: Path, *rows: WideRow, **options: object) -> Path:
    return WideFile(list(rows), **options).write(path)  # type: ignore[arg-type]


def tonnes_by_partner(month: date) -> dict[str, Decimal | None]:
    rows = TradeRow.objects.filter(month=month).select_related("partner")
    return {row.partner.code: row.tonnes for row in rows}


def test_a_file_lands_its_classified_rows_in_tonnes_and_counts(scrap, tmp_path):
    path = scrap_file(
        tmp_path / "2018.csv",
        WideRow("720410000", "105", {1: (0, 1500, 40)}),
        WideRow("720410000", "106", {1: (0, 3, 90)}, unit2="MT"),
        WideRow("720410000", "108", {1: (4, 900, 10)}, unit1="NO", unit2="KG"),
        WideRow("391510000", "105", {1: (0, 70, 5)}),  # not classified
    )

    report = load(path)

    assert report.summary().startswith("import_trade: 1 files: 1 loaded")
    rows = {r.partner.code: r for r in TradeRow.objects.select_related("partner")}
    assert rows["105"].tonnes == Decimal("1.5")
    assert rows["106"].tonnes == Decimal("3")
    assert (rows["108"].count, rows["108"].tonnes) == (4, Decimal("0.9"))
    assert rows["105"].value == 40
    record = TradeFile.objects.get()
    assert (record.rows_read, record.rows_kept, record.rows_skipped) == (4, 3, 1)
    assert TradePeriod.objects.filter(direction=1).count() == 12


def test_the_source_file_is_kept_for_a_later_reclassification(scrap, tmp_path):
    path = scrap_file(
        tmp_path / "2018.csv", WideRow("720410000", "105", {1: (0, 1, 1)})
    )

    load(path)

    record = TradeFile.objects.get()
    with default_storage.open(str(record.source_file.name), "rb") as kept:
        assert kept.read() == path.read_bytes()


def test_the_same_file_twice_changes_nothing(scrap, media, tmp_path):
    path = scrap_file(
        tmp_path / "2018.csv", WideRow("720410000", "105", {1: (0, 1, 1)})
    )
    load(path)
    before = list(TradeRow.objects.values_list("pk", "tonnes", "file_id"))

    report = load(path)

    assert [o.status for o in report.outcomes] == [TradeFile.Status.UNCHANGED]
    assert list(TradeRow.objects.values_list("pk", "tonnes", "file_id")) == before
    assert TradeFile.objects.count() == 1
    assert set(TradePeriod.objects.values_list("number", flat=True)) == {1}
    assert not report.changed
    assert len(list(media.rglob("*.csv"))) == 1  # the second copy was dropped


def test_a_revised_file_replaces_its_months_and_the_old_figures_stay(scrap, tmp_path):
    first = scrap_file(
        tmp_path / "2018-provisional.csv",
        WideRow("720410000", "105", {1: (0, 1000, 10)}),
        WideRow("720410000", "106", {1: (0, 500, 5)}),
    )
    revised = scrap_file(
        tmp_path / "2018-confirmed.csv",
        WideRow("720410000", "105", {1: (0, 1200, 12)}),
    )
    load(first, revision="provisional")

    report = load(revised, revision="confirmed")

    january = date(2018, 1, 1)
    assert tonnes_by_partner(january) == {"105": Decimal("1.2")}
    old, new = TradeFile.objects.order_by("pk")
    assert TradeFileTotal.objects.get(file=old, month=january).tonnes == Decimal("1.5")
    assert TradeFileTotal.objects.get(file=new, month=january).tonnes == Decimal("1.2")
    period = TradePeriod.objects.get(direction=1, month=january)
    assert (period.number, period.revision, period.file) == (2, "confirmed", new)
    assert list(
        period.history.order_by("history_date").values_list("file_id", flat=True)
    ) == [
        old.pk,
        new.pk,
    ]
    assert report.outcomes[0].replaced_months == 12


def test_a_provisional_file_cannot_replace_confirmed_months(scrap, tmp_path):
    confirmed = scrap_file(
        tmp_path / "a.csv", WideRow("720410000", "105", {1: (0, 1, 1)})
    )
    provisional = scrap_file(
        tmp_path / "b.csv", WideRow("720410000", "105", {1: (0, 2, 1)})
    )
    load(confirmed, revision="confirmed")

    with pytest.raises(TradeImportRejected) as caught:
        load(provisional, revision="provisional")

    assert "confirmed by a.csv" in caught.value.problems[0].message
    assert tonnes_by_partner(date(2018, 1, 1)) == {"105": Decimal("0.001")}


def test_a_port_level_file_for_months_loaded_nationally_is_refused(
    tmp_path, partners, media
):
    horses = TradeItemFactory(slug="horses")
    HsClassificationFactory(hs_code="010121", item=horses, unit2="NO")
    national = WideFile(
        [WideRow("010121000", "105", {2: (0, 2, 1800)}, year=2017, unit2="NO")]
    ).write(tmp_path / "national-2017.csv")
    load(national)

    with pytest.raises(TradeImportRejected) as caught:
        load(FIXTURES / "mof_port_hs9_export_2017_oecetl_sample.csv")

    message = caught.value.problems[0].message
    assert "national-2017.csv" in message and "one layout" in message
    assert TradeFile.objects.count() == 1
    assert TradeRow.objects.get().port == ""


def test_port_rows_are_kept_per_customs_office(scrap, tmp_path):
    path = scrap_file(
        tmp_path / "ports.csv",
        WideRow("720410000", "105", {5: (0, 1000, 1)}, port="100"),
        WideRow("720410000", "105", {5: (0, 2000, 1)}, port="300"),
        with_port=True,
    )

    load(path)

    rows = TradeRow.objects.filter(month=date(2018, 5, 1)).order_by("port")
    assert [(r.port, r.tonnes) for r in rows] == [
        ("100", Decimal("1")),
        ("300", Decimal("2")),
    ]
    assert set(TradePeriod.objects.values_list("scope", flat=True)) == {"port"}


def test_the_long_layout_lands_with_units_from_the_classification(db, media, tmp_path):
    for code in ("103", "326", "213", "125"):
        CustomsPartnerFactory(code=code)
    plastics = TradeItemFactory(slug="plastics_waste", category="fossil")
    HsClassificationFactory(
        hs_code="391590", valid_from=1980, item=plastics, unit2="KG"
    )

    load(FIXTURES / "mof_custom_hs9_monthly_long_zanjibar_rows.csv")

    row = TradeRow.objects.get(hs_code="391590000")
    assert (row.month, row.partner.code, row.port) == (date(1988, 1, 1), "103", "100")
    assert (row.tonnes, row.value, row.unit2) == (Decimal("95"), 7850, "KG")


GOOD = WideRow("720410000", "105", {1: (0, 1, 1)})


@pytest.mark.parametrize(
    ("bad", "row", "words"),
    [
        (WideRow("7204100", "105", {1: (0, 1, 1)}), 2, "HSコードが正しくありません"),
        (WideRow("720410000", "105", {1: (0, "x", 1)}), 2, "は整数ではありません"),
        (WideRow("720410000", "105", {1: (0, -5, 1)}), 2, "数量が負の数です"),
        (
            WideRow("720410000", "105", {1: (0, 5, 1)}, totals=(0, 6, 1)),
            2,
            "月の合計は",
        ),
        (WideRow("720410000", "999", {1: (0, 5, 1)}), 2, "country code 999"),
    ],
)
def test_a_file_with_an_error_writes_nothing_of_the_whole_import(
    scrap, media, tmp_path, bad, row, words
):
    good = scrap_file(tmp_path / "good.csv", GOOD)
    bad.year = 2019
    broken = scrap_file(tmp_path / "broken.csv", bad)

    with pytest.raises(TradeImportRejected) as caught:
        load(good, broken)

    problems = caught.value.problems
    assert {(p.source, p.row) for p in problems} == {("broken.csv", row)}
    assert any(words in p.message for p in problems)
    assert not TradeFile.objects.exists()
    assert not TradeRow.objects.exists()
    assert not TradePeriod.objects.exists()
    assert not list(media.rglob("*.csv"))  # no kept copy either


def test_an_unknown_layout_writes_nothing(scrap, tmp_path):
    good = scrap_file(tmp_path / "good.csv", GOOD)
    other = tmp_path / "other.csv"
    other.write_text("code,tonnes\n720410000,5\n")

    with pytest.raises(TradeImportRejected) as caught:
        load(good, other)

    [problem] = caught.value.problems
    assert (problem.source, problem.row) == ("other.csv", 1)
    assert not TradeRow.objects.exists()


def test_two_rows_with_the_same_key_are_an_error(scrap, tmp_path):
    path = scrap_file(
        tmp_path / "twice.csv",
        WideRow("720410000", "105", {1: (0, 1, 1)}),
        WideRow("720410000", "106", {1: (0, 1, 1)}),
        WideRow("720410000", "105", {1: (0, 2, 1)}),
    )

    with pytest.raises(TradeImportRejected) as caught:
        load(path)

    [problem] = caught.value.problems
    assert problem.row == 4
    assert "as row 2" in problem.message


def test_a_dry_run_reports_and_writes_nothing(scrap, tmp_path, media):
    path = scrap_file(tmp_path / "2018.csv", GOOD)

    report = load(path, dry_run=True)

    assert report.outcomes[0].result.records == 1
    assert "dry run" in report.summary()
    assert not TradeFile.objects.exists()
    assert not TradeRow.objects.exists()
    assert not list(media.rglob("*.csv"))


@pytest.mark.server
def test_postgresql_loads_through_copy_and_the_staging_table(scrap, tmp_path):
    assert connection.vendor == "postgresql"
    rows = [
        WideRow("720410000", f"{code}", {m: (0, m * 1000, m) for m in range(1, 13)})
        for code in ("105", "106")
    ]
    path = scrap_file(tmp_path / "2018.csv", *rows)

    load(path)

    # Each partner: 1 + 2 + ... + 12 = 78 tonnes over the year.
    assert TradeRow.objects.count() == 24
    total = sum(t or 0 for t in TradeRow.objects.values_list("tonnes", flat=True))
    assert total == Decimal(156)
    assert TradeItem.objects.count() == 1


def test_a_reread_picks_up_a_code_mapped_after_loading(scrap, tmp_path):
    path = scrap_file(
        tmp_path / "2018.csv",
        WideRow("720410000", "105", {1: (0, 1000, 1)}),
        WideRow("740400000", "105", {1: (0, 2000, 1)}),
    )
    load(path)
    copper = TradeItemFactory(slug="copper_scrap")
    HsClassificationFactory(hs_code="740400", item=copper)

    reread_trade_files(list(TradeFile.objects.all()))

    assert set(TradeRow.objects.values_list("hs_code", flat=True)) == {
        "720410000",
        "740400000",
    }
    record = TradeFile.objects.get()
    assert (record.rows_kept, record.rows_skipped) == (2, 0)
    period = TradePeriod.objects.get(direction=1, month=date(2018, 1, 1))
    assert period.number == 1
    assert period.history.latest().history_change_reason.startswith("re-read")


def test_a_reread_leaves_the_months_a_later_file_replaced(scrap, tmp_path):
    copper: dict[int, Triple] = {1: (0, 1000, 1), 9: (0, 3000, 1)}
    year = scrap_file(tmp_path / "2018.csv", WideRow("740400000", "105", copper))
    # A revision of January to June only (July to December not published).
    half: dict[int, Triple] = {m: (0, 0, 0) for m in range(1, 7)}
    half |= {m: ("", "", "") for m in range(7, 13)}
    half[1] = (0, 5000, 1)
    revised = scrap_file(tmp_path / "2018-h1.csv", WideRow("740400000", "105", half))
    load(year)
    load(revised)
    HsClassificationFactory(hs_code="740400", item=TradeItemFactory(slug="copper"))
    whole_year = TradeFile.objects.get(name="2018.csv")

    report = reread_trade_files([whole_year])

    assert report.outcomes[0].replaced_months == 6  # July to December only
    assert tonnes_by_partner(date(2018, 9, 1)) == {"105": Decimal(3)}
    # January belongs to the revision, read before copper was mapped.
    assert tonnes_by_partner(date(2018, 1, 1)) == {}
