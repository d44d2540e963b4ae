"""Reading a customs statistics file into monthly trade records, block by block.

Pure Python with polars; no Django. The file is read in blocks of a few
megabytes cut at line ends, so memory stays flat however large the file.
Each block is parsed by polars with a fixed schema (codes as text, so
leading zeros survive; quantities and values as integers), checked, and
narrowed to the rows whose HS code is classified or under a watched
heading. Only those rows are turned into monthly records; the others are
counted and dropped.

Encodings: UTF-8 with or without BOM, and CP932 (the Windows form of
Shift_JIS, with characters plain Shift_JIS lacks), decoded block by block.
A byte 0x0A is never part of a CP932 character, so cutting blocks at line
ends is safe in both encodings.

Rows are numbered as in the file: the header is row 1. A file with an
error yields problems (file, row, column, message) and no more records;
the caller writes nothing from it. Messages are Japanese msgids
(``indicators.messages``).
"""

import codecs
import csv
import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import polars as pl

from indicators.customs_layouts import (
    EXPORT,
    IMPORT,
    MEASURES,
    MONTHS,
    TEXT_COLUMNS,
    CustomsFileError,
    Layout,
    detect_layout,
    measure_column,
)
from indicators.hs_classification import Classifier, Status
from indicators.messages import gettext as _
from indicators.messages import gettext_noop
from indicators.problems import Problem

logger = logging.getLogger(__name__)

BLOCK_BYTES = 4 << 20
# Problems and warnings listed per file; the rest are only counted.
MAX_LISTED = 50

# Units of the customs schedule: weights become grams (exact integers; a
# tonne is a million), counts stay counts. MT is the metric ton.
WEIGHT_GRAMS = {"GR": 1, "KG": 1_000, "MT": 1_000_000}
COUNT_UNITS = ("NO",)

RECORD_COLUMNS = (
    "row",
    "direction",
    "hs_code",
    "partner_code",
    "port",
    "month",
    "quantity1",
    "quantity2",
    "unit1",
    "unit2",
    "value",
    "grams",
    "count",
)

Period = tuple[int, int, int]  # direction, year, month


@dataclass
class ReadResult:
    """What reading one file found; complete once its records are consumed."""

    source: str
    layout: Layout | None = None
    encoding: str = ""
    sha256: str = ""
    size_bytes: int = 0
    rows_read: int = 0
    rows_kept: int = 0
    rows_skipped: int = 0
    records: int = 0
    periods: set[Period] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def problem(self, row: int | None, message: str, column: str = "") -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(Problem(self.source, message, row, column or None))

    def warn(self, row: int | None, message: str, column: str = "") -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(Problem(self.source, message, row, column or None))

    def unlisted_problems(self) -> int:
        return self.problem_count - len(self.problems)

    def unlisted_warnings(self) -> int:
        return self.warning_count - len(self.warnings)


