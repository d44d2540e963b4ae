"""Reading customs files: layouts, encodings, checks, units (no database)."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from indicators import customs
from indicators.customs import CustomsFile
from indicators.customs_layouts import CustomsFileError
from indicators.hs_classification import Classifier, Heading, Mapping
from tests.indicators.customs_files import FIXTURES, Triple, WideFile, WideRow

HORSES = Mapping("010121", 1996, None, "horses", "", "NO")
BONES = Mapping("051199000", 1996, None, "animal_products", "", "KG")
PLASTICS = Mapping("391590", 1980, None, "plastics_waste", "", "KG")
SCRAP = Mapping("720410", 1996, None, "ferrous_scrap", "", "MT")


def read(path: Path, *mappings: Mapping, headings: tuple[Heading, ...] = ()):
    customs_file = CustomsFile(path, Classifier(mappings, headings))
    frames = list(customs_file.records())
    records = pl.concat(frames) if frames else pl.DataFrame()
    return customs_file.result, records


def record(records: pl.DataFrame, **where: object) -> dict[str, object]:
    found = records.filter(
        pl.all_horizontal(pl.col(k) == v for k, v in where.items())
    ).to_dicts()
    assert len(found) == 1, found
    return found[0]


def test_the_national_english_file_keeps_leading_zeros_and_the_quoted_code():
    result, records = read(FIXTURES / "mof_hs9_export_2008_single_row.csv", BONES)

    assert result.layout.name == "national_en"
    assert result.ok
    assert set(records["hs_code"]) == {"051199000"}
    assert set(records["partner_code"]) == {"312"}
    # April: 40 KG, 3,842 thousand yen; December: 22 KG, 789 thousand yen.
    april = record(records, month=date(2008, 4, 1))
    assert (april["quantity2"], april["grams"], april["value"]) == (40, 40_000, 3842)
    december = record(records, month=date(2008, 12, 1))
    assert december["grams"] == 22_000
    assert result.periods == {(1, 2008, m) for m in range(1, 13)}


def test_a_value_with_zero_quantity_is_a_warning_with_its_row_and_column():
    result, records = read(FIXTURES / "mof_hs9_export_2008_single_row.csv", BONES)

    assert result.ok
    [warning] = result.warnings
    assert (warning.row, warning.column) == (2, "Value-Jan")
    assert "432" in warning.message
    assert record(records, month=date(2008, 1, 1))["value"] == 432


def test_the_port_level_file_counts_horses_by_customs_office():
    result, records = read(
        FIXTURES / "mof_port_hs9_export_2017_oecetl_sample.csv", HORSES
    )

    assert result.layout.name == "port_en"
    assert result.layout.scope == "port"
    # Row 2: three horses to Korea (103) through office 104 in September.
    korea = record(records, partner_code="103", month=date(2017, 9, 1))
    assert (korea["port"], korea["count"], korea["value"]) == ("104", 3, 2100)
    assert korea["grams"] is None
    # 010129000 is not classified: rows 8-10 are only counted.
    assert (result.rows_read, result.rows_kept, result.rows_skipped) == (9, 6, 3)


def test_the_long_layout_takes_units_from_the_classification():
    result, records = read(
        FIXTURES / "mof_custom_hs9_monthly_long_zanjibar_rows.csv", PLASTICS
    )

    assert result.layout.name == "port_long"
    assert result.ok
    # 1988-01 export of 391590000 to Korea: 95,000 KG, 7,850 thousand yen.
    plastics = record(records, hs_code="391590000")
    assert plastics["month"] == date(1988, 1, 1)
    assert (plastics["unit2"], plastics["grams"], plastics["value"]) == (
        "KG",
        95_000_000,
        7850,
    )
    assert result.periods == {(1, 1988, 1), (2, 1998, 4), (1, 2014, 12)}


def test_japanese_headers_in_cp932_with_characters_shift_jis_lacks(tmp_path):
    wide = WideFile(
        [WideRow("720410000", "105", {4: (0, 2, 30)}, unit2="MT")],
        japanese=True,
        extra_column=("品名", "くず①髙"),  # ① and 髙 exist in CP932 only
    )
    path = wide.write(tmp_path / "japanese.csv", encoding="cp932", newline="\r\n")

    result, records = read(path, SCRAP)

    assert (result.layout.name, result.encoding) == ("national_ja", "cp932")
    assert record(records, month=date(2018, 4, 1))["grams"] == 2_000_000


def test_utf8_with_bom_and_crlf_and_april_spelled_apl(tmp_path):
    wide = WideFile([WideRow("'720410000'", "105", {4: (0, 7, 10)})], april="Apl")
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + wide.text("\r\n").encode())

    result, records = read(path, Mapping("720410", 1996, None, "ferrous_scrap"))

    assert (result.layout.name, result.encoding) == ("national_en", "utf-8-sig")
    april = record(records, month=date(2018, 4, 1))
    assert (april["hs_code"], april["grams"]) == ("720410000", 7_000)


def test_weights_become_grams_and_counts_stay_counts(tmp_path):
    wide = WideFile(
        [
            WideRow("720410000", "105", {1: (0, 1500, 10)}, unit2="KG"),
            WideRow("720410000", "106", {1: (0, 3, 10)}, unit2="MT"),
            WideRow("720410000", "108", {1: (4, 900, 10)}, unit1="NO", unit2="KG"),
        ]
    )
    _, records = read(wide.write(tmp_path / "units.csv"), SCRAP)

    assert record(records, partner_code="105")["grams"] == 1_500_000  # 1.5 t
    assert record(records, partner_code="106")["grams"] == 3_000_000  # 3 t
    vehicles = record(records, partner_code="108")
    assert (vehicles["count"], vehicles["grams"]) == (4, 900_000)


def test_months_left_blank_are_not_covered(tmp_path):
    months: dict[int, Triple] = {m: (0, 1, 1) for m in range(1, 7)}
    months.update({m: ("", "", "") for m in range(7, 13)})
    wide = WideFile([WideRow("720410000", "105", months, totals=(0, 6, 6))])

    result, _ = read(wide.write(tmp_path / "half.csv"), SCRAP)

    assert result.periods == {(1, 2018, m) for m in range(1, 7)}


def test_an_unknown_layout_is_refused_at_the_header(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("code,partner,tonnes\n720410000,105,3\n")

    with pytest.raises(CustomsFileError) as caught:
        read(path, SCRAP)

    [problem] = caught.value.problems
    assert problem.row == 1
    assert "様式が分かりません" in problem.message


@pytest.mark.parametrize(
    ("cells", "row", "column", "words"),
    [
        ({"hs": "72041000"}, 3, "HS", "HSコードが正しくありません"),
        ({"hs": "7204.10.000"}, 3, "HS", "HSコードが正しくありません"),
        ({"partner": "CN"}, 3, "Country", "国コードが正しくありません"),
        ({"direction": 3}, 3, "Exp or Imp", "1（輸出）でも2（輸入）でもありません"),
        (
            {"months": {3: (0, "12O", 5)}},
            3,
            "Quantity2-Mar",
            "'12O' は整数ではありません",
        ),
        ({"months": {3: (0, -4, 5)}}, 3, "Quantity2-Mar", "数量が負の数です: -4"),
        (
            {"totals": (0, 9, 5)},
            3,
            "Quantity2-Year",
            "月の合計は4ですが、年の合計は9です",
        ),
    ],
)
def test_a_bad_row_is_reported_with_its_row_and_column(
    tmp_path, cells, row, column, words
):
    bad = WideRow("720410000", "106", {3: (0, 4, 5)})
    for name, value in cells.items():
        setattr(bad, name, value)
    wide = WideFile([WideRow("720410000", "105", {3: (0, 1, 1)}), bad])

    result, _ = read(wide.write(tmp_path / "bad.csv"), SCRAP)

    assert not result.ok
    assert {p.row for p in result.problems} == {row}
    [problem] = [p for p in result.problems if p.column == column]
    assert words in problem.message


def test_a_row_with_more_cells_than_the_header_is_an_error(tmp_path):
    wide = WideFile([WideRow("720410000", "105", {1: (0, 1, 1)})])
    path = tmp_path / "ragged.csv"
    path.write_text(wide.text() + wide.text().splitlines()[1] + ",7\n")

    result, _ = read(path, SCRAP)

    [problem] = result.problems
    assert problem.row == 3
    assert "見出しは" in problem.message


@pytest.mark.parametrize(
    ("cell", "columns"),
    [
        # A negative value makes the year total negative too.
        (-1, {"Value-Jan", "Value-Year"}),
        # A broken cell sends the block through the slow text reading.
        ("1x", {"Value-Jan"}),
    ],
)
def test_row_numbers_stay_right_across_blocks(tmp_path, monkeypatch, cell, columns):
    monkeypatch.setattr(customs, "BLOCK_BYTES", 1024)
    rows = [WideRow("720410000", f"{100 + n}", {1: (0, 1, 1)}) for n in range(60)]
    rows[47].months = {1: (0, 1, cell)}
    lines = WideFile(rows).text().splitlines()
    lines.insert(21, "")  # a blank line is still a line of the file
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n")

    result, _ = read(path, SCRAP)

    # Header row 1, 20 rows, a blank line (row 22), then rows[47] at row 50.
    assert {p.row for p in result.problems} == {50}
    assert {p.column for p in result.problems} == columns
    assert result.rows_read == 60


def test_codes_outside_the_classification_are_counted_not_kept(tmp_path):
    wide = WideFile(
        [
            WideRow("720410000", "105", {1: (0, 1, 1)}),
            WideRow("870323915", "105", {1: (1, 1200, 900)}),
            WideRow("010121000", "105", {1: (1, 0, 500)}),
        ]
    )
    result, records = read(wide.write(tmp_path / "mixed.csv"), SCRAP)

    assert (result.rows_read, result.rows_kept, result.rows_skipped) == (3, 1, 2)
    assert set(records["hs_code"]) == {"720410000"}


def test_a_code_under_a_watched_heading_without_a_mapping_is_kept_with_a_warning(
    tmp_path,
):
    wide = WideFile(
        [
            WideRow("720410000", "105", {1: (0, 1, 1)}),
            WideRow("720499000", "105", {2: (0, 5, 1)}),
        ]
    )
    result, records = read(
        wide.write(tmp_path / "new_code.csv"),
        SCRAP,
        headings=(Heading("7204", 1996, None),),
    )

    assert result.ok
    assert set(records["hs_code"]) == {"720410000", "720499000"}
    [warning] = result.warnings
    assert warning.row == 3
    assert "720499000" in warning.message and "2018" in warning.message


def test_a_mapping_outside_its_years_does_not_keep_the_code(tmp_path):
    wide = WideFile([WideRow("440130000", "105", {1: (0, 1, 1)}, year=2018)])
    until_2016 = Mapping("440130", 1996, 2016, "sawdust_wood_waste")

    result, records = read(wide.write(tmp_path / "old_code.csv"), until_2016)

    assert (result.rows_kept, result.rows_skipped) == (0, 1)
    assert records.is_empty()


def test_the_hash_is_the_hash_of_the_file_bytes(tmp_path):
    import hashlib

    path = FIXTURES / "mof_hs9_export_2008_single_row.csv"
    result, _ = read(path, BONES)

    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.size_bytes == path.stat().st_size


def test_port_level_japanese_headers_in_utf8(tmp_path):
    wide = WideFile(
        [WideRow("720410000", "105", {11: (0, 5, 60)}, port="300", unit2="MT")],
        japanese=True,
        with_port=True,
    )

    result, records = read(wide.write(tmp_path / "port_ja.csv"), SCRAP)

    assert (result.layout.name, result.encoding) == ("port_ja", "utf-8")
    november = record(records, month=date(2018, 11, 1))
    assert (november["port"], november["grams"]) == ("300", 5_000_000)
