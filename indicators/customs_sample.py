"""Generated customs files in the national layout, calibrated to the review.

The Ministry of Finance publishes no record-level files for the
circular-resource headings that we could ship, so ``make run`` loads files
written here instead: one file per calendar year and direction, in the
national English-header wide layout (a row per statistical code and partner
country, a yearly triple and twelve monthly triples of quantity 1,
quantity 2 and value in thousand yen).

The volumes are invented but shaped by the review: each item follows a
trade plan (``customs_sample_plan``) of fiscal-year amounts, partner
countries, prices and monthly levels, and one item per group absorbs the
remainder so that the fiscal-year totals the review prints come out. The
codes come from the shipped classification, valid for the year written.

Everything is deterministic: the same year gives the same file whatever
range is asked for, because every random draw is seeded by its own place
(item, year, month, partner) and never by the order of generation.
"""

import csv
import itertools
import logging
import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indicators.customs_sample_plan import (
    CALIBRATION_GROUPS,
    EXPORT,
    FILLER_PLANS,
    IMPORT,
    NATIONAL_SPLITS,
    SEASON,
    TRADE_PLANS,
    Anchors,
    CalibrationGroup,
    TradePlan,
)
from indicators.fiscal import fiscal_year_months

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
CLASSIFICATION_CSV = DATA_DIR / "classification.csv"

MONTHS = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)
PERIODS = ("Year", *MONTHS)
HEADER = ["Exp or Imp", "Year", "HS", "Country", "Unit1", "Unit2"] + [
    f"{measure}-{period}"
    for period in PERIODS
    for measure in ("Quantity1", "Quantity2", "Value")
]

# Older downloads opened and saved in a spreadsheet carry the code as
# '051199000' so that the leading zero survives; later ones are plain.
LAST_QUOTED_YEAR = 2011

DIRECTION_NAMES = {EXPORT: "export", IMPORT: "import"}

# A (quantity 1, quantity 2, value) triple per month, January first.
MonthlyCells = list[list[int]]


@dataclass(frozen=True)
class ClassifiedCode:
    """One row of the shipped classification, as the generator needs it."""

    hs_code: str
    valid_from: int
    valid_to: int | None
    item: str
    unit1: str
    unit2: str

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (
            self.valid_to is None or year <= self.valid_to
        )


def read_classification(path: Path = CLASSIFICATION_CSV) -> list[ClassifiedCode]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            ClassifiedCode(
                hs_code=row["hs_code"],
                valid_from=int(row["valid_from"]),
                valid_to=int(row["valid_to"]) if row["valid_to"] else None,
                item=row["item"],
                unit1=row["unit1"],
                unit2=row["unit2"],
            )
            for row in csv.DictReader(handle)
        ]


@cache
def shipped_classification() -> tuple[ClassifiedCode, ...]:
    return tuple(read_classification())


def interpolate(anchors: Anchors, at: float) -> float:
    """Linear between anchor points, flat beyond the first and the last."""
    points = sorted(anchors.items())
    if at <= points[0][0]:
        return points[0][1]
    for (t0, v0), (t1, v1) in itertools.pairwise(points):
        if at <= t1:
            return v0 + (v1 - v0) * (at - t0) / (t1 - t0)
    return points[-1][1]


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split a whole number in proportion to weights; the parts sum exactly.

    Largest remainders get the units that truncation leaves over.
    """
    weight_sum = sum(weights)
    if total == 0 or weight_sum <= 0:
        return [0] * len(weights)

    exact = [total * weight / weight_sum for weight in weights]
    parts = [int(share) for share in exact]
    by_remainder = sorted(
        range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True
    )
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def jitter(seed: str, spread: float) -> float:
    """A factor within 1 ± spread, always the same for the same seed."""
    return 1 + spread * (2 * random.Random(seed).random() - 1)


def base_units(plan: TradePlan, amount: float) -> int:
    """Plan amounts are tonnes (or units); files count kg, t or units."""
    if plan.unit == "KG":
        return round(amount * 1000)
    return round(amount)


def kilograms(plan: TradePlan, base: int) -> int:
    return base * 1000 if plan.unit == "MT" else base


def planned_amount(plan: TradePlan, fiscal_year: int) -> int:
    """The plan's fiscal-year amount in base units, before calibration."""
    if fiscal_year in plan.amounts:
        return base_units(plan, plan.amounts[fiscal_year])
    trend = interpolate(plan.amounts, fiscal_year)
    noise = jitter(f"{plan.key}|fy{fiscal_year}", plan.year_noise)
    return base_units(plan, trend * noise)


