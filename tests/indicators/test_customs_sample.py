"""The generated customs files reproduce the review's trade figures.

The files are read back here with nothing but the csv module and the
shipped classification file, independently of the generator, and every
expected figure comes from the review's published figures.
"""

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from indicators.customs_sample import write_sample, write_year_file

PUBLISHED = json.loads(
    (Path(__file__).parents[1] / "data" / "published-figures.json").read_text(
        encoding="utf-8"
    )
)
CLASSIFICATION = Path(__file__).parents[2] / "indicators/data/classification.csv"
WATCHED = Path(__file__).parents[2] / "indicators/data/watched_headings.csv"

# The header of a real national file (customs.go.jp, exports 2008).
REAL_HEADER_LINE = (
    "Exp or Imp,Year,HS,Country,Unit1,Unit2,Quantity1-Year,Quantity2-Year,"
    "Value-Year,Quantity1-Jan,Quantity2-Jan,Value-Jan,Quantity1-Feb,"
    "Quantity2-Feb,Value-Feb,Quantity1-Mar,Quantity2-Mar,Value-Mar,"
    "Quantity1-Apr,Quantity2-Apr,Value-Apr,Quantity1-May,Quantity2-May,"
    "Value-May,Quantity1-Jun,Quantity2-Jun,Value-Jun,Quantity1-Jul,"
    "Quantity2-Jul,Value-Jul,Quantity1-Aug,Quantity2-Aug,Value-Aug,"
    "Quantity1-Sep,Quantity2-Sep,Value-Sep,Quantity1-Oct,Quantity2-Oct,"
    "Value-Oct,Quantity1-Nov,Quantity2-Nov,Value-Nov,Quantity1-Dec,"
    "Quantity2-Dec,Value-Dec"
)
REAL_HEADER = REAL_HEADER_LINE.split(",")
MONTHS = REAL_HEADER[9::3]
MONTH_NAMES = [name.removeprefix("Quantity1-") for name in MONTHS]
EXPORT, IMPORT = "1", "2"
B_WEIGHED = {"used_clothing", "retreaded_tyres", "used_pneumatic_tyres"}


