"""A full-year national customs file for the import benchmark.

A real yearly download holds every statistical code of the schedule, each
with the partner countries it traded with, so nearly all of its rows are
goods the portal does not classify. This writes such a file at any size:
synthetic 9-digit codes spread evenly over all HS chapters (none under a
watched heading), plus every classified code valid in the year, each with
a varying number of the Ministry of Finance's partner codes, in the
national English-header wide layout. Monthly triples sum exactly to the
yearly columns. Rows are streamed to disk, never held in memory.
"""

import csv
import logging
import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indicators.customs_sample import (
    CLASSIFICATION_CSV,
    HEADER,
    national_codes,
    read_classification,
)
from indicators.customs_sample_plan import EXPORT

logger = logging.getLogger(__name__)

WATCHED_CSV = CLASSIFICATION_CSV.with_name("watched_headings.csv")

# The 235 partner codes of the Ministry of Finance's country table.
PARTNER_TABLE = """
103 104 105 106 107 108 110 111 112 113 116 117 118 120 121 122 123 124 125
126 127 128 129 130 131 132 133 134 135 137 138 140 141 143 144 145 146 147
149 150 151 152 153 154 155 156 157 158 201 202 203 204 205 206 207 208 209
210 211 212 213 215 216 217 218 219 220 221 222 223 224 225 227 228 229 230
231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249
250 301 302 303 304 305 306 307 308 309 310 311 312 314 315 316 317 319 320
321 322 323 324 325 326 327 328 329 330 331 332 333 334 335 336 337 338 401
402 403 404 405 406 407 408 409 410 411 412 413 414 415 501 502 503 504 505
506 507 508 509 510 511 512 513 514 515 516 517 518 519 520 521 522 523 524
525 526 527 528 529 530 531 532 533 534 535 536 537 538 539 540 541 542 543
544 545 546 547 548 549 550 551 552 553 554 555 556 557 558 559 560 601 602
605 606 607 608 609 610 611 612 613 614 615 616 617 618 619 620 621 622 624
625 626 627 628 701 702 703
"""
PARTNERS = PARTNER_TABLE.split()

CHAPTERS = [f"{chapter:02d}" for chapter in range(1, 98) if chapter != 77]
SUBHEADINGS = ("10", "20", "30", "40", "90", "11", "19", "21", "29", "91", "99")
SUFFIXES = ("000", "000", "000", "010", "090", "100", "900")
UNITS = (("", "KG"),) * 6 + (("NO", "KG"), ("DZ", "KG"), ("L", "KG"), ("", "MT"))
# Share of months a row trades in: many rows trade once or twice a year.
ACTIVITY = (0.1, 0.25, 0.5, 0.8, 1.0)
# A code trades with this many partners on average, as in a real year.
MEAN_PARTNERS = 110


@dataclass(frozen=True)
class BenchCode:
    hs_code: str
    unit1: str
    unit2: str
    classified: bool


def watched_headings(year: int) -> list[str]:
    with WATCHED_CSV.open(encoding="utf-8", newline="") as handle:
        return [
            row["heading"]
            for row in csv.DictReader(handle)
            if int(row["valid_from"]) <= year <= int(row["valid_to"] or 9999)
        ]


def classified_codes(year: int) -> list[BenchCode]:
    """Every classified statistical code valid in the year, for exports."""
    return [
        BenchCode(code.hs_code, code.unit1, code.unit2, classified=True)
        for row in read_classification()
        if row.valid_in(year)
        for code in national_codes(row, EXPORT)
    ]


def synthetic_codes(count: int, avoid: list[str]) -> list[BenchCode]:
    """Codes dealt round the chapters in turn, so any count covers them all."""
    rng = random.Random("bench-codes")
    codes: dict[str, BenchCode] = {}
    turn = 0
    while len(codes) < count:
        chapter = CHAPTERS[turn % len(CHAPTERS)]
        heading = f"{rng.randint(1, 30):02d}"
        hs_code = chapter + heading + rng.choice(SUBHEADINGS) + rng.choice(SUFFIXES)
        if hs_code in codes or any(hs_code.startswith(h) for h in avoid):
            continue
        codes[hs_code] = BenchCode(hs_code, *rng.choice(UNITS), classified=False)
        turn += 1
    return list(codes.values())


def partner_counts(codes: int, rows: int, rng: random.Random) -> list[int]:
    """How many partners each code has, varying, summing exactly to rows."""
    weights = [0.1 + rng.random() ** 2 for _ in range(codes)]
    scale = rows / sum(weights)
    counts = [min(len(PARTNERS), max(1, round(w * scale))) for w in weights]
    short = rows - sum(counts)
    step = 1 if short > 0 else -1
    position = 0
    while short:
        i = position % codes
        if 1 <= counts[i] + step <= len(PARTNERS):
            counts[i] += step
            short -= step
        position += 1
    return counts


def bench_codes(rows: int, year: int) -> list[BenchCode]:
    classified = classified_codes(year)
    avoid = watched_headings(year) + [c.hs_code[:6] for c in classified]
    synthetic = synthetic_codes(max(1, math.ceil(rows / MEAN_PARTNERS)), avoid)
    return sorted(classified + synthetic, key=lambda code: code.hs_code)


def row_line(code: BenchCode, partner: str, year: int, rng: random.Random) -> str:
    """One CSV line: the yearly triple first, then twelve monthly triples."""
    active = rng.choice(ACTIVITY)
    scale = int(10 ** (1 + 5 * rng.random()))
    yen_per_kg = rng.randint(20, 5000)
    totals = [0, 0, 0]
    months = []
    for _ in range(12):
        if rng.random() >= active:
            months.append("0,0,0")
            continue
        quantity2 = int(scale * (0.5 + rng.random())) + 1
        quantity1 = quantity2 // 7 + 1 if code.unit1 else 0
        value = quantity2 * yen_per_kg // 1000
        totals = [totals[0] + quantity1, totals[1] + quantity2, totals[2] + value]
        months.append(f"{quantity1},{quantity2},{value}")
    head = f"{EXPORT},{year},{code.hs_code},{partner},{code.unit1},{code.unit2}"
    return f"{head},{totals[0]},{totals[1]},{totals[2]},{','.join(months)}\r\n"


def bench_lines(rows: int, year: int) -> Iterator[str]:
    rng = random.Random(f"bench-rows-{rows}-{year}")
    codes = bench_codes(rows, year)
    for code, count in zip(codes, partner_counts(len(codes), rows, rng), strict=True):
        for partner in sorted(rng.sample(PARTNERS, count)):
            yield row_line(code, partner, year, rng)


@dataclass(frozen=True)
class BenchFile:
    path: Path
    rows: int
    classified_rows: int
    seconds: float


def write_bench_file(path: Path, rows: int, year: int = 2018) -> BenchFile:
    """Write the file (rows plus a header line); stream it, batch by batch."""
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    classified = {c.hs_code for c in classified_codes(year)}
    written = classified_rows = 0
    batch: list[str] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(HEADER) + "\r\n")
        for line in bench_lines(rows, year):
            batch.append(line)
            classified_rows += line.split(",", 3)[2] in classified
            if len(batch) == 10_000:
                handle.writelines(batch)
                written += len(batch)
                batch.clear()
        handle.writelines(batch)
        written += len(batch)

    seconds = time.monotonic() - started
    logger.info("bench file %s: %d rows in %.1f s", path, written, seconds)
    return BenchFile(path, written, classified_rows, seconds)
