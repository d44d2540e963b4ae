"""Fuzzing every file reader: random bytes and mangled valid files.

Whatever the bytes, the spreadsheet reader returns a sheet or raises
``SpreadsheetError``; an import returns a report or raises
``SpreadsheetError`` / ``ImportRejected`` (``CommandError`` from the
command), and a refused import leaves every table exactly as it was.
"""

import functools
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from indicators.importing import IMPORT_KINDS, ImportRejected, import_bytes
from indicators.spreadsheets import SpreadsheetError, read_sheet_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "indicators" / "data" / "sample" / "cooperation"
SURVEYS = ROOT / "surveys" / "data" / "sample"

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def head(path: Path, lines: int = 6) -> bytes:
    """The header and first rows of a bundled file, in its own encoding."""
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


REGISTRY = (
    "code,prefecture,name,kana,kind,valid_from,valid_to,successor_code\n"
    "011002,北海道,札幌市,さっぽろし,designated_city,,,\n"
    "012025,北海道,函館市,はこだてし,city,,,\n"
).encode()
SERIES = (
    "series,period,value,unit,source\n"
    "basel-export-tonnes,2017,1234.5,t,環境省\n"
    "basel-export-cases,平成30年度,12,cases,環境省\n"
).encode()

CLASSIFICATION = ROOT / "indicators" / "data" / "classification.csv"

# A valid file of every import kind: (kind, file name, bytes, options).
SEEDS: list[tuple[str, str, bytes, dict[str, str]]] = [
    ("memberships", "memberships.csv", head(SAMPLES / "memberships.csv"), {}),
    ("applications", "applications.csv", head(SAMPLES / "applications.csv"), {}),
    ("projects", "projects.csv", head(SAMPLES / "projects.csv"), {}),
    ("municipalities", "registry.csv", REGISTRY, {}),
    ("series", "series.csv", SERIES, {}),
    ("classification", "classification.csv", head(CLASSIFICATION), {}),
    (
        "survey",
        "survey.csv",
        head(SURVEYS / "survey_fy2017.csv"),
        {"fiscal_year": "2017"},
    ),
]


def test_every_import_kind_has_a_seed_file() -> None:
    assert {kind for kind, *_ in SEEDS} == set(IMPORT_KINDS)


@functools.cache
def as_xlsx(csv_bytes: bytes) -> bytes:
    """The same table as an XLSX workbook (made once: it carries a timestamp)."""
    sheet = read_sheet_bytes(csv_bytes, "seed.csv")
    book = Workbook()
    worksheet = book.active
    assert worksheet is not None
    worksheet.append(sheet.headers)
    for _number, values in sheet.rows:
        worksheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Mutations ----------------------------------------------------------------------


@st.composite
def mangled_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one to four random edits."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(EDITS))
        data = edit(draw, data)
    return bytes(data)


def _position(draw: st.DrawFn, data: bytearray) -> int:
    return draw(st.integers(0, max(len(data) - 1, 0)))


def _flip(draw: st.DrawFn, data: bytearray) -> bytearray:
    if data:
        data[_position(draw, data)] ^= draw(st.integers(1, 255))
    return data


def _delete(draw: st.DrawFn, data: bytearray) -> bytearray:
    start = _position(draw, data)
    del data[start : start + draw(st.integers(1, 40))]
    return data


def _insert(draw: st.DrawFn, data: bytearray) -> bytearray:
    start = _position(draw, data)
    data[start:start] = draw(st.binary(min_size=1, max_size=20))
    return data


def _insert_text(draw: st.DrawFn, data: bytearray) -> bytearray:
    """Characters a spreadsheet cell might hold: quotes, commas, kanji, NUL."""
    text = draw(st.text(alphabet=',"\n\r\t\x00=+-@年度令和０１２ア', max_size=12))
    start = _position(draw, data)
    data[start:start] = text.encode(draw(st.sampled_from(["utf-8", "cp932"])))
    return data


def _truncate(draw: st.DrawFn, data: bytearray) -> bytearray:
    return data[: _position(draw, data)]