@pytest.fixture(scope="module")
def customs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The calendar years behind FY2000, FY2017 and FY2018."""
    out = tmp_path_factory.mktemp("customs")
    write_sample(out, 2000, 2001)
    write_sample(out, 2017, 2019)
    return out


def read_rows(customs_dir: Path) -> Iterator[dict[str, str]]:
    for path in sorted(customs_dir.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


@cache
def classification_rows() -> list[dict[str, str]]:
    with CLASSIFICATION.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def classify(hs_code: str, year: int) -> dict[str, str] | None:
    """The row for a code in a year: a 9-digit row before a 6-digit one."""
    valid = [
        row
        for row in classification_rows()
        if int(row["valid_from"]) <= year <= int(row["valid_to"] or 9999)
    ]
    for row in valid:
        if row["hs_code"] == hs_code:
            return row
    for row in valid:
        if len(row["hs_code"]) == 6 and hs_code.startswith(row["hs_code"]):
            return row
    return None


def month_tonnes(row: dict[str, str], month: str) -> float:
    quantity = int(row[f"Quantity2-{month}"])
    return quantity / 1000 if row["Unit2"] == "KG" else float(quantity)


def fiscal_year(year: int, month: str) -> int:
    return year if MONTH_NAMES.index(month) >= 3 else year - 1


@pytest.fixture(scope="module")
def tonnes(customs_dir: Path) -> dict[tuple[str, str, int], float]:
    """Tonnes by (direction, item, fiscal year), summed from the months."""
    totals: dict[tuple[str, str, int], float] = defaultdict(float)
    for row in read_rows(customs_dir):
        year, hs_code = int(row["Year"]), row["HS"].strip("'")
        mapping = classify(hs_code, year)
        if mapping is None:
            continue
        for month in MONTH_NAMES:
            key = (row["Exp or Imp"], mapping["item"], fiscal_year(year, month))
            totals[key] += month_tonnes(row, month)
    return totals


def a_items() -> set[str]:
    return {r["item"] for r in classification_rows() if r["indicator"] == "A"}


def items_of(category: str) -> set[str]:
    return {r["item"] for r in classification_rows() if r["category"] == category}


def total(
    tonnes: dict[tuple[str, str, int], float],
    direction: str,
    items: set[str],
    fy: int,
) -> float:
    return sum(tonnes[direction, item, fy] for item in items)


def man_tonnes(value: float) -> int:
    """Rounded to 万トン (ten thousand tonnes), as the review prints A."""
    return round(value / 10_000)


A = PUBLISHED["A_circular_resources_trade"]
B = PUBLISHED["B_used_goods_trade"]


def test_a_fy2018_exports_and_imports_match_the_review(tonnes: dict) -> None:
    exports = total(tonnes, EXPORT, a_items(), 2018)
    imports = total(tonnes, IMPORT, a_items(), 2018)

    assert man_tonnes(exports) == man_tonnes(A["2018"]["export_approx"])
    assert man_tonnes(imports) == man_tonnes(A["2018"]["import_approx"])


def test_a_change_from_fy2017_matches_the_review(tonnes: dict) -> None:
    for direction, key in ((EXPORT, "export_approx"), (IMPORT, "import_approx")):
        change = total(tonnes, direction, a_items(), 2018) - total(
            tonnes, direction, a_items(), 2017
        )

        assert man_tonnes(change) == man_tonnes(A["change_from_2017"][key])


def test_a_ratio_to_fy2000_matches_the_review_to_one_decimal(tonnes: dict) -> None:
    for direction, key in ((EXPORT, "export_approx"), (IMPORT, "import_approx")):
        ratio = total(tonnes, direction, a_items(), 2018) / total(
            tonnes, direction, a_items(), 2000
        )

        assert round(ratio, 1) == A["ratio_to_2000"][key]


def test_b_fy2018_weighed_used_goods_match_the_review(tonnes: dict) -> None:
    exports = total(tonnes, EXPORT, B_WEIGHED, 2018)
    imports = total(tonnes, IMPORT, B_WEIGHED, 2018)

    assert man_tonnes(exports) == man_tonnes(B["2018"]["export_approx"])
    # Imports are printed to ten tonnes: 約7,130トン.
    assert round(imports, -1) == B["2018"]["import_approx"]


def test_waste_paper_is_the_published_share_of_biomass_exports(
    tonnes: dict,
) -> None:
    note = next(n for n in A["notes"] if n.startswith("waste paper"))
    printed = re.search(r"about (\d+)%", note)
    assert printed is not None
    published_percent = int(printed.group(1))

    biomass = total(tonnes, EXPORT, items_of("biomass"), 2018)
    waste_paper = tonnes[EXPORT, "waste_paper", 2018]

    assert round(100 * waste_paper / biomass) == published_percent


def test_ferrous_scrap_leads_metal_exports_then_copper_then_aluminium(
    tonnes: dict,
) -> None:
    metals = {item: tonnes[EXPORT, item, 2018] for item in items_of("metals")}
    ranked = sorted(metals, key=metals.__getitem__, reverse=True)

    assert ranked[:3] == ["ferrous_scrap", "copper_scrap", "aluminium_scrap"]
    assert metals["ferrous_scrap"] > sum(metals.values()) / 2


def test_sawdust_and_palm_kernel_cake_imports_rise(tonnes: dict) -> None:
    for item in ("sawdust_wood_waste", "palm_kernel_cake"):
        series = [tonnes[IMPORT, item, fy] for fy in (2000, 2017, 2018)]

        assert series == sorted(series)
        assert series[0] < series[2] / 2


def plastics_exports_by_month(
    customs_dir: Path, year: int
) -> dict[tuple[str, str], float]:
    """Plastics-waste export tonnes by (partner, month) of a calendar year."""
    by_month: dict[tuple[str, str], float] = defaultdict(float)
    for row in read_rows(customs_dir):
        hs_code = row["HS"].strip("'")
        if row["Exp or Imp"] != EXPORT or int(row["Year"]) != year:
            continue
        mapping = classify(hs_code, year)
        if mapping is None or mapping["item"] != "plastics_waste":
            continue
        for month in MONTH_NAMES:
            by_month[row["Country"], month] += month_tonnes(row, month)
    return by_month


def test_plastics_exports_to_china_and_hong_kong_collapse_from_january_2018(
    customs_dir: Path,
) -> None:
    before = plastics_exports_by_month(customs_dir, 2017)
    after = plastics_exports_by_month(customs_dir, 2018)
    china_hong_kong = ("105", "108")
    first_half = MONTH_NAMES[:6]

    was = sum(before[p, m] for p in china_hong_kong for m in first_half)
    became = sum(after[p, m] for p in china_hong_kong for m in first_half)
    assert became < was / 5
    assert (
        sum(after["105", m] for m in MONTH_NAMES)
        < sum(before["105", m] for m in first_half) / 10
    )


def test_thailand_malaysia_and_viet_nam_take_more_plastics_waste_in_2018(
    customs_dir: Path,
) -> None:
    before = plastics_exports_by_month(customs_dir, 2017)
    after = plastics_exports_by_month(customs_dir, 2018)

    for partner in ("111", "113", "110"):
        was = sum(before[partner, m] for m in MONTH_NAMES)
        became = sum(after[partner, m] for m in MONTH_NAMES)
        assert became > 2 * was


def test_files_have_the_real_national_layout(customs_dir: Path) -> None:
    for path in customs_dir.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == REAL_HEADER


def test_monthly_triples_sum_exactly_to_the_year_columns(customs_dir: Path) -> None:
    for row in read_rows(customs_dir):
        for measure in ("Quantity1", "Quantity2", "Value"):
            months = sum(int(row[f"{measure}-{m}"]) for m in MONTH_NAMES)
            assert months == int(row[f"{measure}-Year"])


def test_codes_are_nine_digit_text_some_quoted_and_partners_three_digit(
    customs_dir: Path,
) -> None:
    quoted = plain = 0
    for row in read_rows(customs_dir):
        hs_code = row["HS"]
        quoted += hs_code.startswith("'")
        plain += not hs_code.startswith("'")

        assert re.fullmatch(r"'?\d{9}'?", hs_code)
        assert re.fullmatch(r"[1-7]\d\d", row["Country"])
    assert quoted and plain


def watched_headings(year: int) -> list[str]:
    with WATCHED.open(encoding="utf-8", newline="") as handle:
        return [
            row["heading"]
            for row in csv.DictReader(handle)
            if int(row["valid_from"]) <= year <= int(row["valid_to"] or 9999)
        ]


def test_every_code_under_a_watched_heading_is_classified_with_its_units(
    customs_dir: Path,
) -> None:
    for row in read_rows(customs_dir):
        year, hs_code = int(row["Year"]), row["HS"].strip("'")
        mapping = classify(hs_code, year)
        if mapping is None:
            assert not any(hs_code.startswith(h) for h in watched_headings(year))
            continue

        assert (row["Unit1"], row["Unit2"]) == (mapping["unit1"], mapping["unit2"])


def test_a_year_is_the_same_file_whether_written_alone_or_in_a_range(
    customs_dir: Path, tmp_path: Path
) -> None:
    path, _ = write_year_file(tmp_path, 2018, 1)

    assert path.read_bytes() == (customs_dir / path.name).read_bytes()
