"""Monthly trade rows for the streaming benchmark, as the importer stores them.

``TradeRow`` holds the classified statistical codes only, one row per
direction, month, code, partner and port. Row ``n`` of a benchmark is a
pure function of ``n``: the rows fill one direction of one month at a time
(``ROWS_PER_PERIOD`` of them, exports then imports, from January 2000), so
a million rows cover January 2000 to August 2016 in both directions, and
their first tenth (in id order) the first twenty months.

The codes of a period are the shipped classification's codes valid in its
year, split into 9-digit statistical codes as the national schedule splits
them (``customs_sample.national_codes``), and three codes of chapter 5
(animal waste), as a classification row added by staff would bring in: the
shipped classification has no chapter below 10, and the export must keep
a code's leading zero. Partners are the Ministry of Finance's 235 country
codes, the ones ``load_reference`` loads, so that every row finds its
partner (the export joins on it); rows are national (no port).

Figures follow the importer's units. Quantity 2 is in kilograms, or in
tonnes for an ``MT`` code, and becomes ``tonnes``; a code counted in
units (``NO``: tyres, vehicles) has the count as quantity 1 and in
``count``; quantity 1 is 0 where the code has no first unit, as the files
write it. Values are thousands of yen, truncated, at a price per code that
is higher for imports than for exports: imports are valued CIF (freight
and insurance included), exports FOB.
"""

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from benchmarks.bench_file import PARTNERS
from indicators.customs_sample import national_codes, shipped_classification
from indicators.customs_sample_plan import EXPORT, IMPORT

ROWS_PER_PERIOD = 2500
FIRST_YEAR = 2000
# Chapter 5, not in the shipped classification: guts and stomachs, fish
# waste, other inedible animal products.
ANIMAL_WASTE = ("050400000", "051191000", "051199000")
# What CIF adds to the FOB price: freight and insurance.
CIF_PERCENT = 108
VEHICLE_KG = 1200
TYRE_KG = 12
# The port of a row from a national file, and the layout of such a file.
NATIONAL = ""
NATIONAL_SCOPE = "national"
LAYOUT = "national_en"


@dataclass(frozen=True)
class StatisticalCode:
    hs_code: str
    unit1: str
    unit2: str

    @property
    def unit_mass_kg(self) -> int:
        return VEHICLE_KG if self.hs_code.startswith("87") else TYRE_KG


class TradeRecord(NamedTuple):
    """One stored monthly row, its partner as the 3-digit code, in COPY's order."""

    direction: int
    hs_code: str
    partner: str
    port: str
    month: date
    quantity1: int
    quantity2: int
    unit1: str
    unit2: str
    value: int
    tonnes: str
    # ``count`` in the table; a tuple already has a method of that name.
    counted: int | None