class CustomsFile:
    """One customs file: iterate ``records()``, then read ``result``."""

    def __init__(
        self,
        path: Path,
        classifier: Classifier,
        *,
        source: str | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.path = path
        self.classifier = classifier
        self.result = ReadResult(source=source or path.name)
        self.on_progress = on_progress
        self._hash = hashlib.sha256()
        self._hasher: ThreadPoolExecutor
        self._decoder: codecs.IncrementalDecoder | None = None
        self._next_row = 2
        self._unmapped: dict[tuple[str, int], list[int]] = {}
        self._prefixes = _prefix_lists(classifier)

    @property
    def layout(self) -> Layout:
        assert self.result.layout is not None, "read the header first"
        return self.result.layout

    def records(self) -> Iterator[pl.DataFrame]:
        """Monthly records of the kept rows (RECORD_COLUMNS), block by block."""
        started = time.monotonic()
        # SHA-256 runs in a thread (it releases the GIL) beside the parsing.
        with self.path.open("rb") as stream, ThreadPoolExecutor(1) as hasher:
            self._hasher = hasher
            body: bytes | None = self._read_header(stream)
            while body is not None:
                yield from self._records_of_block(body)
                body = self._next_block(stream)
        self._finish(started)

    # Reading blocks

    def _read_header(self, stream: IO[bytes]) -> bytes:
        first = self._read_raw(stream)
        text = self._decode_first(first)
        header_line, _end, body = text.partition(b"\n")
        headers = next(csv.reader([header_line.decode("utf-8").rstrip("\r")]), [])
        try:
            self.result.layout = detect_layout(headers, self.result.source)
        except CustomsFileError:
            self._finish_hash(stream)
            raise
        return body

    def _next_block(self, stream: IO[bytes]) -> bytes | None:
        raw = self._read_raw(stream)
        if not raw:
            return None
        if self._decoder is None:
            return raw
        return self._decoder.decode(raw).encode("utf-8")

    def _read_raw(self, stream: IO[bytes]) -> bytes:
        raw = stream.read(BLOCK_BYTES)
        if raw and not raw.endswith(b"\n"):
            raw += stream.readline()
        self._hasher.submit(self._hash.update, raw)  # in order: one worker
        self.result.size_bytes += len(raw)
        if self.on_progress is not None and raw:
            self.on_progress(len(raw))
        return raw

    def _finish_hash(self, stream: IO[bytes]) -> None:
        """Hash the rest of a file that will not be parsed."""
        while self._read_raw(stream):
            pass

    def _decode_first(self, raw: bytes) -> bytes:
        """Pick the encoding from the first block; return it as UTF-8."""
        if raw.startswith(codecs.BOM_UTF8):
            self.result.encoding = "utf-8-sig"
            return raw[len(codecs.BOM_UTF8) :]
        try:
            raw.decode("utf-8")
            self.result.encoding = "utf-8"
            return raw
        except UnicodeDecodeError:
            pass
        self._decoder = codecs.getincrementaldecoder("cp932")()
        self.result.encoding = "cp932"
        try:
            return self._decoder.decode(raw).encode("utf-8")
        except UnicodeDecodeError:
            message = _("文字コードが UTF-8 でも CP932 でもありません")
            raise CustomsFileError(
                [Problem(self.result.source, message, row=1)]
            ) from None

    # Parsing and checking a block

    def _records_of_block(self, body: bytes) -> Iterator[pl.DataFrame]:
        first_row = self._next_row
        if not body.strip():
            self._next_row += body.count(b"\n")
            return
        frame = self._parse(body, first_row)
        # One row per line of the block, blank lines included.
        self._next_row += frame.height
        frame = frame.filter(~_blank_row()).with_columns(_clean_codes())
        self.result.rows_read += frame.height
        self._check(frame)
        self._note_periods(frame)
        if not self.result.ok:
            return
        kept = self._kept_rows(frame)
        if kept.height:
            records = self._monthly_records(kept)
            self.result.records += records.height
            yield records

    def _parse(self, body: bytes, first_row: int) -> pl.DataFrame:
        try:
            frame = pl.read_csv(body, has_header=False, schema=self._schema())
        except pl.exceptions.PolarsError:
            # A cell polars cannot read as its type, or a ragged row: read
            # the block again as text to say where (slow, only on error).
            frame = self._parse_as_text(body, first_row)
        return frame.with_row_index("row", offset=first_row)

    def _schema(self) -> dict[str, pl.DataType]:
        return {
            name: pl.String() if _is_text(name) else pl.Int64()
            for name in _column_names(self.layout)
        }

    def _parse_as_text(self, body: bytes, first_row: int) -> pl.DataFrame:
        names = _column_names(self.layout)
        rows = []
        text = body.decode("utf-8", errors="replace")
        for offset, line in enumerate(text.split("\n")[: body.count(b"\n") + 1]):
            cells = next(csv.reader([line.rstrip("\r")]), [])
            if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
                self.result.problem(
                    first_row + offset,
                    _("セルが%(cells)s個ありますが、見出しは%(columns)s列です")
                    % {"cells": len(cells), "columns": len(names)},
                )
            rows.append((cells + [""] * len(names))[: len(names)])
        if rows and not any(c.strip() for c in rows[-1]):
            rows.pop()  # the empty string after the block's last line end
        frame = pl.DataFrame(rows, schema=list(names), orient="row")
        return self._cast_numbers(frame, first_row)

    def _cast_numbers(self, frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
        numeric = [n for n in frame.columns if not _is_text(n)]
        stripped = frame.with_columns(pl.col(numeric).str.strip_chars())
        typed = stripped.with_columns(
            pl.col(numeric).replace("", None).cast(pl.Int64, strict=False)
        )
        for name in numeric:
            bad = stripped.with_row_index("row", offset=first_row).filter(
                (pl.col(name) != "") & typed.get_column(name).is_null()
            )
            for row, cell in bad.select("row", name).iter_rows():
                self.result.problem(
                    row,
                    _("%(value)s は整数ではありません") % {"value": repr(cell)},
                    self.layout.label(name),
                )
        return typed.with_columns(
            pl.col(n).replace("", None) for n in frame.columns if _is_text(n)
        )

    def _check(self, frame: pl.DataFrame) -> None:
        checks = _checks(self.layout)
        failing = pl.any_horizontal(expr for expr, _describe in checks)
        bad = frame.filter(failing)
        if not bad.height:
            return
        flagged = bad.with_columns(
            expr.alias(f"_check_{i}") for i, (expr, _describe) in enumerate(checks)
        )
        for row in flagged.iter_rows(named=True):
            for i, (_expr, describe) in enumerate(checks):
                if row[f"_check_{i}"]:
                    message, column = describe(row)
                    self.result.problem(row["row"], message, column)

    def _note_periods(self, frame: pl.DataFrame) -> None:
        """The months a file covers: the months its columns hold numbers in."""
        if not self.layout.wide:
            months = frame.select("direction", "ym").unique().drop_nulls()
            for direction, ym in months.iter_rows():
                self.result.periods.add((direction, ym // 100, ym % 100))
            return
        filled = frame.group_by("direction", "year").agg(
            pl.any_horizontal(
                pl.col(measure_column(m, month)).is_not_null() for m in MEASURES
            )
            .any()
            .alias(str(month))
            for month in MONTHS
        )
        for row in filled.drop_nulls(["direction", "year"]).iter_rows(named=True):
            for month in MONTHS:
                if row[str(month)]:
                    self.result.periods.add((row["direction"], row["year"], month))

    # Narrowing to classified codes

    def _kept_rows(self, frame: pl.DataFrame) -> pl.DataFrame:
        candidates = frame.filter(self._under_a_known_prefix())
        if not self.layout.wide:
            candidates = candidates.with_columns(year=pl.col("ym") // 100)
        statuses = self._statuses(candidates)
        kept = candidates.join(statuses, on=["hs", "year"]).filter(
            pl.col("status") != Status.OUTSIDE.value
        )
        self.result.rows_kept += kept.height
        self.result.rows_skipped += frame.height - kept.height
        self._note_unmapped(kept)
        return kept

    def _under_a_known_prefix(self) -> pl.Expr:
        if not self._prefixes:
            return pl.lit(False)
        return pl.any_horizontal(
            pl.col("hs").str.slice(0, length).is_in(pl.Series(codes).implode())
            for length, codes in self._prefixes.items()
        )

    def _statuses(self, candidates: pl.DataFrame) -> pl.DataFrame:
        """Status and classification units of each distinct (code, year)."""
        rows = []
        for hs, year in candidates.select("hs", "year").unique().iter_rows():
            mapping = self.classifier.mapping_for(hs, year)
            status = self.classifier.status(hs, year)
            units = (mapping.unit1, mapping.unit2) if mapping else ("", "")
            rows.append((hs, year, status.value, *units))
        return pl.DataFrame(
            rows,
            schema={
                "hs": pl.String,
                "year": pl.Int64,
                "status": pl.String,
                "mapped_unit1": pl.String,
                "mapped_unit2": pl.String,
            },
            orient="row",
        )

    def _note_unmapped(self, kept: pl.DataFrame) -> None:
        unmapped = kept.filter(pl.col("status") == Status.UNMAPPED.value)
        for hs, year, row in unmapped.select("hs", "year", "row").iter_rows():
            self._unmapped.setdefault((hs, year), []).append(row)

    # Monthly records

    def _monthly_records(self, kept: pl.DataFrame) -> pl.DataFrame:
        if self.layout.wide:
            records = pl.concat([self._month_of(kept, m) for m in MONTHS])
        else:
            records = self._long_records(kept)
        records = records.filter(
            pl.any_horizontal(
                pl.col(c) > 0 for c in ("quantity1", "quantity2", "value")
            )
        )
        self._warn_value_without_quantity(records)
        return records.with_columns(grams=_grams(), count=_count()).select(
            RECORD_COLUMNS
        )

    def _month_of(self, kept: pl.DataFrame, month: int) -> pl.DataFrame:
        return kept.select(
            "row",
            "direction",
            pl.col("hs").alias("hs_code"),
            pl.col("partner").alias("partner_code"),
            _port(self.layout),
            pl.date(pl.col("year"), month, 1).alias("month"),
            pl.col(measure_column("q1", month)).alias("quantity1"),
            pl.col(measure_column("q2", month)).alias("quantity2"),
            _unit("unit1"),
            _unit("unit2"),
            pl.col(measure_column("value", month)).alias("value"),
            pl.lit(self.layout.label(measure_column("value", month))).alias("label"),
        )

    def _long_records(self, kept: pl.DataFrame) -> pl.DataFrame:
        """The long layout has no unit columns: units come from the mapping."""
        return kept.select(
            "row",
            "direction",
            pl.col("hs").alias("hs_code"),
            pl.col("partner").alias("partner_code"),
            _port(self.layout),
            pl.date(pl.col("year"), pl.col("ym") % 100, 1).alias("month"),
            pl.col("q1").alias("quantity1"),
            pl.col("q2").alias("quantity2"),
            pl.col("mapped_unit1").alias("unit1"),
            pl.col("mapped_unit2").alias("unit2"),
            pl.col("value"),
            pl.lit(self.layout.label("value")).alias("label"),
        )

    def _warn_value_without_quantity(self, records: pl.DataFrame) -> None:
        no_quantity = records.filter(
            (pl.col("value") > 0)
            & (pl.col("quantity1").fill_null(0) == 0)
            & (pl.col("quantity2").fill_null(0) == 0)
        )
        for row, hs, value, label in no_quantity.select(
            "row", "hs_code", "value", "label"
        ).iter_rows():
            self.result.warn(
                row,
                _("HS %(hs)s: 数量が0なのに金額が%(value)s千円あります")
                % {"hs": hs, "value": value},
                label,
            )

    def _finish(self, started: float) -> None:
        for (hs, year), rows in sorted(self._unmapped.items()):
            self.result.warn(
                rows[0],
                _(
                    "HS %(hs)s は注視する項に属しますが、%(year)s年の分類の行が"
                    "ありません（%(rows)s行を分類なしで保存）"
                )
                % {"hs": hs, "year": year, "rows": len(rows)},
            )
        self.result.sha256 = self._hash.hexdigest()
        self.result.seconds = time.monotonic() - started
        result = self.result
        logger.info(
            "read %s (%s, %s): %d rows, %d kept, %d skipped, %d records, "
            "%d problems, %d warnings in %.2f s",
            result.source,
            self.layout.name,
            result.encoding,
            result.rows_read,
            result.rows_kept,
            result.rows_skipped,
            result.records,
            result.problem_count,
            result.warning_count,
            result.seconds,
        )


# Column expressions


def _column_names(layout: Layout) -> list[str]:
    return [name or f"_unused_{i}" for i, name in enumerate(layout.columns)]


def _is_text(name: str) -> bool:
    return name in TEXT_COLUMNS or name.startswith("_unused_")


def _blank_row() -> pl.Expr:
    return pl.all_horizontal(
        pl.col(c).is_null() for c in ("direction", "hs", "partner")
    )


def _clean_codes() -> list[pl.Expr]:
    """Codes as text without spaces or the ``'`` that keeps Excel off them."""
    return [
        pl.col("hs").str.strip_chars().str.strip_chars("'\""),
        pl.col("partner").str.strip_chars(),
    ]


def _port(layout: Layout) -> pl.Expr:
    if layout.has("port"):
        return pl.col("port").str.strip_chars().fill_null("").alias("port")
    return pl.lit("").alias("port")


def _unit(name: str) -> pl.Expr:
    return pl.col(name).str.strip_chars().str.to_uppercase().fill_null("")


def _grams() -> pl.Expr:
    """Weight in grams from whichever quantity has a weight unit (unit 2 first)."""

    def weighed(quantity: str, unit: str) -> pl.Expr:
        factor = pl.col(unit).replace_strict(
            WEIGHT_GRAMS, default=None, return_dtype=pl.Int64
        )
        return pl.col(quantity) * factor

    return pl.coalesce(weighed("quantity2", "unit2"), weighed("quantity1", "unit1"))


def _count() -> pl.Expr:
    return (
        pl.when(pl.col("unit1").is_in(COUNT_UNITS))
        .then(pl.col("quantity1"))
        .when(pl.col("unit2").is_in(COUNT_UNITS))
        .then(pl.col("quantity2"))
        .otherwise(None)
    )


def _whole(cell: object) -> int:
    return cell if isinstance(cell, int) else 0


def _prefix_lists(classifier: Classifier) -> dict[int, list[str]]:
    return {length: sorted(codes) for length, codes in classifier.prefixes().items()}


# Checks: (expression true on a bad row, message and column for that row)

Describe = Callable[[dict[str, object]], tuple[str, str]]
Check = tuple[pl.Expr, Describe]


def _checks(layout: Layout) -> list[Check]:
    checks = _code_checks(layout)
    numeric = [c for c in layout.columns if c and not _is_text(c)]
    numeric = [c for c in numeric if c not in ("direction", "year", "ym")]
    checks += [_negative_check(layout, column) for column in numeric]
    if layout.wide:
        checks += [_sum_check(layout, measure) for measure in MEASURES]
    return checks


def _code_checks(layout: Layout) -> list[Check]:
    """Each code cell must hold a code: (column, must match, message)."""
    port = pl.col("port").str.strip_chars()
    ym = pl.col("ym")
    wanted = [
        ("direction", pl.col("direction").is_in([EXPORT, IMPORT]), _NOT_DIRECTION),
        ("hs", pl.col("hs").str.contains(r"^\d{9}$"), _NOT_HS),
        ("partner", pl.col("partner").str.contains(r"^\d{3}$"), _NOT_PARTNER),
        ("port", port.is_null() | port.str.contains(r"^\d{1,5}$"), _NOT_PORT),
        ("year", pl.col("year").is_between(1900, 2100), _NOT_YEAR),
        ("ym", (ym % 100).is_between(1, 12) & (ym // 100 > 1900), _NOT_YM),
    ]
    return [
        ((~matches).fill_null(True), _cell(layout, column, message))
        for column, matches, message in wanted
        if layout.has(column)
    ]


# Translated when a row is reported: the reader's language is known then.
_NOT_DIRECTION = gettext_noop(
    "輸出入の別が1（輸出）でも2（輸入）でもありません: %(value)s"
)
_NOT_HS = gettext_noop("HSコードが正しくありません（9桁のはず）: %(value)s")
_NOT_PARTNER = gettext_noop("国コードが正しくありません（3桁のはず）: %(value)s")
_NOT_PORT = gettext_noop("税関官署のコードが正しくありません: %(value)s")
_NOT_YEAR = gettext_noop("年が正しくありません: %(value)s")
_NOT_YM = gettext_noop("年月が正しくありません（YYYYMMのはず）: %(value)s")
_NEGATIVE_VALUE = gettext_noop("金額が負の数です: %(value)s")
_NEGATIVE_QUANTITY = gettext_noop("数量が負の数です: %(value)s")


def _cell(layout: Layout, column: str, message: str) -> Describe:
    label = layout.label(column)
    return lambda row: (_(message) % {"value": repr(row[column])}, label)


def _negative_check(layout: Layout, column: str) -> Check:
    label = layout.label(column)
    message = _NEGATIVE_VALUE if column.startswith("value") else _NEGATIVE_QUANTITY
    return (
        (pl.col(column) < 0).fill_null(False),
        lambda row: (_(message) % {"value": row[column]}, label),
    )


def _sum_check(layout: Layout, measure: str) -> Check:
    total = measure_column(measure, 0)
    months = [measure_column(measure, m) for m in MONTHS]
    label = layout.label(total)

    def describe(row: dict[str, object]) -> tuple[str, str]:
        summed = sum(_whole(row[m]) for m in months)
        message = _("月の合計は%(months)sですが、年の合計は%(total)sです")
        return message % {"months": summed, "total": _whole(row[total])}, label

    return (pl.sum_horizontal(months) != pl.col(total).fill_null(0), describe)