def group_of(plan: TradePlan) -> CalibrationGroup | None:
    for group in CALIBRATION_GROUPS:
        if group.direction == plan.direction and plan.item in group.items:
            return group
    return None


@cache
def fiscal_year_amount(plan: TradePlan, fiscal_year: int) -> int:
    """The amount written for a fiscal year, in base units.

    In a calibrated year the group's balancing item takes what the other
    items leave of the published total.
    """
    group = group_of(plan)
    if (
        group is None
        or plan.item != group.balancing_item
        or fiscal_year not in group.tonnes
    ):
        return planned_amount(plan, fiscal_year)

    others = sum(
        kilograms(other, planned_amount(other, fiscal_year))
        for other in TRADE_PLANS
        if other is not plan and group_of(other) is group
    )
    remainder_kg = group.tonnes[fiscal_year] * 1000 - others
    if remainder_kg <= 0:
        raise ValueError(f"{plan.key}: nothing left to balance FY{fiscal_year}")
    return remainder_kg if plan.unit == "KG" else round(remainder_kg / 1000)


def month_time(year: int, month: int) -> float:
    return year + (month - 1) / 12


@cache
def monthly_amounts(plan: TradePlan, fiscal_year: int) -> tuple[int, ...]:
    """The fiscal year's amount over its months, April first."""
    months = fiscal_year_months(fiscal_year)
    weights = [
        SEASON[month - 1]
        * interpolate(plan.level, month_time(year, month))
        * jitter(f"{plan.key}|{year}-{month}", plan.month_noise)
        for year, month in months
    ]
    return tuple(apportion(fiscal_year_amount(plan, fiscal_year), weights))


def month_amount(plan: TradePlan, year: int, month: int) -> int:
    fiscal_year = year if month >= 4 else year - 1
    position = fiscal_year_months(fiscal_year).index((year, month))
    return monthly_amounts(plan, fiscal_year)[position]


def partner_weights(plan: TradePlan, year: int, month: int) -> dict[str, float]:
    """Each partner's weight in a month; small partners skip some months."""
    at = month_time(year, month)
    trend = {code: interpolate(a, at) for code, a in plan.partners.items()}
    total = sum(trend.values()) or 1.0
    weights = {}
    for code, weight in trend.items():
        draw = random.Random(f"{plan.key}|{year}-{month}|{code}").random()
        quiet = weight / total < 0.03 and draw < 0.4
        weights[code] = 0.0 if quiet else weight * (0.85 + 0.3 * draw)
    return weights if any(weights.values()) else trend


@cache
def plan_codes(plan: TradePlan, year: int) -> tuple[tuple[ClassifiedCode, float], ...]:
    """The 9-digit codes the plan writes in a year, with their weights."""
    if not plan.item:
        return tuple(
            (ClassifiedCode(code, 1996, None, "", unit1, unit2), 1.0)
            for code, unit1, unit2 in plan.filler_codes
        )

    codes = []
    for row in shipped_classification():
        if row.item != plan.item or not row.valid_in(year):
            continue
        check_units(plan, row)
        weight = plan.code_weights.get(row.hs_code, plan.default_code_weight)
        codes += [(code, weight) for code in national_codes(row, plan.direction)]
    return tuple(codes)


def check_units(plan: TradePlan, row: ClassifiedCode) -> None:
    """The plan counts in the unit the classification gives the code."""
    unit = row.unit1 if plan.unit == "NO" else row.unit2
    if unit != plan.unit:
        raise ValueError(
            f"{row.hs_code}: classified in {unit or 'no unit'}, planned in {plan.unit}"
        )


def national_codes(row: ClassifiedCode, direction: int) -> list[ClassifiedCode]:
    """A 6-digit subheading as the statistical codes a schedule splits it in."""
    if len(row.hs_code) == 9:
        return [row]
    suffixes = NATIONAL_SPLITS.get((direction, row.hs_code), ("000",))
    return [
        ClassifiedCode(
            row.hs_code + suffix,
            row.valid_from,
            row.valid_to,
            row.item,
            row.unit1,
            row.unit2,
        )
        for suffix in suffixes
    ]


