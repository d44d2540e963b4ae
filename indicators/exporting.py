"""Rows written to CSV or XLSX so that no cell can run as a formula.

A spreadsheet program reads a text cell that begins with ``=``, ``+``,
``-`` or ``@`` as a formula, and some also act on a leading tab or
carriage return; a project name typed as ``=HYPERLINK(...)`` would then
run on the computer of whoever opens the export. Every export of the
portal goes through this module, which decides cell by cell:

- Text that begins with one of those characters is neutralised. So is
  text that begins with their full-width forms (``＝＋－＠``): Japanese
  input methods type them, NFKC folds them to the ASCII ones, and Excel
  may do the same. In CSV the text gets a leading apostrophe, which Excel
  hides and treats as "this is text". In XLSX the cell is written as a
  string with Excel's quote-prefix flag, which is how Excel itself stores
  a typed apostrophe: the text reads as it was and stays text when
  someone edits the cell.
- Numbers (``int``, ``Decimal``, ``float``) are never touched, so a
  negative number stays negative. A *string* such as ``"-12"`` is text
  and is neutralised like any other text: the module cannot tell a number
  kept as text from a formula such as ``-1+A1``, so callers pass numbers
  as numbers. A number that is not finite (NaN, infinity) is refused,
  because no spreadsheet can hold it and writing it as text would hide a
  fault upstream; so is one beyond Excel's largest (about 1e308) in XLSX,
  where openpyxl would silently write an empty cell. XLSX keeps 16
  significant digits (openpyxl writes ``%.16g``; Excel shows 15); CSV
  writes every digit.
- ``None`` is an empty cell. Dates and times stay dates in XLSX and are
  written in ISO 8601 in CSV; an aware datetime keeps its own wall-clock
  time in XLSX (which has no time zones), so convert it to local time
  first. Anything else is written as its ``str()``, as text.

Pure Python: no Django. openpyxl writes the XLSX files.
"""

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TypeGuard

FORMULA_TRIGGERS = frozenset("=+-@\t\r")
XLSX_LARGEST = 9.99999999999999e307  # Excel's largest number
QUOTE = "'"
# XML 1.0 cannot hold these; openpyxl would refuse the whole workbook.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XLSX_REPLACEMENT = "\ufffd"
# Characters Excel refuses in a sheet's name (円/トン, 2018: 前年比 ...).
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Number = int | float | Decimal
Row = Sequence[object]


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula."""
    if not text:
        return False
    return unicodedata.normalize("NFKC", text[0])[:1] in FORMULA_TRIGGERS


def unneutralised(text: str) -> str:
    """The text as written before ``csv_cell`` neutralised it: a file the
    portal exported reads back the same when it is imported again."""
    if text.startswith(QUOTE) and starts_like_formula(text[len(QUOTE) :]):
        return text[len(QUOTE) :]
    return text


def is_number(value: object) -> TypeGuard[Number]:
    """Numbers stay numbers; ``bool`` is a truth value, not a count."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def csv_cell(value: object) -> str:
    """The text of one CSV cell, neutralised if it could run as a formula."""
    if value is None:
        return ""
    if is_number(value):
        return _number_text(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return QUOTE + text if starts_like_formula(text) else text


def write_csv(
    stream: IO[str], rows: Iterable[Row], *, lineterminator: str = "\r\n"
) -> int:
    """Write rows as CSV (RFC 4180 line ends by default); returns the count."""
    writer = csv.writer(stream, lineterminator=lineterminator)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        count += 1
    return count


def csv_bytes(rows: Iterable[Row], *, bom: bool = True) -> bytes:
    """CSV as UTF-8; with the BOM Japanese Excel opens it without mojibake."""
    out = io.StringIO()
    write_csv(out, rows)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows: Iterable[Row], *, title: str = "Sheet1") -> bytes:
    """A one-sheet XLSX workbook; every cell typed explicitly."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet_title(title))
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_title(title: str) -> str:
    """A title Excel accepts: no ``[]:*?/\\``, at most 31 characters."""
    cleaned = SHEET_TITLE_FORBIDDEN.sub(" ", title).strip(" '")
    return cleaned[:31] or "Sheet1"


def _xlsx_cell(worksheet: object, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

    if is_number(value):
        _require_finite(value)
        if abs(float(value)) > XLSX_LARGEST:
            raise ValueError(f"{value!r} is larger than a spreadsheet can hold")
    elif isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    elif not (value is None or isinstance(value, bool | date)):
        return _xlsx_text_cell(worksheet, str(value))

    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, date):
        with_time = isinstance(value, datetime)
        cell.number_format = "yyyy-mm-dd hh:mm:ss" if with_time else "yyyy-mm-dd"
    return cell


def _xlsx_text_cell(worksheet: object, text: str) -> object:
    from openpyxl.cell import WriteOnlyCell

    text = XML_ILLEGAL.sub(XLSX_REPLACEMENT, text)
    cell = WriteOnlyCell(worksheet, value=text)
    # openpyxl marks a string that starts with "=" as a formula: overrule it.
    cell.data_type = "s"
    if starts_like_formula(text):
        cell.quotePrefix = True
    return cell


def _number_text(value: Number) -> str:
    _require_finite(value)
    if isinstance(value, Decimal):
        # Plain digits: str() may give "1E+3", which not every reader takes.
        return format(value, "f")
    return repr(value) if isinstance(value, float) else str(value)


def _require_finite(value: Number) -> None:
    finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    if not finite:
        raise ValueError(f"cannot export the non-finite number {value!r}")
