"""django-import-export formats that write through ``indicators.exporting``.

The library's own CSV and XLSX formats let a text cell starting with ``=``
through as a formula (tablib's XLSX writer even stores it as one), and its
``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only drops a leading ``=`` and
turns every number into text. These two formats neutralise every text cell
and keep numbers as numbers; settings make them the only export formats.
"""

from typing import Any

from import_export.formats import base_formats
from tablib import Dataset

from indicators.exporting import csv_bytes, xlsx_bytes


def _rows(dataset: Dataset) -> list[list[Any]]:
    header = [list(dataset.headers)] if dataset.headers else []
    return header + [list(row) for row in dataset]


class SpreadsheetSafeCSV(base_formats.CSV):
    """CSV in UTF-8 with a BOM, so that Japanese Excel reads it correctly."""

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def export_data(self, dataset: Dataset, **kwargs: Any) -> bytes:
        return csv_bytes(_rows(dataset), bom=True)

    def is_binary(self) -> bool:
        # The bytes are final: the admin must not encode them again.
        return True


class SpreadsheetSafeXLSX(base_formats.XLSX):
    def export_data(self, dataset: Dataset, **kwargs: Any) -> bytes:
        return xlsx_bytes(_rows(dataset), title=dataset.title or "export")


# The admin asks resources for numbers and dates (rather than their text)
# only for formats in this list, matched by exact type; see
# import_export.admin.ExportMixin.get_export_data.
for _format in (SpreadsheetSafeCSV, SpreadsheetSafeXLSX):
    if _format not in base_formats.BINARY_FORMATS:
        base_formats.BINARY_FORMATS.append(_format)