def cell(
    plan: TradePlan, code: ClassifiedCode, base: int, seed: str, year: int
) -> list[int]:
    """Quantity 1, quantity 2 and value of a cell.

    Values are thousands of yen with the fraction truncated, as customs
    records them; the price is per tonne (per unit for counted goods).
    """
    price = round(interpolate(plan.price, year) * jitter(seed, 0.06))
    if plan.unit == "NO":
        mass = round(base * plan.unit_mass_kg * jitter(f"{seed}|kg", 0.1))
        return [base, mass, base * price // 1000]

    per_thousand_yen = 1_000_000 if plan.unit == "KG" else 1000
    count = max(1, round(base / plan.unit_mass_kg)) if code.unit1 == "NO" else 0
    return [count, base, base * price // per_thousand_yen]


def plan_cells(plan: TradePlan, year: int) -> dict[tuple[str, str], MonthlyCells]:
    """All cells a plan writes in a calendar year, by (code, partner)."""
    codes = plan_codes(plan, year)
    if not codes:
        return {}

    rows: dict[tuple[str, str], MonthlyCells] = defaultdict(
        lambda: [[0, 0, 0] for _ in MONTHS]
    )
    for month in range(1, 13):
        weights = partner_weights(plan, year, month)
        partner_totals = apportion(
            month_amount(plan, year, month), list(weights.values())
        )
        for partner, partner_total in zip(weights, partner_totals, strict=True):
            add_partner_month(plan, codes, rows, (year, month, partner), partner_total)
    return rows


def add_partner_month(
    plan: TradePlan,
    codes: Sequence[tuple[ClassifiedCode, float]],
    rows: dict[tuple[str, str], MonthlyCells],
    where: tuple[int, int, str],
    total: int,
) -> None:
    year, month, partner = where
    seed = f"{plan.key}|{year}-{month:02d}|{partner}"
    weights = [w * jitter(f"{seed}|{c.hs_code}", 0.2) for c, w in codes]
    for (code, _), amount in zip(codes, apportion(total, weights), strict=True):
        if amount:
            cells = cell(plan, code, amount, f"{seed}|{code.hs_code}", year)
            rows[(code.hs_code, partner)][month - 1] = cells


@dataclass(frozen=True)
class CustomsRow:
    hs_code: str
    partner: str
    unit1: str
    unit2: str
    months: MonthlyCells

    def year_totals(self) -> list[int]:
        return [sum(cells[i] for cells in self.months) for i in range(3)]


def year_rows(year: int, direction: int) -> list[CustomsRow]:
    """Every row of one calendar year's file, sorted by code and partner."""
    units = {}
    merged: dict[tuple[str, str], MonthlyCells] = {}
    for plan in plans_for(direction):
        for key, months in plan_cells(plan, year).items():
            merged[key] = months
        for code, _ in plan_codes(plan, year):
            units[code.hs_code] = (code.unit1, code.unit2)

    return [
        CustomsRow(hs_code, partner, *units[hs_code], months)
        for (hs_code, partner), months in sorted(merged.items())
    ]


def plans_for(direction: int) -> Iterable[TradePlan]:
    for plan in (*TRADE_PLANS, *FILLER_PLANS):
        if plan.direction == direction:
            yield plan


def file_name(year: int, direction: int) -> str:
    return f"national_{year}_{DIRECTION_NAMES[direction]}.csv"


def write_year_file(out_dir: Path, year: int, direction: int) -> tuple[Path, int]:
    """Write one year's file for one direction; return its path and rows."""
    rows = year_rows(year, direction)
    path = out_dir / file_name(year, direction)
    quoted = year <= LAST_QUOTED_YEAR
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(file_line(row, year, direction, quoted))
    return path, len(rows)


def file_line(
    row: CustomsRow, year: int, direction: int, quoted: bool
) -> list[str | int]:
    hs_code = f"'{row.hs_code}'" if quoted else row.hs_code
    line: list[str | int] = [direction, year, hs_code, row.partner]
    line += [row.unit1, row.unit2, *row.year_totals()]
    for cells in row.months:
        line += cells
    return line


@dataclass(frozen=True)
class SampleReport:
    paths: list[Path]
    rows: int
    seconds: float


def write_sample(out_dir: Path, from_year: int, to_year: int) -> SampleReport:
    """Write the files of every calendar year in the range, both directions."""
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, rows = [], 0
    for year in range(from_year, to_year + 1):
        for direction in (EXPORT, IMPORT):
            path, count = write_year_file(out_dir, year, direction)
            paths.append(path)
            rows += count

    seconds = time.monotonic() - started
    logger.info(
        "customs sample: %d files, %d rows in %.1f s", len(paths), rows, seconds
    )
    return SampleReport(paths, rows, seconds)