def _repeat_line(draw: st.DrawFn, data: bytearray) -> bytearray:
    lines = bytes(data).splitlines(keepends=True)
    if lines:
        index = draw(st.integers(0, len(lines) - 1))
        lines.insert(index, lines[index])
    return bytearray(b"".join(lines))


EDITS: list[Callable[[st.DrawFn, bytearray], bytearray]] = [
    _flip,
    _delete,
    _insert,
    _insert_text,
    _truncate,
    _repeat_line,
]


@st.composite
def mangled_xlsx(draw: st.DrawFn, original: bytes) -> bytes:
    """A workbook whose zip stays valid but one part's XML is mangled."""
    source = zipfile.ZipFile(io.BytesIO(original))
    names = source.namelist()
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            content = source.read(name)
            if name == victim:
                content = draw(mangled_bytes(content))
            target.writestr(name, content)
    return out.getvalue()


# What every table holds, to show a refused import wrote nothing --------------


def table_sizes() -> dict[str, int]:
    models = [*apps.get_app_config("indicators").get_models()]
    models += apps.get_app_config("surveys").get_models()
    return {m._meta.label: m._default_manager.count() for m in models}


def import_or_refuse(
    kind: str, name: str, data: bytes, options: dict[str, Any]
) -> None:
    """Import ``data``; a refusal must be a clear error and leave no trace."""
    before = table_sizes()
    try:
        import_bytes(kind, data, name, **options)
    except (SpreadsheetError, ImportRejected) as refusal:
        assert str(refusal)
        assert table_sizes() == before


# The tests ------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=2000), xlsx=st.booleans())
def test_random_bytes_are_read_or_refused_by_the_spreadsheet_reader(
    data: bytes, xlsx: bool
) -> None:
    name = "upload.xlsx" if xlsx else "upload.csv"
    try:
        sheet = read_sheet_bytes(data, name)
    except SpreadsheetError as refusal:
        assert name in str(refusal)
    else:
        assert all(len(values) == len(sheet.headers) for _n, values in sheet.rows)


@FUZZ
@given(data=st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b))
def test_random_bytes_that_look_like_a_zip_are_refused(data: bytes) -> None:
    with pytest.raises(SpreadsheetError):
        read_sheet_bytes(data, "upload.xlsx")


@pytest.mark.parametrize(("kind", "name", "seed", "options"), SEEDS)
@pytest.mark.usefixtures("reference_data")
@FUZZ
@given(st.data())
def test_a_mangled_csv_of_every_kind_is_imported_or_refused_cleanly(
    kind: str,
    name: str,
    seed: bytes,
    options: dict[str, str],
    data: st.DataObject,
) -> None:
    import_or_refuse(kind, name, data.draw(mangled_bytes(seed)), options)


@pytest.mark.parametrize(("kind", "name", "seed", "options"), SEEDS)
@pytest.mark.usefixtures("reference_data")
@FUZZ
@given(st.data())
def test_a_mangled_xlsx_of_every_kind_is_imported_or_refused_cleanly(
    kind: str,
    name: str,
    seed: bytes,
    options: dict[str, str],
    data: st.DataObject,
) -> None:
    workbook = as_xlsx(seed)
    mangled = data.draw(st.one_of(mangled_xlsx(workbook), mangled_bytes(workbook)))
    import_or_refuse(kind, name.replace(".csv", ".xlsx"), mangled, options)


@pytest.mark.usefixtures("reference_data")
@settings(max_examples=15, deadline=None)
@given(data=st.binary(max_size=300))
def test_the_command_turns_any_refusal_into_a_command_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "memberships.csv"
    path.write_bytes(data)
    before = table_sizes()

    try:
        call_command("import_records", "memberships", str(path))
    except CommandError as refusal:
        assert str(refusal)
        assert table_sizes() == before


@pytest.mark.usefixtures("reference_data")
def test_a_column_named_like_the_readers_row_number_does_not_move_the_rows() -> None:
    crafted = b"country,framework,joined_on,__row__\nMN,JCM,2013-01-08,x\n"

    report = import_bytes("memberships", crafted, "crafted.csv")

    assert [row[:2] for row in report.row_results] == [(2, "new")]