def period_of(number: int) -> tuple[int, date]:
    """The direction and month of row ``number``."""
    period = number // ROWS_PER_PERIOD
    months = period // 2
    direction = EXPORT if period % 2 == 0 else IMPORT
    return direction, date(FIRST_YEAR + months // 12, months % 12 + 1, 1)


@cache
def codes_traded(direction: int, year: int) -> tuple[StatisticalCode, ...]:
    """The statistical codes a period's rows use, in code order."""
    codes = {
        code.hs_code: StatisticalCode(code.hs_code, code.unit1, code.unit2)
        for row in shipped_classification()
        if row.valid_in(year)
        for code in national_codes(row, direction)
    }
    codes.update((hs, StatisticalCode(hs, "", "KG")) for hs in ANIMAL_WASTE)
    return tuple(sorted(codes.values(), key=lambda code: code.hs_code))


def trade_record(number: int) -> TradeRecord:
    """Row ``number``: each code of the period in turn, then the next partner.

    A code's partners step through the table 41 places at a time (41 and
    235 have no common factor), so no pair repeats within a period.
    """
    direction, month = period_of(number)
    codes = codes_traded(direction, month.year)
    turn, place = divmod(number % ROWS_PER_PERIOD, len(codes))
    code = codes[place]
    partner = PARTNERS[(turn * 41 + place * 17 + month.month) % len(PARTNERS)]
    quantity1, quantity2, value, counted = figures(number, direction, code)
    return TradeRecord(
        direction,
        code.hs_code,
        partner,
        NATIONAL,
        month,
        quantity1,
        quantity2,
        code.unit1,
        code.unit2,
        value,
        tonnes(quantity2, code.unit2),
        counted,
    )


def figures(
    number: int, direction: int, code: StatisticalCode
) -> tuple[int, int, int, int | None]:
    """Quantity 1, quantity 2, value (thousand yen) and count of a row."""
    spread = zlib.crc32(number.to_bytes(4, "big"))
    price = yen_per_unit(code, direction)
    if code.unit1 == "NO":
        units = 1 + spread % 400
        return units, units * code.unit_mass_kg, units * price // 1000, units
    if code.unit2 == "MT":
        weight = 1 + spread % 20_000
        return 0, weight, weight * price, None
    kilograms = 1 + spread % 2_000_000
    return 0, kilograms, kilograms * price // 1000, None


def yen_per_unit(code: StatisticalCode, direction: int) -> int:
    """Yen per kilogram, or per unit for a counted code; CIF above FOB."""
    base = zlib.crc32(code.hs_code.encode())
    fob = 100_000 + base % 900_000 if code.unit1 == "NO" else 15 + base % 500
    return fob * CIF_PERCENT // 100 if direction == IMPORT else fob


def tonnes(quantity: int, unit: str) -> str:
    """Exact tonnes as text: ``1234567`` KG is ``1234.567``, ``25`` MT is ``25``."""
    if unit == "MT":
        return str(quantity)
    return f"{quantity // 1000}.{quantity % 1000:03d}"


def periods(rows: int) -> list[tuple[int, date]]:
    """Every (direction, month) the first ``rows`` rows fall in, in order."""
    last = -(-rows // ROWS_PER_PERIOD)
    return [period_of(p * ROWS_PER_PERIOD) for p in range(last)]


def trade_records(rows: int) -> Iterator[TradeRecord]:
    return (trade_record(number) for number in range(rows))


def file_name(direction: int, year: int) -> str:
    """The name of the national file a period's rows came from."""
    return f"national_{year}_{'export' if direction == EXPORT else 'import'}.csv"


def file_sha256(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


# Loading (needs Django set up)

COPY_COLUMNS = (
    "direction", "hs_code", "partner_id", "port", "month", "quantity1",
    "quantity2", "unit1", "unit2", "value", "tonnes", "count", "file_id",
)  # fmt: skip


def copy_trade_rows(rows: int) -> None:
    """The partners, then ``rows`` rows with COPY, and the files they came from."""
    from django.db import connection, transaction

    from indicators.country_reference import load_countries, load_customs_partners
    from indicators.models import CustomsPartner

    with transaction.atomic():
        load_countries()
        load_customs_partners()
        partners = dict(CustomsPartner.objects.values_list("code", "id"))
        files = record_files(periods(rows))
        sql = f"COPY indicators_traderow ({', '.join(COPY_COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for record in trade_records(rows):
                partner = partners[record.partner]
                file = files[record.direction, record.month.year]
                copy.write_row((*record[:2], partner, *record[3:], file))


def record_files(loaded: list[tuple[int, date]]) -> dict[tuple[int, int], int]:
    """A loaded national file per direction and year, and the months it supplies.

    Returns the ids of the files by (direction, year).
    """
    from indicators.models import TradeFile, TradePeriod

    files = {}
    for direction, year in sorted({(d, month.year) for d, month in loaded}):
        months = [
            [d, m.year, m.month] for d, m in loaded if (d, m.year) == (direction, year)
        ]
        files[direction, year] = TradeFile.objects.create(
            name=file_name(direction, year),
            sha256=file_sha256(file_name(direction, year)),
            layout=LAYOUT,
            scope=NATIONAL_SCOPE,
            encoding="utf-8",
            status=TradeFile.Status.LOADED,
            periods=months,
        )
    TradePeriod.objects.bulk_create(
        TradePeriod(
            direction=direction,
            month=month,
            scope=NATIONAL_SCOPE,
            layout=LAYOUT,
            revision="confirmed",
            file=files[direction, month.year],
        )
        for direction, month in loaded
    )
    return {key: trade_file.pk for key, trade_file in files.items()}
