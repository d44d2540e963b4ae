"""CSV output of the API: one renderer for pages, one generator for streams.

Both write UTF-8 (no byte-order mark, for programs rather than for Excel) with
the same cell rules, so a page and a full export of the same list read
alike:

- codes (HS, country, municipality) arrive as strings and are written as
  they are, leading zeros included;
- decimals are written as exact plain text (``plain_decimal``), never in
  exponent form and never rounded through a float;
- a text cell that a spreadsheet would read as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
  apostrophe, while a number, including a negative one and a decimal that
  JSON carried as a string, stays a number;
- nested values (a breakdown, a provenance record) are written as JSON text;
- times are ISO 8601 in the portal's time zone, as in JSON.
"""

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework.renderers import BaseRenderer

from indicators.exporting import FORMULA_TRIGGERS, QUOTE, starts_like_formula
from indicators.numbers import plain_decimal

# A cell that is exactly a plain decimal number cannot be a formula: a
# spreadsheet reads "-12.5" as the number minus twelve point five.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
ROWS_PER_CHUNK = 2000


def neutralise_formula_text(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would evaluate it.

    The rule is the portal's one (``exporting.starts_like_formula``), with one
    exception for the API: DRF hands decimals over as strings, so a cell that
    is exactly a plain number is a number and stays as it is.
    """
    # Most cells start with a letter or digit: ASCII that NFKC leaves as it is.
    if not text or (text[0] < "\x80" and text[0] not in FORMULA_TRIGGERS):
        return text
    if PLAIN_NUMBER.fullmatch(text) or not starts_like_formula(text):
        return text
    return QUOTE + text


def csv_cell(value: Any) -> str:
    """One value as CSV cell text, by the rules in this module's docstring."""
    # Looked up by exact type first: a full export calls this once per cell.
    write = CELL_WRITERS.get(type(value))
    if write is not None:
        return write(value)
    return _other_cell(value)


def _datetime_cell(value: datetime) -> str:
    # In the portal's time zone, as the JSON serializers write it.
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def _json_cell(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return neutralise_formula_text(text)


def _other_cell(value: Any) -> str:
    """Subclasses of the types in ``CELL_WRITERS`` and anything else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | int):
        return plain_decimal(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping | list | tuple):
        return _json_cell(value)
    if isinstance(value, datetime):
        return _datetime_cell(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return neutralise_formula_text(str(value))


CELL_WRITERS: dict[type, Callable[[Any], str]] = {
    type(None): lambda value: "",
    str: neutralise_formula_text,
    bool: lambda value: "true" if value else "false",
    int: str,
    Decimal: plain_decimal,
    float: repr,
    date: date.isoformat,
    datetime: _datetime_cell,
    dict: _json_cell,
    list: _json_cell,
}


def csv_lines(
    header: Sequence[str], rows: Iterable[Sequence[Any]], rows_per_chunk: int = 0
) -> Iterator[bytes]:
    """The header and rows as UTF-8 CSV, in chunks of ``rows_per_chunk`` rows."""
    rows_per_chunk = rows_per_chunk or ROWS_PER_CHUNK
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow(map(csv_cell, row))
        if count % rows_per_chunk == 0:
            yield _drain(buffer)
    yield _drain(buffer)


class CSVRenderer(BaseRenderer):
    """A list page, a table or one record as CSV with a header row.

    A page renders its ``results``; the other keys of an envelope (links,
    as-of date) go in the ``Link`` header and the file name instead.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        records = _records(data)
        header = _header(records, renderer_context)
        rows = ([record.get(name) for name in header] for record in records)
        return b"".join(csv_lines(header, rows))


def _records(data: Any) -> list[Mapping[str, Any]]:
    if data is None:
        return []
    if isinstance(data, Mapping) and isinstance(data.get("results"), list):
        return list(data["results"])
    if isinstance(data, list):
        return data
    return [data]


def _header(
    records: list[Mapping[str, Any]], renderer_context: Mapping[str, Any] | None
) -> list[str]:
    if records:
        return list(records[0].keys())
    # An empty list still tells the client its columns.
    view = (renderer_context or {}).get("view")
    get_serializer = getattr(view, "get_serializer", None)
    if get_serializer is None:
        return []
    try:
        return list(get_serializer().fields.keys())
    except (AssertionError, TypeError):
        return []


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")
