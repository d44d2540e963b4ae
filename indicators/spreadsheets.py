"""Reading staff spreadsheets (CSV or XLSX) into rows of text, with row numbers.

Pure Python. CSV may be UTF-8 with or without BOM, or CP932 (the Windows
form of Shift_JIS that Japanese Excel writes); XLSX is read with openpyxl
in read-only mode after a size and compression check. Every row keeps its
number in the file (the header is row 1) so errors can point at it.
Messages are Japanese msgids (``indicators.messages``) naming the file.
"""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO

from indicators.messages import gettext as _

MAX_XLSX_BYTES = 50_000_000
MAX_XLSX_UNCOMPRESSED = 500_000_000
MAX_XLSX_RATIO = 100
MAX_ROWS = 1_000_000
ENCODINGS = ("utf-8-sig", "cp932")


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table; the message names the file."""


@dataclass
class Sheet:
    source: str
    headers: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def normalise_header(text: object) -> str:
    """Header text as a lookup key: NFKC, lower case, spaces and dashes as ``_``."""
    folded = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return re.sub(r"[\s\-]+", "_", folded)


def read_sheet(path: Path | str, source: str | None = None) -> Sheet:
    path = Path(path)
    name = source or path.name
    data = path.read_bytes()
    return read_sheet_bytes(data, name)


def read_sheet_bytes(data: bytes, source: str) -> Sheet:
    if data[:4] == b"PK\x03\x04" or source.lower().endswith(".xlsx"):
        return _read_xlsx(data, source)
    return _read_csv(decode_text(data, source), source)


def decode_text(data: bytes, source: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        _(
            "%(source)s: 文字コードが UTF-8 でも CP932 でもありません。"
            "CSV（UTF-8）か XLSX で保存してください"
        )
        % {"source": source}
    )


def _read_csv(text: str, source: str) -> Sheet:
    if "\x00" in text:
        raise SpreadsheetError(
            _("%(source)s: NUL バイトを含むため、テキストの CSV ファイルではありません")
            % {"source": source}
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise SpreadsheetError(
            _("%(source)s: %(line)s行目: %(error)s")
            % {"source": source, "line": reader.line_num, "error": exc}
        ) from None
    return _sheet_from_rows(source, enumerate(lines, start=1))


def _read_xlsx(data: bytes, source: str) -> Sheet:
    _check_xlsx_container(data, source)
    try:
        return _read_first_worksheet(data, source)
    except SpreadsheetError:
        raise
    except Exception as exc:
        # openpyxl reads the worksheet lazily, so a damaged file fails while
        # its rows are read too, and zipfile, zlib, the XML parser and
        # openpyxl each raise their own types (IndexError, KeyError,
        # NotImplementedError for an unknown zip version, ...).
        reason = str(exc)[:200] or type(exc).__name__
        raise SpreadsheetError(
            _("%(source)s: XLSX のブックとして読めません（%(reason)s）")
            % {"source": source, "reason": reason}
        ) from None


def _read_first_worksheet(data: bytes, source: str) -> Sheet:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(
                _("%(source)s: ブックにワークシートがありません") % {"source": source}
            )
        worksheet = workbook.worksheets[0]
        # Read-only openpyxl trusts the sheet's <dimension> tag: one that is
        # too small (some writers always put "A1") silently drops rows and
        # columns, one that is too large pads every row to 16,384 cells.
        # Forget it and take the rows as the file has them.
        worksheet.reset_dimensions()
        rows = (
            (number, [_cell_value(v) for v in values])
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
        )
        return _sheet_from_rows(source, rows)
    except SpreadsheetError:
        raise
    except Exception as exc:  # a broken sheet shows only as its rows are read
        raise SpreadsheetError(
            _(
                "%(source)s: XLSX のブックとして読めません。"
                "最初のシートが壊れています（%(error)s）"
            )
            % {"source": source, "error": exc}
        ) from None
    finally:
        workbook.close()


def _check_xlsx_container(data: bytes, source: str) -> None:
    if len(data) > MAX_XLSX_BYTES:
        raise SpreadsheetError(
            _("%(source)s: XLSX が %(limit)s バイトより大きいファイルです")
            % {"source": source, "limit": f"{MAX_XLSX_BYTES:,}"}
        )
    try:
        archive = zipfile.ZipFile(_bytes_io(data))
    except Exception:
        # Besides BadZipFile: NotImplementedError for an unknown zip version,
        # ValueError or EOFError for a damaged directory.
        raise SpreadsheetError(
            _("%(source)s: XLSX（zip）ファイルとして正しくありません")
            % {"source": source}
        ) from None
    unpacked = sum(info.file_size for info in archive.infolist())
    packed = sum(info.compress_size for info in archive.infolist()) or 1
    if unpacked > MAX_XLSX_UNCOMPRESSED or unpacked / packed > MAX_XLSX_RATIO:
        raise SpreadsheetError(
            _(
                "%(source)s: XLSX を展開すると %(unpacked)s バイト（%(ratio)s 倍）に"
                "なります。zip 爆弾のおそれがあるため読み込みません"
            )
            % {
                "source": source,
                "unpacked": f"{unpacked:,}",
                "ratio": f"{unpacked / packed:.0f}",
            }
        )


def _bytes_io(data: bytes) -> IO[bytes]:
    return io.BytesIO(data)


def _sheet_from_rows(source: str, rows: object) -> Sheet:
    iterator = iter(rows)  # type: ignore[call-overload]
    for _number, values in iterator:
        if any(_filled(v) for v in values):
            headers = [str(v).strip() if v is not None else "" for v in values]
            break
    else:
        raise SpreadsheetError(
            _("%(source)s: 見出しの行がありません") % {"source": source}
        )

    sheet = Sheet(source=source, headers=headers)
    for seen, (number, values) in enumerate(iterator, start=1):
        # Blank rows count too: a file of a million of them costs as much
        # to read, and the limit must stop the reading, not just the import.
        if seen > MAX_ROWS:
            raise SpreadsheetError(
                _("%(source)s: 行が %(limit)s 行を超えています")
                % {"source": source, "limit": f"{MAX_ROWS:,}"}
            )
        if not any(_filled(v) for v in values):
            continue
        extra = [v for v in values[len(headers) :] if _filled(v)]
        if extra:
            raise SpreadsheetError(
                _(
                    "%(source)s: %(row)s行目のセルは%(cells)s個ですが、"
                    "見出しは%(columns)s列です"
                )
                % {
                    "source": source,
                    "row": number,
                    "cells": len(values),
                    "columns": len(headers),
                }
            )
        padded = list(values) + [None] * (len(headers) - len(values))
        sheet.rows.append((number, padded[: len(headers)]))
    return sheet


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _cell_value(value: object) -> object:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date | int | float | str) or value is None:
        return value
    return str(value)
