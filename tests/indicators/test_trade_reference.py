"""The shipped classification: loading it, staff edits, and importing rows."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import HsClassification, TradeItem, WatchedHeading
from indicators.reference_data import load_all_reference_data
from indicators.trade_reference import CLASSIFICATION_FILE, normalise_hs_code


def shipped_codes() -> set[tuple[str, int]]:
    with CLASSIFICATION_FILE.open(encoding="utf-8") as stream:
        return {(r["hs_code"], int(r["valid_from"])) for r in csv.DictReader(stream)}


def test_load_reference_adds_every_shipped_mapping_once(db):
    load_all_reference_data()
    load_all_reference_data()

    loaded = set(HsClassification.objects.values_list("hs_code", "valid_from"))
    assert loaded == shipped_codes()
    assert WatchedHeading.objects.exists()


def test_load_reference_keeps_a_staff_edit(db):
    load_all_reference_data()
    edited = HsClassification.objects.get(hs_code="720410")
    edited.unit2 = "GR"
    edited.source = "checked by staff"
    edited.save()
    item = TradeItem.objects.get(slug="ferrous_scrap")
    item.name_ja = "鉄くず"
    item.save()

    load_all_reference_data()

    kept = HsClassification.objects.get(hs_code="720410")
    assert (kept.unit2, kept.source) == ("GR", "checked by staff")
    assert TradeItem.objects.get(slug="ferrous_scrap").name_ja == "鉄くず"


def test_load_reference_does_not_bring_back_a_row_staff_deleted(db):
    load_all_reference_data()
    HsClassification.objects.get(hs_code="720410").delete()

    load_all_reference_data()

    assert not HsClassification.objects.filter(hs_code="720410").exists()


def test_a_six_or_nine_digit_code_keeps_its_leading_zeros():
    assert normalise_hs_code("'051199'") == "051199"
    assert normalise_hs_code("0511.99") == "051199"
    assert normalise_hs_code(51199) == "051199"  # a spreadsheet's number
    assert normalise_hs_code(51199000) == "051199000"
    with pytest.raises(ValueError, match="6 or 9 digits"):
        normalise_hs_code("5119")


def write_rows(path: Path, *rows: str) -> Path:
    header = (
        "hs_code,valid_from,valid_to,category,item,item_name_ja,item_name_en,"
        "indicator,unit1,unit2,source"
    )
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_records_classification_creates_items_and_updates_rows(db, tmp_path):
    load_all_reference_data()
    path = write_rows(
        tmp_path / "classification.csv",
        "720410,1996,,metals,ferrous_scrap,鉄鋼くず,Ferrous scrap,A,,GR,revised",
        "810197,2007,,metals,tungsten_scrap,タングステンのくず,Tungsten scrap,A,,KG,x",
    )

    call_command("import_records", "classification", str(path))

    revised = HsClassification.objects.get(hs_code="720410")
    assert (revised.unit2, revised.source) == ("GR", "revised")
    tungsten = HsClassification.objects.get(hs_code="810197")
    assert (tungsten.valid_from, tungsten.item.slug) == (2007, "tungsten_scrap")
    assert tungsten.item.name_ja == "タングステンのくず"


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("72041,1996,,metals,ferrous_scrap,鉄,Fe,A,,KG,x", "6 or 9 digits"),
        ("740400,1996,,rubbish,copper_scrap,銅,Cu,A,,KG,x", "unknown category"),
        ("740400,1996,,metals,copper_scrap,銅,Cu,C,,KG,x", "A or B"),
        ("740400,2010,2005,metals,copper_scrap,銅,Cu,A,,KG,x", "終了年"),
    ],
)
def test_a_bad_classification_row_is_refused_with_its_row(db, tmp_path, row, words):
    path = write_rows(tmp_path / "classification.csv", row)
    errors = io.StringIO()

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", "classification", str(path), stderr=errors)

    assert "classification.csv, row 2" in errors.getvalue()
    assert words in errors.getvalue()
    assert not HsClassification.objects.exists()


def test_overlapping_years_for_one_code_are_refused(db, tmp_path):
    path = write_rows(
        tmp_path / "classification.csv",
        "740400,1996,2011,metals,copper_scrap,銅くず,Copper scrap,A,,KG,x",
        "740400,2010,,metals,copper_scrap,銅くず,Copper scrap,A,,KG,x",
    )

    with pytest.raises(CommandError):
        call_command("import_records", "classification", str(path))

    assert not HsClassification.objects.exists()
